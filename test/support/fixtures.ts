// Plain values that many unit tests build a story around: a site, a source with everyday policies, and the
// content of a one-paragraph article.
import type { SiteInfo, Source } from '../../src/model/types.js';
import type { ArticleContent } from '../../src/store/articles.js';

export const testSite: SiteInfo = {
  name: 'Harbour Desk', url: 'https://desk.test', description: 'd', language: 'en', disclaimerTemplate: 'The views expressed here are not those of {site}.',
};

export const testSource: Source = {
  id: 1, slug: 'wire', name: 'Kestrel Wire', homeUrl: 'https://wire.test/', logoUrl: null,
  rights: { license: 'CC BY 4.0', licenseUrl: null, usageTerms: null, copyrightHolder: null },
  indexingPolicy: 'canonical-to-source', updatePolicy: 'auto', attributionTemplate: null, disclaimerTemplate: null, extractRules: null,
  allowEdits: true, keepSnapshots: null, createdAt: '2026-11-01T00:00:00.000Z',
};


/** A one-paragraph story taken from a feed; tests spread it with their own URL, headline or body origin. */
export const testContent: ArticleContent = {
  originalUrl: 'https://s.test/a', headline: 'H', subheadline: null, dateline: null, bodyHtml: '<p>Body.</p>', bodyText: 'Body.',
  bodyOrigin: 'feed', byline: null, language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
  rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
};
