// The rights that apply to an article: its own fields where it has them, else the source's defaults.
import type { RightsInfo } from '../model/types.js';

const EMPTY_RIGHTS: RightsInfo = { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null };

function pick(own: string | null | undefined, fallback: string | null | undefined): string | null {
  if (own && own.trim()) return own.trim();
  if (fallback && fallback.trim()) return fallback.trim();
  return null;
}

export function effectiveRights(article: RightsInfo | null | undefined, source: RightsInfo | null | undefined): RightsInfo {
  const a = article ?? EMPTY_RIGHTS;
  const s = source ?? EMPTY_RIGHTS;
  return {
    license: pick(a.license, s.license),
    licenseUrl: pick(a.licenseUrl, s.licenseUrl),
    usageTerms: pick(a.usageTerms, s.usageTerms),
    copyrightHolder: pick(a.copyrightHolder, s.copyrightHolder),
  };
}

/** True when there is anything to say in a license line. */
export function hasRights(rights: RightsInfo): boolean {
  return Boolean(rights.license || rights.usageTerms || rights.copyrightHolder);
}
