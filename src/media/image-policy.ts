// How a source's images reach readers, and whether an image may be shown without a credit. Pure.
//   rehost — fetched once through the guarded client, stored, served by the site (the default);
//   proxy  — fetched through the guarded client when a reader first asks, cached for a while, never stored;
//   link   — hot-linked from the source (an operator's explicit choice: readers' browsers then call the source).
import type { ImagePolicy, RightsInfo, Source } from '../model/types.js';
import { effectiveRights } from '../provenance/rights.js';

// Terms that allow republishing but not keeping copies of the files: "do not store", "no rehosting", "no copies".
const NO_COPIES = [/\bdo not (?:copy|store|rehost|host|download)\b/i, /\bno (?:copies|copying|rehosting|re-hosting|storage)\b/i, /\bmust not be (?:stored|copied|rehosted)\b/i];

/** The policy in force: the operator's choice, else `rehost` unless the rights forbid keeping copies (then `proxy`). */
export function imagePolicyOf(source: Pick<Source, 'imagePolicy' | 'rights'>): ImagePolicy {
  if (source.imagePolicy) return source.imagePolicy;
  const terms = [source.rights.license, source.rights.usageTerms].filter(Boolean).join(' ');
  return NO_COPIES.some((pattern) => pattern.test(terms)) ? 'proxy' : 'rehost';
}

// Licenses that ask nothing of the republisher: public domain, CC0.
const NO_CREDIT_NEEDED = [/\bcc0\b/i, /\bpublic[\s-]+domain\b/i, /\bpublicdomain\/(?:zero|mark)\b/i];

/**
 * Whether an image of this source must carry a credit to be shown. Fail closed: every license but public
 * domain and CC0 asks for one, and so does a source whose terms are only a statement of permission.
 */
export function imageCreditRequired(sourceRights: RightsInfo, articleRights?: RightsInfo | null): boolean {
  const rights = effectiveRights(articleRights, sourceRights);
  const texts = [rights.license, rights.licenseUrl].filter((t): t is string => Boolean(t));
  if (texts.length > 0 && texts.some((text) => NO_CREDIT_NEEDED.some((pattern) => pattern.test(text)))) return false;
  return true;
}
