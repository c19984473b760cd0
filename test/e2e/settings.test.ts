// The site's name changed on the desk of one real web process: every process's cached pages show the new
// name, without a restart. On PostgreSQL two processes (the other hears of it through NOTIFY); on SQLite one
// process, whose cached pages go at once. A page cached again afterwards has the new name too.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testBackends } from '../../src/store/test-backends.js';
import { createSource } from '../../src/store/sources.js';
import { insertArticle, setArticleState } from '../../src/store/articles.js';
import { addUser, CLI_ACTOR, startSession } from '../../src/desk/accounts.js';
import { SESSION_COOKIE } from '../../src/desk/desk-session.js';
import { readStoredSettings } from '../../src/store/settings.js';
import { listAudit } from '../../src/store/audit-log.js';
import type { Store } from '../../src/store/database.js';
import { parseHtml, textContent, getAttributeValue } from '../../src/site/testdata/dom.js';
import { freePort, startConvey, waitFor, waitForSite, type ConveyProcess } from '../support/processes.js';

const T0 = new Date('2026-12-01T12:00:00Z');

/** The fields a browser would send for the page's settings form, as it stands. */
function formFields(page: string): [string, string][] {
  const dom = parseHtml(page);
  const fields: [string, string][] = [];
  for (const input of dom.all('form[action="/admin/settings"] input[name]')) {
    const type = getAttributeValue(input, 'type');
    if (type === 'checkbox' && getAttributeValue(input, 'checked') === undefined) continue;
    fields.push([getAttributeValue(input, 'name')!, getAttributeValue(input, 'value') ?? (type === 'checkbox' ? 'on' : '')]);
  }
  for (const area of dom.all('form[action="/admin/settings"] textarea[name]')) fields.push([getAttributeValue(area, 'name')!, textContent(area)]);
  return fields;
}

describe.each(testBackends())('site settings changed on the desk, on $name', { timeout: 120_000 }, (backend) => {
  let store: Store;
  let dispose: () => Promise<void>;
  const webs: ConveyProcess[] = [];
  let origins: string[] = [];
  let sessionToken: string;

  beforeAll(async () => {
    let url: string;
    ({ store, url, dispose } = await backend.open());
    const source = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
    const article = await insertArticle(store.db, {
      originalUrl: 'https://wire.test/a', headline: 'Harbour news', subheadline: null, dateline: null, bodyHtml: '<p>The quay reopens.</p>', bodyText: 'The quay reopens.',
      bodyOrigin: 'feed', byline: 'A. Writer', language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
      rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
      sourceId: source.id, feedId: null, entryKey: 'a', slug: 'harbour-news', pubStatus: 'usable', holdReason: null,
    }, T0);
    await setArticleState(store.db, article.id, { republishedAt: T0.toISOString() }, T0);
    const { user } = await addUser(store, { email: 'owner@desk.test', role: 'owner' }, CLI_ACTOR, T0);
    sessionToken = (await startSession(store, user.id, 'e2e', new Date())).token;

    const env = { DATABASE_URL: url, CONVEY_SITE_NAME: 'Desk', CONVEY_SITE_URL: 'http://desk.test', CONVEY_SECRET: 'a-shared-secret-for-every-process' };
    // PostgreSQL: two processes, the second hears of the change only through the store. SQLite: one.
    const ports = await Promise.all(Array.from({ length: backend.name === 'postgres' ? 2 : 1 }, () => freePort()));
    origins = ports.map((port) => `http://127.0.0.1:${port}`);
    webs.push(...ports.map((port) => startConvey(['serve', '--no-ingest'], { ...env, PORT: String(port) })));
    await Promise.all(webs.map((web, i) => waitForSite(origins[i], web)));
  });
  afterAll(async () => {
    await Promise.all(webs.map((w) => w.stop()));
    await dispose();
  });

  const page = async (origin: string, path: string) => {
    const res = await fetch(`${origin}${path}`);
    return { cache: res.headers.get('x-cache'), text: await res.text() };
  };
  const siteName = (text: string) => parseHtml(text).text('.site-name');
  const desk = (origin: string, path: string, init: RequestInit = {}) =>
    fetch(`${origin}${path}`, { ...init, redirect: 'manual', headers: { cookie: `${SESSION_COOKIE}=${sessionToken}`, ...(init.headers as Record<string, string> | undefined) } });

  it('shows a new site name on every process\'s cached pages, without a restart', async () => {
    const paths = ['/articles/harbour-news', '/'];
    for (const origin of origins) {
      for (const path of paths) {
        await page(origin, path);
        const cached = await page(origin, path);
        expect(cached.cache, `${origin}${path}`).toBe('hit');
        expect(siteName(cached.text)).toBe('Desk');
      }
    }

    const form = await (await desk(origins[0], '/admin/settings')).text();
    const fields = formFields(form).map(([name, value]): [string, string] => [name, name === 'site.name' ? 'Harbour Daily' : value]);
    const saved = await desk(origins[0], '/admin/settings', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    expect(saved.status, await saved.clone().text()).toBe(303);
    expect(saved.headers.get('location')).toBe('/admin/settings?done=saved');
    expect(await readStoredSettings(store.db)).toEqual({ 'site.name': 'Harbour Daily' });
    expect((await listAudit(store.db, { limit: 1 }))[0]).toMatchObject({ actor: 'owner@desk.test', action: 'settings.change', target: 'site.name' });

    // The process that saved shows it from the next request on; the others as soon as they hear of it: well
    // within the holder's 5-second reread, so it is the store's signal that carried it.
    expect(siteName((await page(origins[0], paths[0])).text)).toBe('Harbour Daily');
    for (const origin of origins) {
      for (const path of paths) {
        await waitFor(`the new name at ${origin}${path}`, async () => siteName((await page(origin, path)).text) === 'Harbour Daily', 4_000, 50);
      }
    }
    // Cached again with the new name (no page rendered before the change stays), and named in the disclaimer too.
    for (const origin of origins) {
      await page(origin, paths[0]);
      const again = await page(origin, paths[0]);
      expect(again.cache).toBe('hit');
      expect(siteName(again.text)).toBe('Harbour Daily');
      expect(again.text).toContain('do not necessarily reflect the opinions of Harbour Daily.');
      expect(again.text).not.toContain('opinions of Desk.');
    }
  });
});
