// What operators and orchestrators ask: /healthz (the process answers; touches nothing), /readyz (the store
// answers and has every migration of this version, time-boxed so a hung store gives 503, not a hung probe),
// and /metrics (Prometheus text, behind the admin token; closed when no token is configured).
import type { Context, Hono } from 'hono';
import type { SiteDeps } from '../../http/deps.js';
import { hasBearerToken } from '../../http/bearer-token.js';
import { metricsOf } from '../request-metrics.js';
import { migrationState } from '../../store/migration-state.js';
import { countArticles } from '../../store/articles.js';
import { timeBox, TimedOutError } from '../../metrics/time-box.js';

export interface HealthOptions {
  /** How long /readyz waits for the store before answering 503. */
  readyTimeoutMs?: number;
}

const noStore = (c: Context) => c.header('Cache-Control', 'no-store');

/** Why the store is not ready, or null when it is. Never throws. */
export async function notReadyReason(deps: SiteDeps, timeoutMs: number): Promise<string | null> {
  try {
    const { applied, expected } = await timeBox(migrationState(deps.store), timeoutMs, 'the store');
    return applied === expected ? null : `migrations pending: ${applied} of ${expected} applied`;
  } catch (error) {
    if (error instanceof TimedOutError) return `the store did not answer within ${timeoutMs} ms`;
    // The error's text may name hosts and users: logged here, not answered to whoever asks.
    console.error(`readiness check failed: ${(error as Error).message}`);
    return 'the store is not answering';
  }
}

export function registerHealthRoutes(app: Hono, deps: SiteDeps, options: HealthOptions = {}): void {
  const readyTimeoutMs = options.readyTimeoutMs ?? 2000;
  const metrics = metricsOf(deps);
  metrics.provide({
    publishedArticles: async () => (await countArticles(deps.store.db)).usable,
    ...(deps.jobCounts ? { jobCounts: deps.jobCounts } : {}),
  });

  app.get('/healthz', (c) => {
    noStore(c);
    return c.text('ok\n');
  });

  app.get('/readyz', async (c) => {
    noStore(c);
    const reason = await notReadyReason(deps, readyTimeoutMs);
    return reason ? c.text(`not ready: ${reason}\n`, 503) : c.text('ready\n');
  });

  app.get('/metrics', async (c) => {
    noStore(c);
    if (!deps.config.adminToken) return c.text('metrics are closed: set CONVEY_ADMIN_TOKEN to open them\n', 403);
    if (!hasBearerToken(c, deps.config.adminToken)) {
      c.header('WWW-Authenticate', 'Bearer');
      return c.text('missing or wrong bearer token\n', 401);
    }
    const { contentType, body } = await metrics.render();
    return c.body(body, 200, { 'Content-Type': contentType });
  });
}
