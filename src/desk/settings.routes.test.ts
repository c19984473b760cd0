// The settings page over HTTP: owners only (403 and no link for the other roles), the configuration's values
// until changed, a save that the public pages and the comment rules follow at once and that the audit log
// names, and a refused save that names the setting and keeps nothing.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import type { Store } from '../store/database.js';
import { loadConfig } from '../config/config.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { createApp } from '../site/app.js';
import { addUser, CLI_ACTOR, startSession } from './accounts.js';
import type { Role } from '../store/users.js';
import { SESSION_COOKIE } from './desk-session.js';
import { DeskClient, csrfTokenIn } from '../../test/support/desk-client.js';
import { openLiveSettings, type SettingsHolder } from '../config/live-settings.js';
import { readStoredSettings } from '../store/settings.js';
import { listAudit } from '../store/audit-log.js';
import { DEFAULT_DISCLAIMER_TEMPLATE, DEFAULT_ATTRIBUTION_TEMPLATE } from '../provenance/template.js';
import { SHARE_NETWORKS } from '../site/share-links.js';

const config = loadConfig({ CONVEY_SITE_NAME: 'Desk Test', CONVEY_SITE_URL: 'https://desk.test' });

/** The whole form as the page sends it, with the configuration's values, then `changes`. */
function form(csrf: string, changes: Record<string, string | null> = {}): URLSearchParams {
  const fields: [string, string][] = [
    ['_csrf', csrf], ['site.name', 'Desk Test'], ['site.url', 'https://desk.test'], ['site.logoUrl', ''], ['site.language', 'en'], ['site.timeZone', 'UTC'],
    ['site.description', config.site.description], ['site.disclaimerTemplate', DEFAULT_DISCLAIMER_TEMPLATE], ['site.attributionTemplate', DEFAULT_ATTRIBUTION_TEMPLATE],
    ['comments.enabled', 'on'], ['comments.maxLinks', '2'], ['comments.minSecondsToSubmit', '3'], ['comments.holdKeywords', ''], ['comments.denyKeywords', ''],
    ...SHARE_NETWORKS.map((n): [string, string] => ['share.targets', n]),
  ];
  const kept = fields.filter(([name]) => !(name in changes));
  const added = Object.entries(changes).filter((e): e is [string, string] => e[1] !== null);
  return new URLSearchParams([...kept, ...added]);
}

for (const backend of testBackends()) describe(`the settings page (${backend.name})`, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let settings: SettingsHolder;
  let app: ReturnType<typeof createApp>;

  beforeEach(async () => {
    ({ store, dispose } = await backend.open());
    settings = await openLiveSettings(store, config, { log: () => undefined });
    app = createApp(siteDepsOf(config, store, settings));
  });
  afterEach(async () => {
    await settings.close();
    await dispose();
  });

  async function clientAs(role: Role): Promise<DeskClient> {
    const { user } = await addUser(store, { email: `${role}@desk.test`, role }, CLI_ACTOR, new Date());
    const { token } = await startSession(store, user.id, 'test', new Date());
    const client = new DeskClient(app);
    client.setCookie(SESSION_COOKIE, token);
    return client;
  }

  const post = (client: DeskClient, body: URLSearchParams) =>
    app.request('/admin/settings', { method: 'POST', headers: { cookie: `${SESSION_COOKIE}=${client.cookie(SESSION_COOKIE)}`, 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });

  it('is for owners only, and linked from their navigation only', async () => {
    const owner = await clientAs('owner');
    const page = await owner.get('/admin/settings');
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('<a href="/admin/settings" aria-current="page">Settings</a>');
    // The configuration's values, marked as such.
    expect(text).toMatch(/name="site\.name" value="Desk Test"/);
    expect(text).toMatch(/Site name <span class="meta">\(configuration\)<\/span>/);
    for (const role of ['editor', 'moderator'] as const) {
      const other = await clientAs(role);
      expect((await other.get('/admin/settings')).status, role).toBe(403);
      expect(await (await other.get('/admin')).text(), role).not.toContain('/admin/settings');
      const refused = await post(other, form(csrfTokenIn(await (await other.get('/admin/account')).text()), { 'site.name': 'Taken Over' }));
      expect(refused.status, role).toBe(403);
    }
    expect(await readStoredSettings(store.db)).toEqual({});
  });

  it('saves a change that the public pages and the comment rules follow at once, and logs it', async () => {
    const owner = await clientAs('owner');
    expect(await (await app.request('/')).text()).toContain('Desk Test');
    const csrf = csrfTokenIn(await (await owner.get('/admin/settings')).text());
    const saved = await post(owner, form(csrf, { 'site.name': 'Harbour Daily', 'comments.holdAll': 'on', 'share.targets': null }));
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/admin/settings?done=saved');

    // Only what differs from the configuration is stored; a share list of none is a choice too.
    expect(await readStoredSettings(store.db)).toEqual({ 'site.name': 'Harbour Daily', 'comments.holdAll': true, 'share.targets': [] });
    const home = await (await app.request('/')).text();
    expect(home).toContain('<a class="site-name" href="/">Harbour Daily</a>');
    expect(settings.current().comments.holdAll).toBe(true);
    const [entry] = await listAudit(store.db, { limit: 1 });
    expect(entry).toMatchObject({ actor: 'owner@desk.test', action: 'settings.change', target: 'site.name, comments.holdAll, share.targets' });
    expect(JSON.parse(entry.detail!)).toEqual({ 'site.name': 'Harbour Daily', 'comments.holdAll': true, 'share.targets': [] });

    const page = await (await owner.get('/admin/settings?done=saved')).text();
    expect(page).toContain('The settings are saved and in force.');
    expect(page).toMatch(/name="site\.name" value="Harbour Daily"/);
    expect(page).not.toMatch(/Site name <span class="meta">/);

    // Saving the same form again changes nothing and logs nothing.
    const again = await post(owner, form(csrf, { 'site.name': 'Harbour Daily', 'comments.holdAll': 'on', 'share.targets': null }));
    expect(again.headers.get('location')).toBe('/admin/settings?done=unchanged');
    expect((await listAudit(store.db, { limit: 10 })).filter((e) => e.action === 'settings.change')).toHaveLength(1);

    // Setting a value back to the configuration's removes its row.
    await post(owner, form(csrf, { 'comments.holdAll': null, 'share.targets': null }));
    expect(await readStoredSettings(store.db)).toEqual({ 'share.targets': [] });
    expect((await (await app.request('/')).text())).toContain('Desk Test');
  });

  it('refuses a template that could show a blank, naming the setting, and keeps nothing of the form', async () => {
    const owner = await clientAs('owner');
    const csrf = csrfTokenIn(await (await owner.get('/admin/settings')).text());
    const refused = await post(owner, form(csrf, { 'site.name': 'Harbour Daily', 'site.disclaimerTemplate': 'The views are the author\'s own.', 'site.attributionTemplate': 'By {author}' }));
    expect(refused.status).toBe(400);
    const text = await refused.text();
    expect(text).toContain('Nothing was saved: 2 settings need a change.');
    expect(text).toContain('site.disclaimerTemplate must contain {site}');
    expect(text).toMatch(/site\.attributionTemplate must contain \{source\}/);
    expect(text).toMatch(/id="setting-site-disclaimerTemplate" name="site\.disclaimerTemplate" rows="3" aria-invalid="true" aria-describedby="setting-site-disclaimerTemplate-hint setting-site-disclaimerTemplate-error">The views are the author&#39;s own\.<\/textarea>/);
    // The owner's other entries come back as sent.
    expect(text).toMatch(/name="site\.name" value="Harbour Daily"/);
    expect(await readStoredSettings(store.db)).toEqual({});
    expect(settings.site.name).toBe('Desk Test');
  });

  it('refuses a save without the session\'s form token', async () => {
    const owner = await clientAs('owner');
    const refused = await post(owner, form('not-the-token', { 'site.name': 'Harbour Daily' }));
    expect(refused.status).toBe(403);
    expect(await readStoredSettings(store.db)).toEqual({});
  });
});
