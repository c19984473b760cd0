// A source's settings as the desk's form carries them: every field `convey sources edit` sets, as text, read
// back into the store's changes with the same checks (the policies' words, http(s) URLs, the snapshot count,
// the comment window, extraction selectors that parse, templates that cannot render a blank). Each refusal
// names its field, so that the form can show it next to the field and keep what the editor typed. Pure.
import type { ExtractRules, ImagePolicy, IndexingPolicy, Source, UpdatePolicy } from '../model/types.js';
import { IMAGE_POLICIES, INDEXING_POLICIES, UPDATE_POLICIES, type SourceChanges } from '../store/sources.js';
import { validateExtractRules } from '../extract/site-rules.js';
import { parseCloseAfterDays } from '../comments/comment-window.js';
import { checkSourceTemplate, type TemplateKind } from '../provenance/template-check.js';

/** The form's fields, by their `name` in the HTML. */
export const SETTING_FIELDS = [
  'name', 'home', 'logo',
  'license', 'license-url', 'usage-terms', 'copyright', 'allow-edits',
  'indexing', 'update',
  'attribution', 'disclaimer',
  'rules-body', 'rules-drop',
  'keep-snapshots', 'images', 'comments-close-days',
] as const;
export type SettingField = (typeof SETTING_FIELDS)[number];
export type SettingValues = Record<SettingField, string>;

/** How each field is named on the form, and so in its errors. */
export const FIELD_LABELS: Record<SettingField, string> = {
  name: 'Name',
  home: 'Homepage',
  logo: 'Logo URL',
  license: 'License',
  'license-url': 'License URL',
  'usage-terms': 'Usage terms',
  copyright: 'Copyright holder',
  'allow-edits': 'Edited copies',
  indexing: 'Indexing',
  update: 'Updates at the source',
  attribution: 'Attribution line',
  disclaimer: 'Disclaimer',
  'rules-body': 'Body selectors',
  'rules-drop': 'Selectors to remove',
  'keep-snapshots': 'Snapshots kept per article',
  images: 'Images',
  'comments-close-days': 'Comments close after (days)',
};

/** The template fields and the kind of template each holds. */
export const TEMPLATE_FIELDS: Record<'attribution' | 'disclaimer', TemplateKind> = { attribution: 'attribution', disclaimer: 'disclaimer' };

export interface SourceSettings {
  changes: Required<Pick<SourceChanges, 'name' | 'homeUrl' | 'logoUrl' | 'license' | 'licenseUrl' | 'usageTerms' | 'copyrightHolder' | 'indexingPolicy' | 'updatePolicy' | 'attributionTemplate' | 'disclaimerTemplate' | 'allowEdits' | 'keepSnapshots' | 'imagePolicy'>>;
  extractRules: ExtractRules | null;
  commentsCloseAfterDays: number | null;
}

export type SettingsResult = { ok: true; settings: SourceSettings } | { ok: false; errors: Partial<Record<SettingField, string>> };

const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');

/** The form's values for a source as stored. */
export function settingValuesOf(source: Source, commentsCloseAfterDays: number | null): SettingValues {
  return {
    name: source.name,
    home: source.homeUrl,
    logo: source.logoUrl ?? '',
    license: source.rights.license ?? '',
    'license-url': source.rights.licenseUrl ?? '',
    'usage-terms': source.rights.usageTerms ?? '',
    copyright: source.rights.copyrightHolder ?? '',
    'allow-edits': source.allowEdits ? 'yes' : 'no',
    indexing: source.indexingPolicy,
    update: source.updatePolicy,
    attribution: source.attributionTemplate ?? '',
    disclaimer: source.disclaimerTemplate ?? '',
    'rules-body': (source.extractRules?.body ?? []).join('\n'),
    'rules-drop': (source.extractRules?.drop ?? []).join('\n'),
    'keep-snapshots': source.keepSnapshots === null ? 'all' : String(source.keepSnapshots),
    images: source.imagePolicy ?? '',
    'comments-close-days': commentsCloseAfterDays === null ? 'never' : String(commentsCloseAfterDays),
  };
}

/** The form's values from a posted body; a field not sent is empty. */
export function settingValuesFrom(body: Record<string, unknown>): SettingValues {
  const values = {} as SettingValues;
  for (const field of SETTING_FIELDS) {
    const raw = body[field];
    const value = Array.isArray(raw) ? raw[0] : raw;
    values[field] = typeof value === 'string' ? value : '';
  }
  return values;
}

/** The problem with one template field as the form stands, named by its label; null when there is none. */
export function templateFieldError(field: keyof typeof TEMPLATE_FIELDS, values: Pick<SettingValues, 'name' | 'license' | 'attribution' | 'disclaimer'>, siteName: string | null): string | null {
  const problems = checkSourceTemplate(TEMPLATE_FIELDS[field], values[field], { siteName, sourceName: values.name, license: values.license });
  return problems.length ? `${FIELD_LABELS[field]}: ${problems.join('; ')}.` : null;
}

/** An optional http(s) URL: empty is none, anything else must be absolute http(s). */
function optionalUrl(text: string): { ok: true; url: string | null } | { ok: false } {
  const value = text.trim();
  if (value === '') return { ok: true, url: null };
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? { ok: true, url: url.href } : { ok: false };
  } catch {
    return { ok: false };
  }
}

/** Reads and checks every field; all refusals at once, each under its field. */
export function parseSourceSettings(values: SettingValues, siteName: string | null): SettingsResult {
  const errors: Partial<Record<SettingField, string>> = {};
  const refuse = (field: SettingField, problem: string) => {
    errors[field] ??= `${FIELD_LABELS[field]}: ${problem}`;
  };
  const text = (field: SettingField) => values[field].trim();
  const orNull = (field: SettingField) => text(field) || null;

  const name = text('name');
  if (!name) refuse('name', 'give the source a name.');
  const home = optionalUrl(values.home);
  if (!home.ok || !home.url) refuse('home', 'give the homepage as an absolute http(s) URL, such as https://news.example/.');
  const logo = optionalUrl(values.logo);
  if (!logo.ok) refuse('logo', 'give an absolute http(s) URL, or leave it empty.');
  const licenseUrl = optionalUrl(values['license-url']);
  if (!licenseUrl.ok) refuse('license-url', 'give an absolute http(s) URL, or leave it empty.');
  // Republishing needs a right to: a license, or usage terms that state the permission.
  if (!text('license') && !text('usage-terms')) refuse('license', 'required: a license such as CC BY 4.0, or usage terms stating your permission (“permission on file”).');
  if (values['allow-edits'] !== 'yes' && values['allow-edits'] !== 'no') refuse('allow-edits', 'choose yes or no.');
  if (!(INDEXING_POLICIES as string[]).includes(values.indexing)) refuse('indexing', `choose one of ${INDEXING_POLICIES.join(', ')}.`);
  if (!(UPDATE_POLICIES as string[]).includes(values.update)) refuse('update', `choose one of ${UPDATE_POLICIES.join(', ')}.`);
  for (const field of ['attribution', 'disclaimer'] as const) {
    const error = templateFieldError(field, values, siteName);
    if (error) errors[field] = error;
  }

  const rules = rulesFromValues(values);
  if (!rules.ok) Object.assign(errors, rules.errors);

  let keepSnapshots: number | null = null;
  const keep = text('keep-snapshots');
  if (keep !== '' && keep !== 'all') {
    if (/^[1-9][0-9]{0,5}$/.test(keep)) keepSnapshots = Number(keep);
    else refuse('keep-snapshots', `“all”, or a whole number from 1; got “${keep}”.`);
  }
  const images = text('images');
  if (images !== '' && !(IMAGE_POLICIES as string[]).includes(images)) refuse('images', `choose the default or one of ${IMAGE_POLICIES.join(', ')}.`);
  let commentsCloseAfterDays: number | null = null;
  try {
    commentsCloseAfterDays = parseCloseAfterDays(values['comments-close-days']);
  } catch (error) {
    refuse('comments-close-days', (error as Error).message.replace(/^The comment window must be/, 'must be'));
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      changes: {
        name,
        homeUrl: (home as { url: string }).url,
        logoUrl: (logo as { url: string | null }).url,
        license: orNull('license'),
        licenseUrl: (licenseUrl as { url: string | null }).url,
        usageTerms: orNull('usage-terms'),
        copyrightHolder: orNull('copyright'),
        allowEdits: values['allow-edits'] === 'yes',
        indexingPolicy: values.indexing as IndexingPolicy,
        updatePolicy: values.update as UpdatePolicy,
        attributionTemplate: orNull('attribution'),
        disclaimerTemplate: orNull('disclaimer'),
        keepSnapshots,
        imagePolicy: images === '' ? null : (images as ImagePolicy),
      },
      extractRules: (rules as { rules: ExtractRules | null }).rules,
      commentsCloseAfterDays,
    },
  };
}

/** The extraction rules as the form has them, checked; the preview runs them before they are saved. */
export function rulesFromValues(values: Pick<SettingValues, 'rules-body' | 'rules-drop'>): { ok: true; rules: ExtractRules | null } | { ok: false; errors: Partial<Record<SettingField, string>> } {
  const body = lines(values['rules-body']);
  const drop = lines(values['rules-drop']);
  const errors: Partial<Record<SettingField, string>> = {};
  for (const [field, selectors] of [['rules-body', body], ['rules-drop', drop]] as const) {
    const problems = validateExtractRules({ body: selectors });
    if (problems.length) errors[field] = `${FIELD_LABELS[field]}: ${problems.join('; ')}.`;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, rules: body.length || drop.length ? { ...(body.length ? { body } : {}), ...(drop.length ? { drop } : {}) } : null };
}

/** The fields whose stored values differ, for the audit log (both read back with settingValuesOf). */
export function changedSettings(before: SettingValues, after: SettingValues): SettingField[] {
  return SETTING_FIELDS.filter((f) => before[f] !== after[f]);
}
