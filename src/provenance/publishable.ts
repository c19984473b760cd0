// Fail-closed publishing: an article may go out only when every name its page and templates show is there.
import type { Article, RightsInfo, SiteInfo, Source } from '../model/types.js';
import { MissingAttributionError } from './missing-attribution-error.js';
import { effectiveRights } from './rights.js';
import {
  DEFAULT_ATTRIBUTION_TEMPLATE,
  isBlank,
  missingTemplateFields,
  templatePlaceholders,
  type TemplateValues,
} from './template.js';

export type PublishableArticle = Pick<Article, 'headline' | 'originalUrl' | 'byline'> & { rights?: RightsInfo | null };
export type PublishableSource = Pick<Source, 'name' | 'homeUrl' | 'rights' | 'attributionTemplate' | 'disclaimerTemplate'>;
export type PublishableSite = Pick<SiteInfo, 'name' | 'url' | 'disclaimerTemplate' | 'attributionTemplate'>;

export interface PublishInput {
  site: PublishableSite;
  source: PublishableSource;
  article: PublishableArticle;
}

export type PublishCheck = { ok: true } | { ok: false; missing: string[] };

/** The disclaimer that applies: the source's own when it has one, else the site's. */
export function disclaimerTemplateOf(site: PublishableSite, source: PublishableSource): { template: string; field: string } {
  if (!isBlank(source.disclaimerTemplate)) return { template: source.disclaimerTemplate as string, field: 'source.disclaimerTemplate' };
  return { template: site.disclaimerTemplate ?? '', field: 'site.disclaimerTemplate' };
}

/** The attribution line template: the source's own when it has one, else the site's default, else "Published by {source}". */
export function attributionTemplateOf(source: PublishableSource, site?: Pick<PublishableSite, 'attributionTemplate'> | null): { template: string; field: string } {
  if (!isBlank(source.attributionTemplate)) return { template: source.attributionTemplate as string, field: 'source.attributionTemplate' };
  if (site && !isBlank(site.attributionTemplate)) return { template: site.attributionTemplate as string, field: 'site.attributionTemplate' };
  return { template: DEFAULT_ATTRIBUTION_TEMPLATE, field: 'source.attributionTemplate' };
}

/** Values for the placeholders of both templates. */
export function templateValuesOf({ site, source, article }: PublishInput): TemplateValues {
  return {
    site: site.name,
    source: source.name,
    author: article.byline,
    license: effectiveRights(article.rights, source.rights).license,
    originalUrl: article.originalUrl,
  };
}

function isHttpUrl(value: string | null | undefined): boolean {
  if (!value) return false;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Lists every blank field the page or its templates need; `{ ok: true }` only when there is none. */
export function checkPublishable(input: PublishInput): PublishCheck {
  const { site, source, article } = input;
  const missing: string[] = [];
  const need = (value: string | null | undefined, field: string) => {
    if (isBlank(value) && !missing.includes(field)) missing.push(field);
  };
  need(site.name, 'site.name');
  need(isHttpUrl(site.url) ? site.url : '', 'site.url');
  need(source.name, 'source.name');
  // The original must be a link a reader can follow: an empty, relative or javascript: URL counts as missing.
  need(isHttpUrl(article.originalUrl) ? article.originalUrl : '', 'article.originalUrl');
  need(article.headline, 'article.headline');
  // Republishing needs a right to: a license, or a statement of the permission ("permission on file"). Without
  // one the page would carry no license line at all.
  const rights = effectiveRights(article.rights, source.rights);
  need(rights.license ?? rights.usageTerms, 'source.license');
  // "By <author>" falls back to the source's name, so only both blank leave the byline empty (source.name covers it).

  const values = templateValuesOf(input);
  const disclaimer = disclaimerTemplateOf(site, source);
  if (isBlank(disclaimer.template)) need('', disclaimer.field);
  // The disclaimer exists to name this site: a template without {site} would disclaim on nobody's behalf.
  else if (!templatePlaceholders(disclaimer.template).includes('site')) need('', `${disclaimer.field}:{site}`);
  else for (const field of missingTemplateFields(disclaimer.template, values)) need('', field);

  const attribution = attributionTemplateOf(source, site);
  for (const field of missingTemplateFields(attribution.template, values)) need('', field);

  return missing.length === 0 ? { ok: true } : { ok: false, missing };
}

/** Throws `MissingAttributionError` naming every missing field, for callers that must not go on. */
export function assertPublishable(input: PublishInput): void {
  const check = checkPublishable(input);
  if (!check.ok) throw new MissingAttributionError(check.missing);
}
