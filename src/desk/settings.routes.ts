// The owner's settings page. A save checks every setting first and keeps nothing unless all pass; what it
// keeps is written in one transaction, named in the audit log, and read again at once by this process (the
// others hear of it through the store).
import type { Context, Hono } from 'hono';
import type { SiteDeps } from '../http/deps.js';
import { siteDisplayName } from '../site/views/layout.js';
import { readStoredSettings, writeSettings } from '../store/settings.js';
import { recordAudit } from '../store/audit-log.js';
import { changesToStore, checkSettingsForm, settingValues } from '../config/site-settings.js';
import { allow, requestIp, requireSessionOf } from './desk-session.js';
import { renderSettingsPage } from './views/settings-page.js';

const AUDIT_DETAIL_MAX = 2000;

const NOTICES: Record<string, string> = {
  saved: 'The settings are saved and in force.',
  unchanged: 'Nothing was changed.',
};

/** The form's fields as text: a repeated field (the share buttons) as its list; uploads are not taken. */
async function formFields(c: Context): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') fields[name] = value;
    else if (Array.isArray(value)) fields[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return fields;
}

export function registerSettingsRoutes(app: Hono, deps: SiteDeps): void {
  const page = async (c: Context, extra: { values?: Record<string, unknown>; errors?: { key: string; message: string }[]; notice?: string | null } = {}) => {
    const session = requireSessionOf(c);
    const stored = await readStoredSettings(deps.store.db);
    return renderSettingsPage({
      siteName: siteDisplayName(deps.site),
      user: session.user,
      csrfToken: session.csrfToken,
      values: extra.values ?? settingValues(deps.config, stored),
      storedKeys: Object.keys(stored),
      errors: extra.errors,
      notice: extra.notice,
    });
  };

  app.get('/admin/settings', allow('settings'), async (c) => c.html(await page(c, { notice: NOTICES[c.req.query('done') ?? ''] ?? null })));

  app.post('/admin/settings', allow('settings'), async (c) => {
    const checked = checkSettingsForm(await formFields(c), settingValues(deps.config, await readStoredSettings(deps.store.db)));
    if (!checked.ok) return c.html(await page(c, { values: checked.values, errors: checked.errors.map((e) => ({ key: e.key, message: e.message })) }), 400);
    const changes = changesToStore(deps.config, checked.values);
    const changed = await writeSettings(deps.store.db, changes, deps.now());
    if (changed.length === 0) return c.redirect('/admin/settings?done=unchanged', 303);
    const { user } = requireSessionOf(c);
    // The new values, so the log says what the site was set to (null: back to the configuration's).
    const detail = JSON.stringify(Object.fromEntries(changed.map((key) => [key, changes[key]]))).slice(0, AUDIT_DETAIL_MAX);
    await recordAudit(deps.store.db, { userId: user.id, actor: user.email, action: 'settings.change', target: changed.join(', '), detail, ip: requestIp(c, deps) }, deps.now());
    // This process's pages show the new settings from the next request on, whatever the other processes do.
    await deps.settings.reload();
    return c.redirect('/admin/settings?done=saved', 303);
  });
}
