// JSON-LD `NewsArticle` that carries the provenance machines read: the original (`isBasedOn`), who first
// published it (`sourceOrganization`), who publishes this copy (`publisher`), the author, license and dateline.
import { absoluteImageUrl } from '../../media/site-images.js';
import type { Article, RightsInfo, SiteInfo, Source } from '../../model/types.js';
import { raw, type SafeHtml } from '../html.js';

export interface NewsArticleInput {
  site: SiteInfo;
  source: Source;
  article: Article;
  rights: RightsInfo;
  pageUrl: string;
  description: string;
  /** The corrections the page shows (the source's and the editors'), newest first. */
  corrections?: { text: string; date: string }[];
}

type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json };

/** Drops null, undefined, empty strings and empty arrays, so the graph carries only what is known. */
function trim(value: Json): Json {
  if (Array.isArray(value)) {
    const items = value.map(trim).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) {
      const trimmed = trim(item);
      if (trimmed !== undefined) out[key] = trimmed;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (value === null || value === '') return undefined;
  return value;
}

function organization(name: string, url: string | null | undefined, logo?: string | null): Json {
  return { '@type': 'Organization', name, url, logo: logo ? { '@type': 'ImageObject', url: logo } : undefined };
}

export function newsArticleJsonLd({ site, source, article, rights, pageUrl, description, corrections = [] }: NewsArticleInput): Record<string, unknown> {
  const byline = article.byline?.trim();
  // A byline that is the source's own name is the organisation, not a person.
  const author = byline && byline !== source.name ? { '@type': 'Person', name: byline } : organization(source.name, source.homeUrl);
  const lead = article.lead;
  const graph: Json = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline,
    alternativeHeadline: article.subheadline,
    description,
    image: lead
      ? [
          {
            '@type': 'ImageObject',
            url: absoluteImageUrl(lead.url, site.url),
            contentUrl: absoluteImageUrl(lead.url, site.url),
            caption: lead.caption,
            creditText: lead.credit,
            copyrightNotice: lead.copyright ?? undefined,
            license: lead.license ?? undefined,
            width: lead.width ?? undefined,
            height: lead.height ?? undefined,
          },
        ]
      : undefined,
    datePublished: article.firstCreated ?? article.republishedAt,
    dateModified: article.versionCreated ?? article.republishedAt ?? article.firstCreated,
    author,
    publisher: organization(site.name, site.url, site.logoUrl ? new URL(site.logoUrl, `${site.url}/`).toString() : null),
    sourceOrganization: organization(source.name, source.homeUrl, source.logoUrl),
    isBasedOn: article.originalUrl,
    license: rights.licenseUrl ?? rights.license,
    usageInfo: rights.usageTerms,
    copyrightHolder: rights.copyrightHolder ? { '@type': 'Organization', name: rights.copyrightHolder } : undefined,
    dateline: article.dateline?.text,
    mainEntityOfPage: { '@type': 'WebPage', '@id': pageUrl },
    url: pageUrl,
    inLanguage: article.language ?? site.language,
    keywords: article.topics.length ? article.topics.join(', ') : undefined,
    // A summary published in place of the story (its page could not be had) says it is one: the text is the
    // abstract, and the whole work is the original.
    abstract: article.summaryOnly ? description : undefined,
    genre: article.summaryOnly ? 'Summary' : undefined,
    // schema.org's CorrectionComment: the same notices, with their dates, that readers see above the provenance.
    correction: corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, datePublished: c.date })),
  };
  return trim(graph) as Record<string, unknown>;
}

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;
const SCRIPT_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** JSON for a `<script>` element: `<`, `>` and `&` as \u escapes, so no string can close the element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE_IN_SCRIPT, (c) => SCRIPT_ESCAPES[c]);
}

export function renderJsonLd(value: unknown): SafeHtml {
  return raw(`<script type="application/ld+json">${scriptSafeJson(value)}</script>`);
}
