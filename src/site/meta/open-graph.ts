// Open Graph and X (Twitter) card tags: what a link preview shows when this page is shared.
import { html, type SafeHtml } from '../html.js';

export interface OpenGraphInput {
  title: string;
  description: string;
  url: string;
  siteName: string;
  type?: 'article' | 'website';
  image?: { url: string; alt?: string | null; width?: number | null; height?: number | null } | null;
  publishedTime?: string | null;
  modifiedTime?: string | null;
  locale?: string | null;
  section?: string | null;
  tags?: string[];
}

function meta(property: string, content: string | number | null | undefined): SafeHtml | '' {
  if (content === null || content === undefined || content === '') return '';
  return html`<meta property="${property}" content="${String(content)}">\n`;
}

function named(name: string, content: string | null | undefined): SafeHtml | '' {
  if (!content) return '';
  return html`<meta name="${name}" content="${content}">\n`;
}

/** `og:` tags, `article:` times and `twitter:card summary_large_image`. */
export function renderOpenGraph(input: OpenGraphInput): SafeHtml {
  const image = input.image ?? null;
  return html`${meta('og:type', input.type ?? 'article')}${meta('og:title', input.title)}${meta('og:description', input.description)}${meta(
    'og:url',
    input.url,
  )}${meta('og:site_name', input.siteName)}${meta('og:locale', input.locale?.replace('-', '_'))}${
    image ? [meta('og:image', image.url), meta('og:image:alt', image.alt), meta('og:image:width', image.width), meta('og:image:height', image.height)] : ''
  }${meta('article:published_time', input.publishedTime)}${meta('article:modified_time', input.modifiedTime)}${meta('article:section', input.section)}${(
    input.tags ?? []
  ).map((tag) => meta('article:tag', tag))}${named('twitter:card', 'summary_large_image')}${named('twitter:title', input.title)}${named(
    'twitter:description',
    input.description,
  )}${named('twitter:image', image?.url)}${named('twitter:image:alt', image?.alt)}`;
}
