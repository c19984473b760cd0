// Plain values that many unit tests build a story around: a site and a source with everyday policies.
import type { SiteInfo, Source } from '../../src/model/types.js';

export const testSite: SiteInfo = {
  name: 'Harbour Desk', url: 'https://desk.test', description: 'd', language: 'en', disclaimerTemplate: 'The views expressed here are not those of {site}.',
};

export const testSource: Source = {
  id: 1, slug: 'wire', name: 'Kestrel Wire', homeUrl: 'https://wire.test/', logoUrl: null,
  rights: { license: 'CC BY 4.0', licenseUrl: null, usageTerms: null, copyrightHolder: null },
  indexingPolicy: 'canonical-to-source', updatePolicy: 'auto', attributionTemplate: null, disclaimerTemplate: null, extractRules: null,
  allowEdits: true, keepSnapshots: null, createdAt: '2026-11-01T00:00:00.000Z',
};

