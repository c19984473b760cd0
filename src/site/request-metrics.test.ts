// The latency middleware labels by route pattern, counts a failed handler as 5xx, and lumps unknown paths together.
import { describe, it, expect } from 'vitest';
import { Hono } from 'hono';
import { createMetrics } from '../metrics/metrics.js';
import { requestMetrics, UNMATCHED_ROUTE } from './request-metrics.js';

describe('requestMetrics', () => {
  it('observes every answered request by pattern and status class', async () => {
    const metrics = createMetrics();
    const app = new Hono();
    app.use('*', requestMetrics(metrics));
    app.get('/posts/:id', (c) => c.text(c.req.param('id')));
    app.get('/boom', () => {
      throw new Error('handler failed');
    });
    app.onError((_error, c) => c.text('failed', 500));
    for (const id of ['1', '2', '3']) expect((await app.request(`/posts/${id}`)).status).toBe(200);
    expect((await app.request('/boom')).status).toBe(500);
    expect((await app.request('/random/path/42')).status).toBe(404);

    const body = (await metrics.render()).body;
    expect(body).toContain('convey_http_request_duration_seconds_count{route="/posts/:id",status_class="2xx"} 3');
    expect(body).toContain('convey_http_request_duration_seconds_count{route="/boom",status_class="5xx"} 1');
    expect(body).toContain(`convey_http_request_duration_seconds_count{route="${UNMATCHED_ROUTE}",status_class="4xx"} 1`);
    expect(body).not.toMatch(/route="\/posts\/\d"/);
  });
});
