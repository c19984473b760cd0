// The extraction pool: the same article as in the calling thread, pages in parallel, failures as rejections,
// a page past its hard limit stopped with its thread, and nothing left running after close.
import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExtractPool } from './extract-pool.js';
import { extractArticle } from './extract-article.js';
import { compareTexts } from '../fidelity/index.js';

const testdata = join(import.meta.dirname, 'testdata');
const page = (name: string) => readFileSync(join(testdata, name));
const URL_OF = 'https://wire.test/story';

describe('ExtractPool', () => {
  let pool: ExtractPool | null = null;
  afterEach(async () => {
    await pool?.close();
    pool = null;
  });

  it('gives the article the calling thread gives, from bytes and from text', async () => {
    pool = new ExtractPool({ threads: 1 });
    const bytes = page('dateline-reuters.html');
    expect(await pool.extract(bytes, URL_OF, { contentType: 'text/html; charset=utf-8' })).toEqual(extractArticle(bytes, URL_OF, { contentType: 'text/html; charset=utf-8' }));
    expect(await pool.extract(bytes.toString('utf8'), URL_OF, {})).toEqual(extractArticle(bytes.toString('utf8'), URL_OF, {}));
  });

  it('compares a copy with its source on a thread, as the calling thread does', async () => {
    pool = new ExtractPool({ threads: 1 });
    const source = '<h1>Talks resume</h1><p>"We will not sign," the minister said. Talks resume on Monday in Geneva.</p><p>The second round follows.</p>';
    const copy = '<h1>Talks resume</h1><p>"We will sign," the minister said. Talks resume on Monday.</p><p>Sharing is caring!</p>';
    const options = { ignoreLines: ['Sharing is caring!'] };
    const report = await pool.compare(source, copy, options);
    expect(report).toEqual(compareTexts(source, copy, options));
    expect(report.faithful).toBe(false);
    expect(report.quotesChanged.length).toBeGreaterThan(0);
    // Pages and comparisons share the threads, one answer for each.
    const [article, again] = await Promise.all([pool.extract(page('dateline-ap.html'), URL_OF, {}), pool.compare(source, source, {})]);
    expect(article.text.length).toBeGreaterThan(100);
    expect(again.faithful).toBe(true);
  });

  it('starts threads on demand, up to its size, and runs pages on all of them', async () => {
    pool = new ExtractPool({ threads: 2 });
    expect(pool.threads).toBe(0);
    const names = ['dateline-reuters.html', 'dateline-ap.html', 'gallery-story.html', 'jsonld-article.html'];
    const articles = await Promise.all(names.map((name) => pool!.extract(page(name), URL_OF, {})));
    expect(pool.threads).toBe(2);
    expect(articles.map((a) => a.title)).toEqual(names.map((name) => extractArticle(page(name), URL_OF).title));
  });

  it('starts all its threads when warmed, before any page, and runs pages on them', async () => {
    pool = new ExtractPool({ threads: 2 });
    pool.warm();
    expect(pool.threads).toBe(2);
    pool.warm();
    expect(pool.threads).toBe(2);
    expect((await pool.extract(page('dateline-ap.html'), URL_OF, {})).title).toBe(extractArticle(page('dateline-ap.html'), URL_OF).title);
    expect(pool.threads).toBe(2);
  });

  it('rejects with the extractor’s own message when a page has no article, and goes on', async () => {
    pool = new ExtractPool({ threads: 1 });
    await expect(pool.extract('<html><body><nav>Home</nav></body></html>', URL_OF, {})).rejects.toThrow(`no article body found in ${URL_OF}`);
    expect((await pool.extract(page('dateline-ap.html'), URL_OF, {})).text.length).toBeGreaterThan(100);
  });

  it('stops a page that runs past the hard limit with its thread, and a new thread takes the next page', async () => {
    pool = new ExtractPool({ threads: 1, hardLimitMs: 50 });
    // Tens of thousands of nested blocks: far longer than 50 ms to parse and score, whatever the machine.
    const huge = `<html><body>${'<div><p>Deep text of a hostile page. '.repeat(40_000)}</body></html>`;
    await expect(pool.extract(huge, URL_OF, { timeBudgetMs: 60_000 })).rejects.toThrow('extraction stopped after 50 ms: the page took too long to read');
    expect(pool.threads).toBe(0);
    const slowAgain = new ExtractPool({ threads: 1, hardLimitMs: 10_000 });
    try {
      expect((await slowAgain.extract(page('dateline-ap.html'), URL_OF, {})).title).toBe(extractArticle(page('dateline-ap.html'), URL_OF).title);
    } finally {
      await slowAgain.close();
    }
    expect((await pool.extract('<html><body><nav>x</nav></body></html>', URL_OF, {}).catch((e: Error) => e.message))).toContain('no article body found');
  });

  it('gives a thread its next task while it works, and a stopped thread’s waiting task to the next thread', async () => {
    pool = new ExtractPool({ threads: 1, hardLimitMs: 300 });
    const huge = `<html><body>${'<div><p>Deep text of a hostile page. '.repeat(40_000)}</body></html>`;
    // The second page waits in the only thread's line behind the hostile one; the thread is stopped, and a new one takes it.
    const [hostile, next] = await Promise.allSettled([pool.extract(huge, URL_OF, { timeBudgetMs: 60_000 }), pool.extract(page('dateline-ap.html'), URL_OF, {})]);
    expect(hostile.status).toBe('rejected');
    expect(next.status === 'fulfilled' && next.value.title).toBe(extractArticle(page('dateline-ap.html'), URL_OF).title);
    // Three tasks for one thread: all answered, in any order of arrival, each with its own answer.
    const names = ['dateline-reuters.html', 'dateline-ap.html', 'gallery-story.html'];
    const titles = await Promise.all(names.map((name) => pool!.extract(page(name), URL_OF, {}).then((a) => a.title)));
    expect(titles).toEqual(names.map((name) => extractArticle(page(name), URL_OF).title));
  });

  it('refuses work once closed, and fails what was waiting', async () => {
    pool = new ExtractPool({ threads: 1 });
    const first = pool.extract(page('gallery-story.html'), URL_OF, {}).catch((error: Error) => error.message);
    const waiting = pool.extract(page('dateline-ap.html'), URL_OF, {}).catch((error: Error) => error.message);
    await pool.close();
    expect(await waiting).toBe('the extraction pool is closed');
    expect(await first).toBe('the extraction pool is closed');
    await expect(pool.extract(page('dateline-ap.html'), URL_OF, {})).rejects.toThrow('the extraction pool is closed');
  });
});
