// Measures every answered request for the latency histogram, labelled by the route's pattern (`/articles/:slug`),
// never by the raw path, so that the number of series stays bounded whatever readers and robots request.
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { processMetrics, type Metrics } from '../metrics/metrics.js';
import type { SiteDeps } from '../http/deps.js';
import { CACHED_ROUTE } from './page-cache.js';

export const UNMATCHED_ROUTE = '(unmatched)';

export function metricsOf(deps: SiteDeps): Metrics {
  return deps.metrics ?? processMetrics();
}

export function requestMetrics(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = process.hrtime.bigint();
    await next();
    // After the chain has run, the current route is the one that answered; a catch-all means none did.
    // A page from the cache names the route that rendered it; the cache's middleware answered, not a route.
    const pattern = (c.get(CACHED_ROUTE as never) as string | undefined) ?? routePath(c);
    const route = pattern === '*' || pattern === '/*' || pattern === '' ? UNMATCHED_ROUTE : pattern;
    metrics.observeRequest(route, c.res.status, Number(process.hrtime.bigint() - started) / 1e9);
  };
}
