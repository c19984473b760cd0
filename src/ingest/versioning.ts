// Deciding what a new text from the source means for the copy: nothing, an update, or a correction;
// and what the source's update policy does with it. Pure functions.
import { createHash } from 'node:crypto';
import type { UpdatePolicy, VersionKind } from '../model/types.js';
import type { EditsAllowed } from '../provenance/edits-allowed.js';
import { htmlToText } from '../clean/sanitize.js';

/** Hash of the text a reader sees (headline + body text), blind to markup and whitespace changes. */
export function contentHash(headline: string, bodyHtml: string): string {
  return contentHashOfText(headline, htmlToText(bodyHtml));
}

/** `contentHash` from the body's text (`htmlToText` of its HTML), when the caller has it already. */
export function contentHashOfText(headline: string, bodyText: string): string {
  const text = `${headline}\n${bodyText}`.normalize('NFC').replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(text).digest('hex');
}

// A correction is announced in the text itself; these are the ways newsrooms say it.
const CORRECTION = /(^|\n)\s*(correction|corrections|clarification|editor['’]s note)\s*[:—–-]/i;
const CORRECTION_PHRASE = /\b(an earlier version of this (story|article|report)|this (story|article) (has been|was) corrected)\b/i;

/** The sentence that announces a correction, if the new text has one the old text did not. */
export function findCorrectionNote(oldText: string, newText: string): string | null {
  const lines = newText.split('\n');
  for (const line of lines) {
    if ((CORRECTION.test(`\n${line}`) || CORRECTION_PHRASE.test(line)) && !oldText.includes(line.trim())) {
      // The page labels the note itself ("Correction"), so the label the source wrote is not repeated.
      return line.trim().replace(/^(corrections?|clarification)\s*[:—–-]\s*/i, '').slice(0, 500);
    }
  }
  return null;
}

export interface ChangeDecision {
  kind: Exclude<VersionKind, 'original' | 'edit' | 'withdrawal'>;
  note: string;
  /** The state of the new version: applied now, waiting for an editor, or only recorded. */
  state: 'published' | 'pending' | 'recorded';
  /** Whether the page changes now. */
  applyNow: boolean;
  /** Why an update the policy would apply waits for an editor instead (for the log; the note stays the readers'). */
  heldBecause?: string;
}

/** What a changed source text becomes under the source's update policy. */
export function decideChange(policy: UpdatePolicy, oldBodyHtml: string, newBodyHtml: string): ChangeDecision {
  const correction = findCorrectionNote(htmlToText(oldBodyHtml), htmlToText(newBodyHtml));
  const kind = correction ? 'correction' : 'update';
  const note = correction ?? 'The source updated this story.';
  switch (policy) {
    case 'auto':
      return { kind, note, state: 'published', applyNow: true };
    case 'review':
      return { kind, note, state: 'pending', applyNow: false };
    case 'notify':
      return { kind, note, state: 'recorded', applyNow: false };
  }
}

/**
 * A source that allows no edits gets its updates applied automatically only when the copy they make is faithful to
 * the text the source served; otherwise the update waits for an editor. `isFaithful` runs only when it matters.
 */
export function holdUnfaithfulUpdate(decision: ChangeDecision, edits: EditsAllowed, isFaithful: () => boolean): ChangeDecision {
  if (!decision.applyNow || edits.allowed || isFaithful()) return decision;
  return { ...decision, state: 'pending', applyNow: false, heldBecause: `the copy would differ from the text the source served, and ${edits.reason}` };
}

/** What a withdrawal at the source (404/410 or marked withdrawn) does to the copy. */
export function decideWithdrawal(policy: UpdatePolicy): { cancelNow: boolean; state: 'published' | 'pending' | 'recorded' } {
  if (policy === 'auto') return { cancelNow: true, state: 'published' };
  if (policy === 'review') return { cancelNow: false, state: 'pending' };
  return { cancelNow: false, state: 'recorded' };
}
