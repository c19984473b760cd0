// Attribution and disclaimer templates: `{site}`, `{source}`, `{author}`, `{license}`, `{originalUrl}`.
// Rendering never lets a placeholder go out empty: a missing value throws, naming the field it comes from,
// so no page can ever say "the opinions of" and stop.
import { MissingAttributionError } from './missing-attribution-error.js';

export const PLACEHOLDERS = ['site', 'source', 'author', 'license', 'originalUrl'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Partial<Record<Placeholder, string | null | undefined>>;

/** The model field each placeholder is filled from: what the editor must fix when it is empty. */
export const PLACEHOLDER_FIELDS: Record<Placeholder, string> = {
  site: 'site.name',
  source: 'source.name',
  author: 'article.byline',
  license: 'rights.license',
  originalUrl: 'article.originalUrl',
};

export const DEFAULT_DISCLAIMER_TEMPLATE =
  'The views expressed in this article are solely those of the author and do not necessarily reflect the opinions of {site}.';
export const DEFAULT_ATTRIBUTION_TEMPLATE = 'Published by {source}';

/** One piece of a parsed template: literal text, or a placeholder with its (non-empty) value. */
export type TemplatePart = { text: string } | { placeholder: Placeholder; value: string };

function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

export function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

/** Splits a template into literal text and placeholders (unknown `{words}` stay literal text). */
function scan(template: string): Array<{ text: string } | { placeholder: Placeholder }> {
  const parts: Array<{ text: string } | { placeholder: Placeholder }> = [];
  let last = 0;
  let open = template.indexOf('{');
  while (open !== -1) {
    const close = template.indexOf('}', open + 1);
    if (close === -1) break;
    const name = template.slice(open + 1, close);
    if (isPlaceholder(name)) {
      if (open > last) parts.push({ text: template.slice(last, open) });
      parts.push({ placeholder: name });
      last = close + 1;
      open = template.indexOf('{', last);
    } else {
      open = template.indexOf('{', open + 1);
    }
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/** The placeholders a template uses, in order of first use. */
export function templatePlaceholders(template: string): Placeholder[] {
  const seen: Placeholder[] = [];
  for (const part of scan(template)) if ('placeholder' in part && !seen.includes(part.placeholder)) seen.push(part.placeholder);
  return seen;
}

/** The fields a template needs that are blank in `values` (e.g. `['site.name']`). */
export function missingTemplateFields(template: string, values: TemplateValues): string[] {
  return templatePlaceholders(template)
    .filter((name) => isBlank(values[name]))
    .map((name) => PLACEHOLDER_FIELDS[name]);
}

/** Parses and fills a template; throws `MissingAttributionError` if any placeholder it uses is blank. */
export function renderTemplateParts(template: string, values: TemplateValues): TemplatePart[] {
  const missing = missingTemplateFields(template, values);
  if (missing.length > 0) throw new MissingAttributionError(missing);
  return scan(template).map((part) =>
    'placeholder' in part ? { placeholder: part.placeholder, value: (values[part.placeholder] as string).trim() } : part,
  );
}

/** Fills a template as plain text (escape it for the context it goes into). Throws on a blank placeholder. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return renderTemplateParts(template, values)
    .map((part) => ('text' in part ? part.text : part.value))
    .join('');
}
