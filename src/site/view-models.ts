// What the routes hand to the views: plain data, already loaded and already sanitised where it is HTML.
import type { FidelityReport } from '../fidelity/index.js';
import type { Article, Source, SiteInfo, ImageRef, ProvenanceHop, RightsInfo, Dateline, IndexingPolicy } from '../model/types.js';

export type { Article, Source, SiteInfo, ImageRef, ProvenanceHop, RightsInfo, Dateline, IndexingPolicy };

export interface ArticleSummary {
  url: string /* path on this site, '/articles/<slug>' */;
  headline: string;
  excerpt: string;
  lead: ImageRef | null;
  sourceName: string;
  sourceUrl: string /* '/sources/<slug>' */;
  firstCreated: string | null;
  republishedAt: string;
  versionCreated: string | null;
  guid: string /* stable across updates */;
  originalUrl: string;
  bodyHtml?: string;
  byline?: string | null;
  /** The source's indexing policy: the news sitemap lists only `index-self` items (unknown = left out). */
  indexingPolicy?: IndexingPolicy;
  /** The source's own feed, for RSS `<source url>` (falls back to the source's page on this site). */
  sourceFeedUrl?: string | null;
  /** The source's home page, for Atom `<source>` and JSON Feed `_convey.source`. */
  sourceHomeUrl?: string | null;
  language?: string | null;
  /** The feed's summary, published by an editor's choice because the page could not be had: say so, link the story. */
  summaryOnly?: boolean;
}

export interface VersionNote {
  kind: 'update' | 'correction';
  note: string;
  date: string;
}

export interface ArticlePageData {
  site: SiteInfo;
  article: Article;
  source: Source;
  canonicalUrl: string; // absolute URL of this page on this site
  notes: VersionNote[]; // "Updated" / "Correction" notes, newest first
  relatedSameSource: ArticleSummary[];
  relatedOtherSources: ArticleSummary[]; // same story from other sources
  /** Topical neighbours: other stories about the same things, recent. */
  relatedTopical?: ArticleSummary[];
  /** Near-duplicate copies of this text by other sources, named in the provenance block, never as related. */
  alsoPublishedBy?: ArticleSummary[];
  commentsHtml: string; // pre-rendered by src/comments (threads + reply form); insert as is
  /** The article's comment feed (Atom), announced in the head for feed readers. */
  commentFeedUrl?: string | null;
  feedLinks: { rss: string; atom: string; json: string };
  /** Meta description; derived from the body's first words when absent. */
  description?: string | null;
  /** The article's latest fidelity report, for its one line; absent when none was computed. */
  fidelity?: ArticleFidelity | null;
}

export interface ArticleFidelity {
  report: Pick<FidelityReport, 'faithful' | 'counts'>;
  checkedAt: string;
  /** The note of the editor's latest edit, shown with an edited copy's line. */
  editorNote: string | null;
  /** The source's newest text waits for review (the copy lags it): said so instead of "edited". */
  sourceUpdatePending?: boolean;
}

export interface ListPageData {
  site: SiteInfo;
  title: string;
  heading: string;
  intro?: string | null;
  articles: ArticleSummary[];
  page: number;
  hasNext: boolean;
  canonicalUrl: string;
  source?: Source | null;
  query?: string | null;
  feedLinks: { rss: string; atom: string; json: string };
}

export interface WithdrawnPageData {
  site: SiteInfo;
  headline: string;
  sourceName: string;
  sourceHomeUrl: string;
  originalUrl: string;
  withdrawnAt: string | null;
}
