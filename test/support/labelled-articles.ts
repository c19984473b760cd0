// The related-news fixture's labelled articles stored as published feed stories, for the tests that read them back.
import type { Kysely } from 'kysely';
import type { Schema } from '../../src/store/schema.js';
import { insertArticle } from '../../src/store/articles.js';
import type { Article } from '../../src/model/types.js';
import { fingerprint } from '../../src/related/fingerprint.js';
import type { LabelledArticle } from '../../src/related/evaluate-related.js';

export function insertLabelledArticle(db: Kysely<Schema>, a: LabelledArticle, sourceId: number, now: Date): Promise<Article> {
  return insertArticle(
    db,
    {
      originalUrl: `https://${a.source}.test/${a.id}`, headline: a.headline, subheadline: null, dateline: null, bodyHtml: `<p>${a.text}</p>`,
      bodyText: a.text, bodyOrigin: 'feed', byline: null, language: 'en', lead: null, topics: [], firstCreated: a.publishedAt, provenance: [],
      rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: fingerprint(`${a.headline}\n${a.text}`),
      sourceId, feedId: null, entryKey: a.id, slug: a.id, pubStatus: 'usable', holdReason: null,
    },
    now,
  );
}
