// May a copy differ from its source? Not when the license forbids derivatives (Creative Commons "ND", "no
// derivatives" in any spelling) or the operator said so for the source (`allowEdits: false`). Pure.
import type { RightsInfo, Source } from '../model/types.js';
import { effectiveRights } from './rights.js';

export type EditsAllowed = { allowed: true } | { allowed: false; reason: string };

// "CC BY-ND 4.0", "CC-BY-NC-ND", "Attribution-NoDerivatives", "NoDerivs", "no derivative works".
const NO_DERIVATIVES = [/\bcc[\s-]*by[\s-]*(?:nc[\s-]*)?nd\b/i, /\bno[\s-]*deriv(?:ative|atives|s)?\b/i, /\bno[\s-]*derivative[\s-]*works?\b/i];
const ND_LICENSE_URL = /creativecommons\.org\/licenses\/by(?:-nc)?-nd\//i;

/** The license phrase that forbids derivatives, if the rights carry one. */
export function noDerivativesClause(rights: RightsInfo): string | null {
  for (const text of [rights.license, rights.usageTerms]) {
    if (text && NO_DERIVATIVES.some((pattern) => pattern.test(text))) return text.trim();
  }
  if (rights.licenseUrl && ND_LICENSE_URL.test(rights.licenseUrl)) return rights.licenseUrl.trim();
  return null;
}

/** Whether an editor may publish a copy that differs from the source, and if not, why. */
export function editsAllowed(source: Pick<Source, 'slug' | 'allowEdits' | 'rights'>, articleRights?: RightsInfo | null): EditsAllowed {
  if (!source.allowEdits) return { allowed: false, reason: `source "${source.slug}" does not allow edited copies (allowEdits: false)` };
  const clause = noDerivativesClause(effectiveRights(articleRights, source.rights));
  if (clause) return { allowed: false, reason: `the license of source "${source.slug}" forbids changes (${clause})` };
  return { allowed: true };
}

/** The publish check's refusal of a copy that is not faithful to a source that allows no edits, or null. */
export function alteredCopyRefusal(edits: EditsAllowed, faithful: boolean): string | null {
  if (edits.allowed || faithful) return null;
  return `cannot publish an altered copy: ${edits.reason}`;
}
