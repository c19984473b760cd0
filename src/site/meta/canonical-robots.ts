// Canonical link and robots directive from the source's indexing policy (DESIGN §4):
// canonical-to-source points search engines at the original; noindex-news keeps our copy out of the index
// (canonical stays on this page); index-self lets this page stand on its own.
import type { IndexingPolicy } from '../../model/types.js';
import { html, type SafeHtml } from '../html.js';

export interface IndexingDirectives {
  canonical: string;
  robots: string | null;
}

export function indexingDirectives(policy: IndexingPolicy, pageUrl: string, originalUrl: string): IndexingDirectives {
  switch (policy) {
    case 'canonical-to-source':
      return { canonical: originalUrl, robots: null };
    case 'index-self':
      return { canonical: pageUrl, robots: null };
    case 'noindex-news':
    default:
      // An unknown policy is treated as the most conservative one.
      return { canonical: pageUrl, robots: 'noindex' };
  }
}

export function renderIndexingDirectives(directives: IndexingDirectives): SafeHtml {
  return html`<link rel="canonical" href="${directives.canonical}">${
    directives.robots ? html`\n<meta name="robots" content="${directives.robots}">` : ''
  }`;
}
