// What the HTTP routes share: the store, the site, the configuration and the comment defences' state.
import type { Store } from '../store/database.js';
import type { Config } from '../config/config.js';
import type { SiteInfo } from '../model/types.js';
import type { RateLimiter } from '../comments/rate-limit.js';

export interface SiteDeps {
  store: Store;
  config: Config;
  site: SiteInfo;
  commentLimiter: RateLimiter;
  /** The minimum interval between two comments of one author (by email address). */
  authorLimiter: RateLimiter;
  now: () => Date;
  /** URLs per sitemap before /sitemap.xml becomes an index (50,000, the protocol's limit; tests set fewer). */
  sitemapLimit?: number;
}

export const FEED_LINKS = { rss: '/feed.xml', atom: '/feed.atom', json: '/feed.json' };
export const PAGE_SIZE = 20;
