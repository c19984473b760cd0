// Table shapes as Kysely sees them. Timestamps are ISO 8601 UTC strings (sortable as text on both backends);
// structured values (dateline, lead image, provenance, rights, rules, topics) are JSON text.
import type { Generated } from 'kysely';

export interface SourcesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  home_url: string;
  logo_url: string | null;
  license: string | null;
  license_url: string | null;
  usage_terms: string | null;
  copyright_holder: string | null;
  indexing_policy: string;
  update_policy: string;
  attribution_template: string | null;
  disclaimer_template: string | null;
  extract_rules: string | null;
  created_at: string;
  /** 0 forbids edited copies of this source's stories (besides what its license says). */
  allow_edits: Generated<number>;
  keep_snapshots: number | null;
  /** Comments on this source's articles close this many days after publication; null leaves them open. */
  comments_close_after_days: number | null;
  /** `rehost`, `proxy` or `link`; null takes the default the source's rights give. */
  image_policy: string | null;
}

export interface FeedsTable {
  id: Generated<number>;
  source_id: number;
  url: string;
  title: string | null;
  etag: string | null;
  last_modified: string | null;
  last_fetched_at: string | null;
  next_poll_at: string | null;
  lease_until: string | null;
  /** Who holds the lease: only the owner may renew it or write the poll's outcome (fencing). */
  lease_owner: string | null;
  consecutive_errors: number;
  last_error: string | null;
  disabled_reason: string | null;
  fetch_full_text: string;
  created_at: string;
}

export interface ArticlesTable {
  id: Generated<number>;
  source_id: number;
  feed_id: number | null;
  slug: string;
  entry_key: string;
  original_url: string;
  headline: string;
  subheadline: string | null;
  dateline: string | null;
  body_html: string;
  body_text: string;
  /** Where the body came from: the feed's content, or the extracted article page. */
  body_origin: string;
  /** The first words of the text, for lists and feeds (computed when the text is written). */
  excerpt: string;
  byline: string | null;
  language: string | null;
  lead: string | null;
  topics: string;
  first_created: string | null;
  republished_at: string | null;
  version_created: string | null;
  pub_status: string;
  hold_reason: string | null;
  /** What the article is held for (`fetch`, `extraction`, `configuration`, …), so each kind is retried its own way. */
  hold_kind: string | null;
  /** 1 when an editor chose to publish the feed's summary, linking the full story at the source. */
  summary_only: Generated<number>;
  provenance: string;
  rights: string;
  published_version_id: number | null;
  fingerprint: string | null;
  next_check_at: string | null;
  lease_until: string | null;
  withdrawn_at: string | null;
  /** When the scheduled job publishes an article held for review (null: not scheduled). */
  publish_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ArticleVersionsTable {
  id: Generated<number>;
  article_id: number;
  kind: string;
  headline: string;
  body_html: string;
  content_hash: string;
  note: string | null;
  state: string;
  /** The desk account that wrote an editor's version (null for the source's own versions and the CLI). */
  author_id: number | null;
  /** That account's address (or the CLI's actor), kept should the account be removed. */
  author: string | null;
  created_at: string;
}

export interface StoryLinksTable {
  article_id: number;
  other_id: number;
  similarity: number;
}

export interface RelatedArticlesTable {
  article_id: number;
  /** 'story' | 'topic' | 'copy' */
  tier: string;
  related_id: number;
  rank: number;
  score: number;
}

export interface RelatedRefreshesTable {
  article_id: number;
  refreshed_at: string;
}

export interface TombstonesTable {
  source_id: number;
  entry_key: string;
  reason: string;
  created_at: string;
}

export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  author_name: string;
  author_email: string | null;
  author_url: string | null;
  body_source: string;
  body_html: string;
  status: string;
  ip_bucket: string | null;
  hold_reason: string | null;
  created_at: string;
}

/** The embedded job queue (SQLite only; PostgreSQL keeps its jobs in pg-boss's schema). */
export interface JobsTable {
  id: Generated<number>;
  queue: string;
  job_key: string | null;
  data: string;
  state: string;
  priority: Generated<number>;
  attempts: Generated<number>;
  run_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** What the source served for a version: the response as fetched (gzip) and the text extracted from it. */
export interface SourceSnapshotsTable {
  id: Generated<number>;
  article_id: number;
  version_id: number | null;
  url: string;
  fetched_at: string;
  status: number;
  content_type: string | null;
  etag: string | null;
  last_modified: string | null;
  body_gzip: Uint8Array;
  sha256: string;
  source_text: string;
}

/** The recent allowed hits of one rate-limited key (a sliding log), shared by every web process. */
export interface RateLimitsTable {
  scope: string;
  key: string;
  /** JSON array of the allowed hits' times (epoch milliseconds), oldest first. */
  hits: string;
  /** Bumped on every write: the compare-and-set guard of concurrent hits. */
  revision: number;
  /** When the newest hit leaves the window; the row can be deleted after it. */
  expires_at: string;
}

/** Comment form tokens that already served a post (each token is accepted once). */
export interface UsedFormTokensTable {
  token_id: string;
  /** The token's own expiry; the row is useless after it. */
  expires_at: string;
}

/** The latest fidelity report of an article: its copy compared with the newest text from the source. */
export interface FidelityReportsTable {
  article_id: number;
  /** The source version compared against (null once that version is gone). */
  source_version_id: number | null;
  /** The whole report (JSON of the library's FidelityReport), what the fidelity page renders. */
  report: string;
  faithful: number;
  omitted: number;
  altered: number;
  added: number;
  moved: number;
  quotes_changed: number;
  computed_at: string;
}

/** An image Convey knows, by the URL the source serves it at. Files are named by the SHA-256 of its bytes. */
export interface MediaTable {
  id: Generated<number>;
  source_url: string;
  source_id: number | null;
  /** `pending` (a fetch is queued), `stored`, `refused` (with the reason), `failed` (fetches gave up), `proxy` (never stored). */
  status: string;
  sha256: string | null;
  content_type: string | null;
  width: number | null;
  height: number | null;
  /** JSON array of the stored variants: key, width, height, format, contentType, bytes. */
  variants: string;
  refusal_reason: string | null;
  /** Credit and copyright read from the image's own EXIF. */
  credit: string | null;
  copyright: string | null;
  fetched_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Which article shows which image (`lead` or `body`), and the version that first showed it there. */
export interface ArticleMediaTable {
  article_id: number;
  media_id: number;
  role: string;
  version_id: number | null;
  created_at: string;
}

export interface Schema {
  sources: SourcesTable;
  feeds: FeedsTable;
  articles: ArticlesTable;
  article_versions: ArticleVersionsTable;
  story_links: StoryLinksTable;
  related_articles: RelatedArticlesTable;
  related_refreshes: RelatedRefreshesTable;
  tombstones: TombstonesTable;
  comments: CommentsTable;
  jobs: JobsTable;
  source_snapshots: SourceSnapshotsTable;
  rate_limits: RateLimitsTable;
  used_form_tokens: UsedFormTokensTable;
  fidelity_reports: FidelityReportsTable;
  reply_subscriptions: ReplySubscriptionsTable;
  reply_notices: ReplyNoticesTable;
  media: MediaTable;
  article_media: ArticleMediaTable;
  users: UsersTable;
  sessions: SessionsTable;
  account_links: AccountLinksTable;
  audit_log: AuditLogTable;
  article_corrections: ArticleCorrectionsTable;
  comment_blocks: CommentBlocksTable;
  settings: SettingsTable;
}

/** A commenter asked for e-mail when a reply to this comment is approved (migration 0045). */
export interface ReplySubscriptionsTable {
  comment_id: number;
  /** Lower-case, as the comment stores it. */
  email: string;
  created_at: string;
  /** Set by the one-click unsubscribe: no more mail about this comment. */
  unsubscribed_at: string | null;
}

/** A reply whose notice was queued once (never twice, even when it is approved again). */
export interface ReplyNoticesTable {
  reply_id: number;
  queued_at: string;
}

/** An account of the editors' desk. */
export interface UsersTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  role: string;
  /** `scrypt$N$r$p$salt$hash`; null until a password is set from a one-time link. */
  password_hash: string | null;
  created_at: string;
  updated_at: string;
}

/** A signed-in browser: the cookie holds a token, this row its SHA-256, so that sessions end server-side. */
export interface SessionsTable {
  id: string;
  user_id: number;
  /** The token every form of this session carries. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
}

/** A one-time link that sets a password: the first owner's, a new account's setup, or a reset. */
export interface AccountLinksTable {
  /** SHA-256 of the link's token. */
  id: string;
  purpose: string;
  user_id: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Who did what on the desk (and from the command line). */
export interface AuditLogTable {
  id: Generated<number>;
  user_id: number | null;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
  ip: string | null;
  created_at: string;
}

/** A correction an editor added to an article: shown to readers with its date. */
export interface ArticleCorrectionsTable {
  id: Generated<number>;
  article_id: number;
  note: string;
  added_by: string;
  created_at: string;
}

/** One entry of the comment block lists: a comment matching it is marked as spam when posted. */
export interface CommentBlocksTable {
  id: Generated<number>;
  /** `email`, `ip` or `word`. */
  kind: string;
  /** In matching form: a lower-cased address or `@domain`, an IP bucket, a folded word or phrase. */
  value: string;
  note: string | null;
  added_by: string;
  created_at: string;
}

/** One site setting changed on the desk (migration 0075); a setting without a row has its default. */
export interface SettingsTable {
  key: string;
  /** The value as JSON text. */
  value: string;
  updated_at: string;
}
