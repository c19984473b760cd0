// Checking attribution and disclaimer templates when an editor sets them, before any article meets them: a
// source's (checkSourceTemplate) and the site-wide defaults (siteTemplateProblem). The publish check
// (publishable.ts) holds an article whose template renders a blank; these refuse, at the moment of editing, every
// template that could do so for some article, so that an editor learns of it on the form instead of from a queue
// of held articles.
import { isBlank, missingTemplateFields, PLACEHOLDERS, templatePlaceholders, type Placeholder, type TemplateValues } from './template.js';

export type TemplateKind = 'attribution' | 'disclaimer';

/** What the template's placeholders would be filled from, as the source is about to be saved. */
export interface TemplateCheckContext {
  siteName: string | null;
  sourceName: string | null;
  license: string | null;
}

const PLACEHOLDER_LIST = PLACEHOLDERS.map((p) => `{${p}}`).join(', ');

/** Braces around a plain word that is no placeholder: almost always a misspelt one, shown to readers as typed. */
function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(PLACEHOLDERS);
  return [...new Set([...template.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]).filter((name) => !known.has(name)))];
}

/** Why one placeholder could be blank when an article of this source is published; null when it never is. */
function blankReason(placeholder: Placeholder, context: TemplateCheckContext): string | null {
  switch (placeholder) {
    case 'site':
      return isBlank(context.siteName) ? '{site} would be blank: the site has no name (set CONVEY_SITE_NAME)' : null;
    case 'source':
      return isBlank(context.sourceName) ? '{source} would be blank: give the source a name' : null;
    case 'license':
      return isBlank(context.license) ? '{license} would be blank: the source has no license (set one, or leave {license} out)' : null;
    case 'author':
      // Bylines come from each article, and many have none: such an article would be held for the template.
      return '{author} would be blank for every article without a byline: name the source with {source} instead';
    case 'originalUrl':
      // Every published article has an http(s) link to its original (the publish check requires it).
      return null;
  }
}

/**
 * The problems of one template, each a sentence; empty when the template is fine. A blank template is fine:
 * it means the default (the attribution "Published by {source}", the site's disclaimer).
 */
export function checkSourceTemplate(kind: TemplateKind, template: string, context: TemplateCheckContext): string[] {
  if (isBlank(template)) return [];
  const problems: string[] = [];
  const used = templatePlaceholders(template);
  // The disclaimer exists to name this site: without {site} it would disclaim on nobody's behalf.
  if (kind === 'disclaimer' && !used.includes('site')) problems.push('it must name the site: put {site} where the site’s name goes');
  for (const placeholder of used) {
    const reason = blankReason(placeholder, context);
    if (reason) problems.push(reason);
  }
  for (const name of unknownPlaceholders(template)) problems.push(`{${name}} is not a placeholder and would be shown as typed; use ${PLACEHOLDER_LIST}`);
  return problems;
}

// A site-wide template must say something, name what it exists to name, and use only placeholders that
// publishing guarantees: `{author}` and `{license}` are empty on some articles, which would all be held.
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
