// The owner's settings page: one form with every setting, grouped, each field with its hint and, after a
// refused save, its own error next to it (and listed at the top, linked to the field).
import { html, type SafeHtml } from '../../site/html.js';
import type { User } from '../../store/users.js';
import { SETTINGS, settingDefinition, type SettingDefinition } from '../../config/site-settings.js';
import { SHARE_NETWORK_LABELS, type ShareNetwork } from '../../site/share-links.js';
import { csrfField, message, renderDeskPage } from './desk-layout.js';

export interface SettingsPageInput {
  siteName: string;
  user: User;
  csrfToken: string;
  /** Each setting's value to show: in force, or as the owner sent it after a refused save. */
  values: Record<string, unknown>;
  /** The settings stored on the desk (the others come from the configuration). */
  storedKeys: readonly string[];
  errors?: { key: string; message: string }[];
  notice?: string | null;
}

const GROUPS: { legend: string; keys: string[] }[] = [
  { legend: 'The site', keys: ['site.name', 'site.url', 'site.logoUrl', 'site.language', 'site.timeZone', 'site.description'] },
  { legend: 'Disclaimer and attribution', keys: ['site.disclaimerTemplate', 'site.attributionTemplate'] },
  { legend: 'Comments', keys: ['comments.enabled', 'comments.holdAll', 'comments.maxLinks', 'comments.minSecondsToSubmit', 'comments.holdKeywords', 'comments.denyKeywords'] },
];

const idOf = (key: string) => `setting-${key.replace(/\./g, '-')}`;

function asText(value: unknown): string {
  if (Array.isArray(value)) return value.join('\n');
  if (value === null || value === undefined) return '';
  return String(value);
}

function describedBy(definition: SettingDefinition, error: string | undefined): SafeHtml | '' {
  const ids = [definition.hint ? `${idOf(definition.key)}-hint` : null, error ? `${idOf(definition.key)}-error` : null].filter(Boolean);
  return ids.length ? html` aria-describedby="${ids.join(' ')}"` : '';
}

function field(definition: SettingDefinition, value: unknown, error: string | undefined, stored: boolean): SafeHtml {
  const id = idOf(definition.key);
  const invalid = error ? html` aria-invalid="true"` : '';
  const described = describedBy(definition, error);
  const hint = definition.hint ? html`<p class="hint" id="${id}-hint">${definition.hint}</p>` : '';
  const errorLine = error ? html`<p class="field-error" id="${id}-error">${error}</p>` : '';
  const origin = stored ? '' : html` <span class="meta">(configuration)</span>`;
  switch (definition.kind) {
    case 'boolean':
      return html`<div class="check"><input type="checkbox" id="${id}" name="${definition.key}"${value === true ? html` checked` : ''}${invalid}${described}>
<label for="${id}">${definition.label}${origin}</label></div>${hint}${errorLine}`;
    case 'number':
      return html`<label for="${id}">${definition.label}${origin}</label>
<input type="number" id="${id}" name="${definition.key}" value="${asText(value)}" min="${String(definition.min ?? 0)}" max="${String(definition.max ?? 0)}" required${invalid}${described}>${hint}${errorLine}`;
    case 'long-text':
    case 'words':
      return html`<label for="${id}">${definition.label}${origin}</label>
<textarea id="${id}" name="${definition.key}" rows="${definition.kind === 'words' ? '4' : '3'}"${invalid}${described}>${asText(value)}</textarea>${hint}${errorLine}`;
    case 'url':
    case 'text':
      return html`<label for="${id}">${definition.label}${origin}</label>
<input type="${definition.kind === 'url' ? 'url' : 'text'}" id="${id}" name="${definition.key}" value="${asText(value)}"${invalid}${described}>${hint}${errorLine}`;
    case 'choices': {
      const chosen = Array.isArray(value) ? value : [];
      const boxes = (definition.choices ?? []).map(
        (choice) => html`<li class="check"><input type="checkbox" id="${id}-${choice}" name="${definition.key}" value="${choice}"${chosen.includes(choice) ? html` checked` : ''}>
<label for="${id}-${choice}">${SHARE_NETWORK_LABELS[choice as ShareNetwork] ?? choice}</label></li>`,
      );
      return html`<fieldset id="${id}"${described}><legend>${definition.label}${origin}</legend>
<p class="hint">The buttons under each article; none chosen, no share block.</p>
<ul class="checks">${boxes}</ul>${errorLine}</fieldset>`;
    }
  }
}

export function renderSettingsPage(input: SettingsPageInput): string {
  const errors = new Map((input.errors ?? []).map((e) => [e.key, e.message]));
  const stored = new Set(input.storedKeys);
  const fieldOf = (key: string) => {
    const definition = settingDefinition(key)!;
    return field(definition, input.values[key], errors.get(key), stored.has(key));
  };
  const grouped = new Set(GROUPS.flatMap((g) => g.keys));
  const rest = SETTINGS.filter((s) => !grouped.has(s.key));
  const summary = errors.size
    ? html`<div class="message error" role="alert"><p>Nothing was saved: ${String(errors.size)} ${errors.size === 1 ? 'setting needs' : 'settings need'} a change.</p>
<ul>${[...errors].map(([key, text]) => html`<li><a href="#${idOf(key)}">${text}</a></li>`)}</ul></div>`
    : '';
  return renderDeskPage({
    siteName: input.siteName,
    user: input.user,
    csrfToken: input.csrfToken,
    current: 'settings',
    title: 'Settings',
    body: html`<h1>Settings</h1>
${message('ok', input.notice)}${summary}
<p class="hint">A change takes effect at once on every process of the site. A setting marked “configuration” has the value of the environment or the config file until it is changed here; secrets and process settings stay there. Accounts and roles are under <a href="/admin/users">Users</a>.</p>
<form method="post" action="/admin/settings" novalidate>
${csrfField(input.csrfToken)}
${GROUPS.map((group) => html`<fieldset><legend>${group.legend}</legend>
${group.keys.map(fieldOf)}
</fieldset>
`)}${rest.map((s) => fieldOf(s.key))}
<p class="actions"><button type="submit">Save the settings</button></p>
</form>`,
  });
}
