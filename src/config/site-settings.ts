// The settings an owner may change on the desk, each checked the same way whether it comes from the desk's
// form, the command line or a row already in the store. The effective settings are the stored values over the
// configuration's (environment, config file, defaults); secrets and process settings stay in the environment.
import type { Config } from './config.js';
import type { SiteInfo } from '../model/types.js';
import { siteTemplateProblem } from '../provenance/template-check.js';
import { DEFAULT_ATTRIBUTION_TEMPLATE } from '../provenance/template.js';
import { SHARE_NETWORKS, type ShareNetwork } from '../site/share-links.js';

/** The moderation rules of new comments that an owner may change. */
export type CommentRules = Pick<Config['comments'], 'enabled' | 'holdAll' | 'maxLinks' | 'minSecondsToSubmit' | 'holdKeywords' | 'denyKeywords'>;

export interface EffectiveSettings {
  /** The site as every page shows it; `shareTargets` and `attributionTemplate` always set. */
  site: SiteInfo & { shareTargets: readonly ShareNetwork[]; attributionTemplate: string };
  comments: CommentRules;
}

export type SettingKind = 'text' | 'long-text' | 'url' | 'boolean' | 'number' | 'words' | 'choices';

export interface SettingDefinition {
  key: string;
  label: string;
  kind: SettingKind;
  hint?: string;
  /** Checks a value (JSON: from the store, or converted from the form); throws `SettingError` naming the setting. */
  check(value: unknown): unknown;
  /** The value in force when the store has none. */
  fallback(config: Config): unknown;
  /** `choices`: the values one may pick. */
  choices?: readonly string[];
  /** `number`: the bounds. */
  min?: number;
  max?: number;
}

export class SettingError extends Error {
  constructor(readonly key: string, message: string) {
    super(message);
    this.name = 'SettingError';
  }
}

const fail = (key: string, message: string): never => {
  throw new SettingError(key, message);
};

function text(key: string, label: string, options: { required?: boolean; max: number }) {
  return (value: unknown): string => {
    if (typeof value !== 'string') return fail(key, `${label} must be text`);
    const trimmed = value.trim();
    if (options.required && !trimmed) return fail(key, `${label} cannot be empty`);
    if (trimmed.length > options.max) return fail(key, `${label} is longer than ${options.max} characters`);
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(trimmed)) return fail(key, `${label} contains control characters`);
    return trimmed;
  };
}

function template(key: string, label: string, mustName: 'site' | 'source') {
  const asText = text(key, label, { required: true, max: 1000 });
  return (value: unknown): string => {
    const checked = asText(value);
    const problem = siteTemplateProblem(checked, key, mustName);
    return problem ? fail(key, `${label}: ${problem}`) : checked;
  };
}

function whole(key: string, label: string, min: number, max: number) {
  return (value: unknown): number => {
    const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) return fail(key, `${label} must be a whole number from ${min} to ${max}`);
    return number;
  };
}

function flag(key: string, label: string) {
  return (value: unknown): boolean => (typeof value === 'boolean' ? value : fail(key, `${label} must be on or off`));
}

/** A list of words or phrases, one per line or comma-separated in the form. */
function words(key: string, label: string) {
  return (value: unknown): string[] => {
    const list = typeof value === 'string' ? value.split(/[\n,]/) : value;
    if (!Array.isArray(list) || list.some((w) => typeof w !== 'string')) return fail(key, `${label} must be a list of words`);
    const kept = [...new Set((list as string[]).map((w) => w.trim()).filter(Boolean))];
    if (kept.length > 500) return fail(key, `${label} holds more than 500 entries`);
    if (kept.some((w) => w.length > 100)) return fail(key, `${label}: an entry is longer than 100 characters`);
    return kept;
  };
}

function siteUrl(value: unknown): string {
  const url = typeof value === 'string' ? value.trim().replace(/\/+$/, '') : '';
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.search || parsed.hash || parsed.username) {
    return fail('site.url', `The site's address must be an absolute http(s) URL such as https://news.example, got "${String(value)}"`);
  }
  return url;
}

/** The logo must be an address on this site: the pages' security policy shows no image from elsewhere. */
function logoUrl(value: unknown): string {
  if (typeof value !== 'string') return fail('site.logoUrl', 'The logo address must be text');
  const url = value.trim();
  if (url === '') return '';
  if (/^\/(?![/\\])[^\s]*$/.test(url) && url.length <= 500) return url;
  return fail('site.logoUrl', `The logo address must be a path on this site, such as /media/logo.png (pages show no image from other sites), got "${url}"`);
}

function language(value: unknown): string {
  const tag = typeof value === 'string' ? value.trim() : '';
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(tag)) return fail('site.language', `The language must be a language tag such as en, de or pt-BR, got "${String(value)}"`);
  return tag;
}

function timeZone(value: unknown): string {
  const zone = typeof value === 'string' ? value.trim() : '';
  try {
    if (!zone) throw new Error('empty');
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return fail('site.timeZone', `The time zone must be an IANA time zone such as Europe/Berlin or UTC, got "${String(value)}"`);
  }
}

function shareTargets(value: unknown): ShareNetwork[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list)) return fail('share.targets', 'The share buttons must be a list of networks');
  const unknown = list.filter((n) => !(SHARE_NETWORKS as readonly unknown[]).includes(n));
  if (unknown.length > 0) return fail('share.targets', `Unknown share network ${unknown.map(String).join(', ')}: choose among ${SHARE_NETWORKS.join(', ')}`);
  // Always in the order of the list, whatever the order given.
  return SHARE_NETWORKS.filter((n) => list.includes(n));
}

/** Every setting, in the order the desk's form shows them. */
export const SETTINGS: readonly SettingDefinition[] = [
  { key: 'site.name', label: 'Site name', kind: 'text', check: text('site.name', 'The site name', { required: true, max: 200 }), fallback: (c) => c.site.name },
  { key: 'site.url', label: 'Public address', kind: 'url', hint: 'Where readers reach the site; links in feeds, sitemaps and mail start with it.', check: siteUrl, fallback: (c) => c.site.url },
  { key: 'site.logoUrl', label: 'Logo address', kind: 'text', hint: 'A path on this site, such as /media/logo.png; empty for none.', check: logoUrl, fallback: () => '' },
  { key: 'site.language', label: 'Language', kind: 'text', hint: 'A language tag: en, de, pt-BR.', check: language, fallback: (c) => c.site.language },
  { key: 'site.timeZone', label: 'Time zone', kind: 'text', hint: 'Dates are shown in it: Europe/Berlin, UTC.', check: timeZone, fallback: (c) => c.site.timeZone },
  { key: 'site.description', label: 'Description', kind: 'long-text', check: text('site.description', 'The description', { max: 500 }), fallback: (c) => c.site.description },
  { key: 'site.disclaimerTemplate', label: 'Default disclaimer', kind: 'long-text', hint: 'Must contain {site}; may use {source} and {originalUrl}. A source may have its own.', check: template('site.disclaimerTemplate', 'The default disclaimer', 'site'), fallback: (c) => c.site.disclaimerTemplate },
  { key: 'site.attributionTemplate', label: 'Default attribution line', kind: 'long-text', hint: 'Must contain {source}; may use {site} and {originalUrl}. A source may have its own.', check: template('site.attributionTemplate', 'The default attribution line', 'source'), fallback: () => DEFAULT_ATTRIBUTION_TEMPLATE },
  { key: 'comments.enabled', label: 'Comments open on the site', kind: 'boolean', check: flag('comments.enabled', 'Comments open'), fallback: (c) => c.comments.enabled },
  { key: 'comments.holdAll', label: 'Every comment waits for a moderator', kind: 'boolean', check: flag('comments.holdAll', 'Hold every comment'), fallback: (c) => c.comments.holdAll },
  { key: 'comments.maxLinks', label: 'Links a comment may carry before it is held', kind: 'number', min: 1, max: 100, check: whole('comments.maxLinks', 'The number of links', 1, 100), fallback: (c) => c.comments.maxLinks },
  { key: 'comments.minSecondsToSubmit', label: 'Seconds a reader takes at least to write a comment', kind: 'number', min: 0, max: 3600, hint: 'A form sent sooner is refused as a robot’s.', check: whole('comments.minSecondsToSubmit', 'The seconds to write', 0, 3600), fallback: (c) => c.comments.minSecondsToSubmit },
  { key: 'comments.holdKeywords', label: 'Words that hold a comment for a moderator', kind: 'words', hint: 'One per line.', check: words('comments.holdKeywords', 'The words that hold'), fallback: (c) => c.comments.holdKeywords },
  { key: 'comments.denyKeywords', label: 'Words that mark a comment as spam', kind: 'words', hint: 'One per line.', check: words('comments.denyKeywords', 'The words that mark spam'), fallback: (c) => c.comments.denyKeywords },
  { key: 'share.targets', label: 'Share buttons', kind: 'choices', choices: SHARE_NETWORKS, check: shareTargets, fallback: () => [...SHARE_NETWORKS] },
];

const BY_KEY = new Map(SETTINGS.map((s) => [s.key, s]));

export function settingDefinition(key: string): SettingDefinition | null {
  return BY_KEY.get(key) ?? null;
}

/** Every setting's value in force: the stored one when it passes its check, else the configuration's. */
export function settingValues(config: Config, stored: Record<string, unknown>, onIgnored: (error: SettingError) => void = () => undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const definition of SETTINGS) {
    values[definition.key] = definition.fallback(config);
    if (!(definition.key in stored)) continue;
    try {
      values[definition.key] = definition.check(stored[definition.key]);
    } catch (error) {
      // A row written by hand or by another version: the default serves rather than a broken page.
      if (error instanceof SettingError) onIgnored(error);
      else throw error;
    }
  }
  return values;
}

/** The effective settings, typed, from every setting's value in force. */
export function effectiveSettings(config: Config, stored: Record<string, unknown>, onIgnored?: (error: SettingError) => void): EffectiveSettings {
  const v = settingValues(config, stored, onIgnored);
  const str = (key: string) => v[key] as string;
  const logo = str('site.logoUrl');
  return {
    site: {
      name: str('site.name'),
      url: str('site.url'),
      description: str('site.description'),
      language: str('site.language'),
      disclaimerTemplate: str('site.disclaimerTemplate'),
      timeZone: str('site.timeZone'),
      relatedHeading: config.site.relatedHeading,
      ...(logo ? { logoUrl: logo } : {}),
      attributionTemplate: str('site.attributionTemplate'),
      shareTargets: v['share.targets'] as ShareNetwork[],
    },
    comments: {
      enabled: v['comments.enabled'] as boolean,
      holdAll: v['comments.holdAll'] as boolean,
      maxLinks: v['comments.maxLinks'] as number,
      minSecondsToSubmit: v['comments.minSecondsToSubmit'] as number,
      holdKeywords: v['comments.holdKeywords'] as string[],
      denyKeywords: v['comments.denyKeywords'] as string[],
    },
  };
}

/** The form's text for one setting's kind as a value to check: a checkbox is on when sent, choices are repeated fields. */
export function formValue(definition: SettingDefinition, form: Record<string, string | string[] | undefined>): unknown {
  const raw = form[definition.key];
  switch (definition.kind) {
    case 'boolean':
      return raw !== undefined && raw !== '';
    case 'choices':
      return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    default:
      return Array.isArray(raw) ? raw[0] ?? '' : raw ?? '';
  }
}

export type SettingsCheck = { ok: true; values: Record<string, unknown> } | { ok: false; errors: SettingError[]; values: Record<string, unknown> };

/**
 * Checks every setting of a submitted form. Nothing is kept unless all pass; `values` holds what was sent
 * (checked where it passed), so the form is shown again as the owner left it. A text sent back as it is in
 * force (`current`) passes as it is: the environment may hold a value the desk would not take (a language
 * written "en_US"), and changing the site's name must not wait for it.
 */
export function checkSettingsForm(form: Record<string, string | string[] | undefined>, current: Record<string, unknown> = {}): SettingsCheck {
  const values: Record<string, unknown> = {};
  const errors: SettingError[] = [];
  for (const definition of SETTINGS) {
    const given = formValue(definition, form);
    try {
      values[definition.key] = definition.check(given);
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      const inForce = current[definition.key];
      if (typeof given === 'string' && typeof inForce === 'string' && given.trim() === inForce.trim()) {
        values[definition.key] = inForce;
        continue;
      }
      errors.push(error);
      values[definition.key] = given;
    }
  }
  return errors.length ? { ok: false, errors, values } : { ok: true, values };
}

/**
 * What to store of checked values: a value equal to the configuration's default is stored as no row (`null`),
 * so that the environment goes on deciding it until an owner really changes it.
 */
export function changesToStore(config: Config, values: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const definition of SETTINGS) {
    if (!(definition.key in values)) continue;
    const value = values[definition.key];
    changes[definition.key] = JSON.stringify(value) === JSON.stringify(definition.fallback(config)) ? null : value;
  }
  return changes;
}
