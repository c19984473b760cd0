// What the HTTP routes share: the store, the site, the configuration and the comment defences' state.
import type { Store } from '../store/database.js';
import type { Config } from '../config/config.js';
import type { SiteInfo } from '../model/types.js';
import type { JobQueue } from '../jobs/queue.js';
import type { JobCounts, Metrics } from '../metrics/metrics.js';
import type { RateLimit } from '../comments/rate-limit.js';
import type { SpamCheck } from '../comments/akismet.js';
import type { PageCacheRuntime } from '../site/page-cache-invalidation.js';
import type { MediaStorage } from '../media/storage/storage.js';
import type { HttpClient } from '../fetch/http-client.js';
import type { PageExtractor } from '../extract/extract-pool.js';
import type { SettingsHolder } from '../config/live-settings.js';

export interface SiteDeps {
  store: Store;
  config: Config;
  /** The site as configured and changed on the desk: `settings.site`, whose properties follow every change. */
  site: SiteInfo;
  /** The settings in force (the site, comment rules, share buttons), reloaded when they change in the store. */
  settings: SettingsHolder;
  /** Comments per network (IP bucket); counted in the store, so shared by every web process. */
  commentLimiter: RateLimit;
  /** The minimum interval between two comments of one author (by email address), also in the store. */
  authorLimiter: RateLimit;
  now: () => Date;
  /** The optional Akismet-compatible check of new comments; none when not configured. */
  spamCheck?: SpamCheck;
  /** The store's job queue (the admin API lists and retries failed jobs). */
  jobs: JobQueue;
  /** Where requests are measured and /metrics reads from; the process's own metrics when not given. */
  metrics?: Metrics;
  /** Jobs queued, running and failed, for /metrics; the gauge is left out when not given. */
  jobCounts?: () => Promise<JobCounts>;
  /** Where the site's copies of images are kept (`/media/…`); without it no image copy is served. */
  media?: MediaStorage;
  /** The guarded client that fetches images of `proxy` sources on first view. */
  imageClient?: HttpClient;
  /** The guarded client the desk fetches with (a new source's homepage and feeds); the desk cannot fetch without it. */
  client?: HttpClient;
  /** Where the desk runs the extractor (its rules preview): the process's extraction pool, else in the request's thread. */
  extract?: PageExtractor;
  /** URLs per sitemap before /sitemap.xml becomes an index (50,000, the protocol's limit; tests set fewer). */
  sitemapLimit?: number;
  /** The in-process cache of public pages and what invalidates it; pages are rendered every time when not given. */
  pageCache?: PageCacheRuntime;
}

export const FEED_LINKS = { rss: '/feed.xml', atom: '/feed.atom', json: '/feed.json' };
export const PAGE_SIZE = 20;
