// The domain model shared by every stage of the pipeline (a superset of IPTC ninjs 3).
// Plain data only: no behaviour, no I/O. Dates are ISO 8601 strings with an offset.

export type IndexingPolicy = 'canonical-to-source' | 'noindex-news' | 'index-self';
export type UpdatePolicy = 'auto' | 'review' | 'notify';
export type PubStatus = 'usable' | 'withheld' | 'canceled';
export type HopRole = 'author' | 'originator' | 'publisher' | 'republisher' | 'aggregator';
/** How a source's images reach readers: stored and served by the site, fetched per view and cached, or hot-linked. */
export type ImagePolicy = 'rehost' | 'proxy' | 'link';
export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash';

/** One hop of the provenance chain (ninjs `infoSources`). */
export interface ProvenanceHop {
  role: HopRole;
  name: string;
  url?: string | null;
  date?: string | null;
}

/** License and usage terms (ninjs `rightsInfo`). */
export interface RightsInfo {
  license: string | null;
  licenseUrl: string | null;
  usageTerms: string | null;
  copyrightHolder: string | null;
}

/** An image with the caption and credit that must travel with it. */
export interface ImageRef {
  url: string;
  caption: string | null;
  credit: string | null;
  alt?: string | null;
  width?: number | null;
  height?: number | null;
  /** The site's copies, widest last (set when the page is rendered, from the media store; absent in stored data). */
  variants?: ImageVariantRef[];
  /** Copyright notice and license of the image, for JSON-LD `ImageObject` (set with the variants). */
  copyright?: string | null;
  license?: string | null;
}

/** One stored copy of an image, as pages and feeds link it. */
export interface ImageVariantRef {
  /** Path on this site (`/media/…`). */
  url: string;
  width: number;
  height: number;
  contentType: string;
  bytes?: number;
}

/** `MOSCOW (Sputnik) –` → { text: 'MOSCOW (Sputnik)', place: 'MOSCOW', credit: 'Sputnik' } */
export interface Dateline {
  text: string;
  place: string | null;
  credit: string | null;
  /** The source's own separator after the dateline ("—", "–", "-", "--"), kept as the source wrote it. */
  separator?: string | null;
}

export interface Source {
  id: number;
  slug: string;
  name: string;
  homeUrl: string;
  logoUrl: string | null;
  rights: RightsInfo;
  indexingPolicy: IndexingPolicy;
  updatePolicy: UpdatePolicy;
  /** Template of the attribution line, e.g. "Published by {source}". Placeholders: see provenance/. */
  attributionTemplate: string | null;
  /** Template of the disclaimer, e.g. "The views expressed … do not necessarily reflect the opinions of {site}." */
  disclaimerTemplate: string | null;
  /** Per-site extraction rules (CSS selectors to keep or drop), applied before the general algorithm. */
  extractRules: ExtractRules | null;
  /** False forbids edited copies (an operator's choice, on top of what the license says). Default true. */
  allowEdits: boolean;
  /** How many snapshots of what the source served each article keeps, newest first; null keeps every one. */
  keepSnapshots: number | null;
  /** How its images reach readers; null takes the default its rights give (see media/image-policy.ts). */
  imagePolicy?: ImagePolicy | null;
  createdAt: string;
}

export interface ExtractRules {
  /** Selectors whose matches form the body (in document order). When set, the general algorithm is skipped. */
  body?: string[];
  /** Selectors removed before extraction. */
  drop?: string[];
}

export interface Feed {
  id: number;
  sourceId: number;
  url: string;
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: string | null;
  nextPollAt: string | null;
  consecutiveErrors: number;
  lastError: string | null;
  disabledReason: string | null;
  /** Fetch the article page of every entry, or only when the feed carries a summary alone. */
  fetchFullText: 'auto' | 'always' | 'never';
  createdAt: string;
}

export interface Article {
  id: number;
  sourceId: number;
  feedId: number | null;
  slug: string;
  /** Identity of the entry within its feed (DESIGN §3). */
  entryKey: string;
  originalUrl: string;
  headline: string;
  subheadline: string | null;
  dateline: Dateline | null;
  bodyHtml: string;
  /** The first words of the body as plain text, for lists, cards and descriptions. */
  excerpt: string;
  byline: string | null;
  language: string | null;
  lead: ImageRef | null;
  topics: string[];
  /** When the source first published it. */
  firstCreated: string | null;
  /** When this site first republished it (null while unpublished). */
  republishedAt: string | null;
  /** When the published text last changed. */
  versionCreated: string | null;
  pubStatus: PubStatus;
  /** Why the article is not published, for the editor (e.g. "extraction failed: …", "missing field: site.name"). */
  holdReason: string | null;
  /** What it is held for, so each kind is retried its own way (a page fetch, the site's configuration, …). */
  holdKind: HoldKind | null;
  /** Published by an editor's explicit choice as the feed's summary with a prominent link to the full story. */
  summaryOnly: boolean;
  provenance: ProvenanceHop[];
  rights: RightsInfo;
  publishedVersionId: number | null;
  /** Near-duplicate fingerprint of the body text (finds the same story from another source). */
  fingerprint: string | null;
  nextCheckAt: string | null;
  /** When the copy followed its source's withdrawal (null unless withdrawn). */
  withdrawnAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Why an article is held: `fetch` (its page could not be fetched; retried when the feed lists it again),
 * `extraction` (the page had no article), `configuration` (a field the site or source must set; retried once
 * it is set), `no-link` (nothing to link the original to), `review` (its source's new stories wait for an
 * editor: approved, rejected or scheduled in the desk's review queue).
 */
export type HoldKind = 'fetch' | 'extraction' | 'configuration' | 'no-link' | 'review';

export type VersionKind = 'original' | 'update' | 'correction' | 'withdrawal' | 'edit';

export interface ArticleVersion {
  id: number;
  articleId: number;
  kind: VersionKind;
  headline: string;
  bodyHtml: string;
  /** SHA-256 of the normalised text: equal hashes mean the same text. */
  contentHash: string;
  /** Note shown to readers for updates and corrections. */
  note: string | null;
  /** 'pending' versions wait for an editor (update policy `review`). */
  state: 'published' | 'pending' | 'recorded' | 'rejected';
  /** Who wrote an editor's version: the desk account's address, or the CLI's actor (null for the source's). */
  author?: string | null;
  createdAt: string;
}

export interface Comment {
  id: number;
  articleId: number;
  parentId: number | null;
  authorName: string;
  authorEmail: string | null;
  authorUrl: string | null;
  bodySource: string;
  bodyHtml: string;
  status: CommentStatus;
  ipBucket: string | null;
  holdReason: string | null;
  createdAt: string;
}

/** The site itself: the last hop of every chain. */
export interface SiteInfo {
  name: string;
  url: string;
  description: string;
  language: string;
  /** Disclaimer template for every article; `{site}` is this site's name. */
  disclaimerTemplate: string;
  /** IANA time zone every date is shown in (and named); UTC when absent. */
  timeZone?: string;
  /** Heading of the article page's box of the same source's stories; `{source}` is its name. */
  relatedHeading?: string;
  /** The site's logo, an address on this site (the pages show no image from elsewhere); none when absent. */
  logoUrl?: string;
  /** Attribution line of a source without its own; "Published by {source}" when absent. */
  attributionTemplate?: string;
  /** The share buttons under an article (network names of `site/share-links.ts`), in order; all when absent. */
  shareTargets?: readonly string[];
}
