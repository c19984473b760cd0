// One huge or hostile feed cannot starve the others: a poll takes a capped share of its new entries, and the
// jobs of several feeds are taken round-robin.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/support/loopback-server.js';
import { loadConfig } from '../config/config.js';
import { createSource } from '../store/sources.js';
import { addFeed, claimDueFeeds } from '../store/feeds.js';
import { listPublished, countArticles } from '../store/articles.js';
import { pollDueFeeds } from './scheduler.js';
import { pollFeed } from './poll-feed.js';
import { TAKE_ENTRY_QUEUE } from './take-entry.js';
import { createClient, ingestContextOf } from '../cli/runtime.js';
import { silentLog, type IngestContext } from './context.js';
import type { Store } from '../store/database.js';

const [sqlite] = testBackends();
const HUGE = 20_000;

describe('fair shares between feeds', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let server: LoopbackServer;
  let ctx: IngestContext;

  beforeEach(async () => {
    ({ store, dispose } = await sqlite.open());
    server = await startLoopbackServer();
    const items = Array.from({ length: HUGE }, (_, i) => ({ id: `w-${i}`, url: `${server.origin}/w/${i}`, title: `Word ${i}`, content_text: 'word' }));
    server.routes.set('/huge.json', { type: 'application/feed+json', body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Huge', items }) });
    const long = 'The harbour board met on Tuesday and agreed the plan after a long discussion about the cost and the timing of the works. '.repeat(8);
    server.routes.set('/small.xml', {
      type: 'application/rss+xml',
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Small</title>${[1, 2, 3].map((i) => `<item><title>Small story ${i}</title><link>${server.origin}/s/${i}</link><guid>s-${i}</guid><description>${long}</description></item>`).join('')}</channel></rss>`,
    });
    const config = loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_MAX_NEW_ENTRIES_PER_POLL: '50' });
    ctx = ingestContextOf(config, store, createClient(config, [`127.0.0.1:${server.port}`]), silentLog);
    const huge = await createSource(store.db, { slug: 'huge', name: 'Huge', homeUrl: `${server.origin}/`, license: 'CC BY 4.0' });
    const small = await createSource(store.db, { slug: 'small', name: 'Small', homeUrl: `${server.origin}/`, license: 'CC BY 4.0' });
    await addFeed(store.db, { sourceId: huge.id, url: `${server.origin}/huge.json`, fetchFullText: 'never' });
    await addFeed(store.db, { sourceId: small.id, url: `${server.origin}/small.xml`, fetchFullText: 'never' });
  });
  afterEach(async () => {
    await dispose();
    await server.close();
  });

  it('queues a capped share of a huge feed per poll, and takes the other feed\'s entries among the first jobs', async () => {
    const polls = await pollDueFeeds(ctx);
    const huge = polls.find((p) => p.url.endsWith('/huge.json'))!;
    expect(huge).toMatchObject({ entries: HUGE, queued: 50, deferred: HUGE - 50 });
    expect(polls.find((p) => p.url.endsWith('/small.xml'))).toMatchObject({ queued: 3, deferred: 0 });
    await ctx.jobs.prepare([TAKE_ENTRY_QUEUE]);
    // The first ten jobs claimed hold all three of the small feed's entries: round-robin, not feed after feed.
    const first = await ctx.jobs.claim(TAKE_ENTRY_QUEUE, 'w', 10, 60_000);
    const small = first.filter((job) => (job.data as { entry: { key: string } }).entry.key.startsWith('s-'));
    expect(small).toHaveLength(3);
    expect((await countArticles(store.db)).usable).toBe(0);
    expect(await listPublished(store.db, { limit: 1 })).toEqual([]);
  });

  it('gives the event loop its turns while it looks through a long feed, so that queued entries can be taken meanwhile', async () => {
    let queued = 0;
    let queuedAtFirstTurn: number | null = null;
    const stop = ctx.jobs.onEnqueued(() => {
      if (queued++ === 0) setImmediate(() => (queuedAtFirstTurn = queued));
    });
    // The huge feed alone: between two feeds' polls the event loop has its turn anyway (the second feed's fetch).
    const [huge] = (await claimDueFeeds(store.db, ctx.now(), 10, ctx.owner)).filter((feed) => feed.url.endsWith('/huge.json'));
    try {
      await pollFeed(ctx, huge);
    } finally {
      stop();
    }
    expect(queued).toBe(50);
    expect(queuedAtFirstTurn).not.toBeNull();
    expect(queuedAtFirstTurn!).toBeLessThan(queued);
  });
});
