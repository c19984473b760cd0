// The desk's settings: the configuration's values until the store has others, each setting checked with a
// message naming it, templates refused when they could show a blank, and defaults stored as no row at all.
import { describe, it, expect } from 'vitest';
import { loadConfig } from './config.js';
import { changesToStore, checkSettingsForm, effectiveSettings, settingValues, SETTINGS } from './site-settings.js';
import { DEFAULT_ATTRIBUTION_TEMPLATE, DEFAULT_DISCLAIMER_TEMPLATE } from '../provenance/template.js';
import { siteTemplateProblem } from '../provenance/template-check.js';

const config = loadConfig({ CONVEY_SITE_NAME: 'Harbour Desk', CONVEY_SITE_URL: 'https://desk.test', CONVEY_COMMENT_HOLD_WORDS: 'casino', CONVEY_SITE_TIMEZONE: 'Europe/Berlin' });

/** A form as the desk sends it with the configuration's values. */
function formOf(changes: Record<string, string | string[] | undefined> = {}): Record<string, string | string[] | undefined> {
  return {
    'site.name': 'Harbour Desk', 'site.url': 'https://desk.test', 'site.logoUrl': '', 'site.language': 'en', 'site.timeZone': 'Europe/Berlin',
    'site.description': config.site.description, 'site.disclaimerTemplate': DEFAULT_DISCLAIMER_TEMPLATE, 'site.attributionTemplate': DEFAULT_ATTRIBUTION_TEMPLATE,
    'comments.enabled': 'on', 'comments.maxLinks': '2', 'comments.minSecondsToSubmit': '3', 'comments.holdKeywords': 'casino', 'comments.denyKeywords': '',
    'share.targets': ['x', 'facebook', 'linkedin', 'whatsapp', 'telegram', 'reddit', 'bluesky', 'mastodon', 'email'],
    ...changes,
  };
}

describe('effective settings', () => {
  it('are the configuration\'s without stored values', () => {
    const settings = effectiveSettings(config, {});
    expect(settings.site).toMatchObject({ name: 'Harbour Desk', url: 'https://desk.test', language: 'en', timeZone: 'Europe/Berlin', disclaimerTemplate: DEFAULT_DISCLAIMER_TEMPLATE, attributionTemplate: DEFAULT_ATTRIBUTION_TEMPLATE });
    expect(settings.site.logoUrl).toBeUndefined();
    expect(settings.site.shareTargets).toHaveLength(9);
    expect(settings.comments).toEqual({ enabled: true, holdAll: false, maxLinks: 2, minSecondsToSubmit: 3, holdKeywords: ['casino'], denyKeywords: [] });
  });

  it('take a stored value over the configuration, and ignore one that fails its check', () => {
    const ignored: string[] = [];
    const settings = effectiveSettings(config, { 'site.name': 'Harbour Daily', 'comments.maxLinks': 0, 'share.targets': ['email', 'x'], 'site.logoUrl': '/media/logo.png' }, (e) => ignored.push(e.key));
    expect(settings.site.name).toBe('Harbour Daily');
    expect(settings.site.logoUrl).toBe('/media/logo.png');
    // Shown in the list's order, whatever order was stored.
    expect(settings.site.shareTargets).toEqual(['x', 'email']);
    expect(settings.comments.maxLinks).toBe(2);
    expect(ignored).toEqual(['comments.maxLinks']);
  });
});

describe('the settings form', () => {
  it('accepts the configuration\'s own values and stores none of them', () => {
    const checked = checkSettingsForm(formOf());
    expect(checked.ok).toBe(true);
    expect(Object.values(changesToStore(config, checked.values)).every((v) => v === null)).toBe(true);
  });

  it('reads checkboxes, numbers, word lists and choices, and stores what differs', () => {
    const checked = checkSettingsForm(formOf({ 'comments.enabled': undefined, 'comments.holdAll': 'on', 'comments.maxLinks': '5', 'comments.denyKeywords': 'pills\n  loans , pills\n', 'share.targets': 'email', 'site.name': '  Harbour Daily ' }));
    expect(checked.ok).toBe(true);
    expect(changesToStore(config, checked.values)).toMatchObject({
      'site.name': 'Harbour Daily', 'comments.enabled': false, 'comments.holdAll': true, 'comments.maxLinks': 5, 'comments.denyKeywords': ['pills', 'loans'], 'share.targets': ['email'], 'site.url': null,
    });
  });

  it.each([
    ['site.name', '  ', /site name cannot be empty/],
    ['site.url', 'desk.test', /absolute http\(s\) URL/],
    ['site.url', 'https://desk.test/?a=1', /absolute http\(s\) URL/],
    ['site.logoUrl', 'https://cdn.elsewhere.test/logo.png', /a path on this site/],
    ['site.logoUrl', '//elsewhere.test/logo.png', /a path on this site/],
    ['site.language', 'english!', /language tag/],
    ['site.timeZone', 'Mars/Olympus', /IANA time zone/],
    ['comments.maxLinks', '0', /from 1 to 100/],
    ['comments.minSecondsToSubmit', 'soon', /from 0 to 3600/],
    ['share.targets', ['x', 'myspace'], /Unknown share network myspace/],
    ['site.disclaimerTemplate', '', /empty/],
    ['site.disclaimerTemplate', 'Views are the author\'s own.', /site\.disclaimerTemplate must contain \{site\}/],
    ['site.disclaimerTemplate', 'Not the views of {site} nor of {author}.', /site\.disclaimerTemplate uses \{author\}, which is empty on some articles \(article\.byline\)/],
    ['site.attributionTemplate', 'Republished by {site}', /site\.attributionTemplate must contain \{source\}/],
    ['site.attributionTemplate', '{source} under {license}', /uses \{license\}.*\(rights\.license\)/],
  ])('refuses %s = %j, naming it', (key, value, message) => {
    const checked = checkSettingsForm(formOf({ [key]: value }));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => e.key)).toEqual([key]);
    expect(checked.errors[0].message).toMatch(message);
    // What was sent comes back, for the form to show again.
    expect(checked.values[key]).toEqual(value);
  });

  it('takes back a text the configuration holds even where the desk would refuse it, but not a change to it', () => {
    const loose = loadConfig({ CONVEY_SITE_NAME: 'Harbour Desk', CONVEY_SITE_LANGUAGE: 'en_GB', CONVEY_DISCLAIMER: 'Not the views of {site} nor of {author}.' });
    const current = settingValues(loose, {});
    const kept = checkSettingsForm(formOf({ 'site.language': 'en_GB', 'site.disclaimerTemplate': 'Not the views of {site} nor of {author}.\r\n', 'site.name': 'Harbour Daily' }), current);
    expect(kept.ok).toBe(true);
    if (kept.ok) expect(changesToStore(loose, kept.values)).toMatchObject({ 'site.name': 'Harbour Daily', 'site.language': null, 'site.disclaimerTemplate': null });
    const changed = checkSettingsForm(formOf({ 'site.language': 'en_US' }), current);
    expect(changed.ok).toBe(false);
  });

  it('lists every setting once', () => {
    const keys = SETTINGS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('site-wide templates', () => {
  it('take the placeholders publishing guarantees', () => {
    expect(siteTemplateProblem('Republished by {site} from {source}: {originalUrl}', 'site.attributionTemplate', 'source')).toBeNull();
    expect(siteTemplateProblem(DEFAULT_DISCLAIMER_TEMPLATE, 'site.disclaimerTemplate', 'site')).toBeNull();
  });
});
