// Whether a site-wide template (the default disclaimer or attribution line) can be trusted on every article:
// it must say something, name what it exists to name, and use only placeholders that publishing guarantees.
// `{author}` and `{license}` are empty on some articles, and an article whose template would show a blank is
// held (fail closed): a site-wide template that used them would hold every such article.
import { isBlank, missingTemplateFields, templatePlaceholders, type Placeholder, type TemplateValues } from './template.js';

/** Filled on every published article: the publish check refuses an article without them. */
const ALWAYS_FILLED: TemplateValues = { site: 'site', source: 'source', originalUrl: 'https://original.test/' };

/** Why the template cannot be used, naming `field`; null when it can. */
export function siteTemplateProblem(template: string, field: string, mustName: Placeholder): string | null {
  if (isBlank(template)) return `${field} is empty: every article would show a blank line`;
  if (!templatePlaceholders(template).includes(mustName)) return `${field} must contain {${mustName}} (the place where the ${mustName === 'site' ? "site's" : "source's"} name goes)`;
  const blanks = missingTemplateFields(template, ALWAYS_FILLED);
  if (blanks.length > 0) {
    const names = templatePlaceholders(template).filter((p) => !ALWAYS_FILLED[p]).map((p) => `{${p}}`);
    return `${field} uses ${names.join(' and ')}, which is empty on some articles (${blanks.join(', ')}): those articles would be held`;
  }
  return null;
}
