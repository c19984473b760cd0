// Starting the HTTP server around the app, and stopping it cleanly.
import { serve } from '@hono/node-server';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsOf } from './request-metrics.js';
import { serveFromCache } from './page-cache.js';
import { createApp } from './app.js';
import type { SiteDeps } from '../http/deps.js';
import { startPageCache } from './page-cache-invalidation.js';
import type { PageCache } from './page-cache.js';

/**
 * Whatever empties the page cache (a change in the store, from any process) may be a change of settings: they
 * are read again, and when they did change the cache is emptied once more, so that no page rendered in
 * between with the old settings stays.
 */
function linkSettingsToCache(deps: SiteDeps, cache: PageCache): () => void {
  const stopHearing = cache.onInvalidate(() => void deps.settings.reload());
  const stopTelling = deps.settings.onChange(() => cache.invalidate());
  return () => {
    stopHearing();
    stopTelling();
  };
}

export interface RunningSite {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves the site; with the page cache unless `CONVEY_PAGE_CACHE_ENTRIES` is 0 (or the deps bring their own). */
export function startSite(given: SiteDeps, options: { host: string; port: number }): Promise<RunningSite> {
  const entries = given.config.pageCacheEntries;
  const pageCache = given.pageCache ?? (entries > 0 ? startPageCache(given.store, { maxEntries: entries }) : undefined);
  const deps: SiteDeps = { ...given, pageCache };
  const app = createApp(deps);
  // Pages rendered with old settings go once new ones are read; a change heard by the cache reads them again.
  const unlink = pageCache ? linkSettingsToCache(deps, pageCache.cache) : () => undefined;
  const closeCache = async () => {
    unlink();
    if (pageCache && !given.pageCache) await pageCache.close();
  };
  return new Promise((resolve, reject) => {
    const metrics = metricsOf(deps);
    const observe = (route: string, status: number, seconds: number) => metrics.observeRequest(route, status, seconds);
    // A cached page is answered before the framework is entered; everything else goes through the app.
    const withCache = (listener: RequestListener): RequestListener => (req: IncomingMessage, res: ServerResponse) => {
      if (pageCache && serveFromCache(pageCache.cache, req, res, observe)) return;
      listener(req, res);
    };
    const server = serve({
      fetch: app.fetch,
      hostname: options.host,
      port: options.port,
      createServer: ((serverOptions: object, listener: RequestListener) => createServer(serverOptions, withCache(listener))) as never,
    }, (info: AddressInfo) => {
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: async () => {
          await new Promise<void>((done) => server.close(() => done()));
          await closeCache();
        },
      });
    });
    server.once('error', (error: NodeJS.ErrnoException) => {
      void closeCache();
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${options.port} on ${options.host} is in use: set PORT to another port`) : error);
    });
  });
}
