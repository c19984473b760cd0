// The decision taken on every new comment before it is stored, in the spirit of WordPress's checkComment:
// cheap, local rules, each of which can be switched off. Spam signals (a filled honeypot, a deny-list word) win
// over hold signals (links, a first-time commenter, a hold-list word). A form sent faster than a person types is
// not judged here: the reader is told and asked to send it again (`submittedTooSoon`), nothing is stored.
// The functions are pure: the caller finds out whether the same commenter is back and passes it in.
import { applyBlock, findBlock, type BlockEntry } from './block-list.js';
import { ipBucket } from './client-ip.js';
import { foldForMatching } from './text-normalize.js';

export type ModerationStatus = 'pending' | 'approved' | 'spam';

export interface ModerationInput {
  name: string;
  email: string | null;
  url: string | null;
  /** The Markdown source as typed. */
  body: string;
  /** Value of the honeypot field; a person never sees it, so anything there came from a bot. */
  honeypot?: string | null;
  /** The client IP (as text), matched against the keyword lists like the other fields. */
  ip?: string | null;
  /** The User-Agent header, matched against the keyword lists too (some bots name themselves). */
  userAgent?: string | null;
}

export interface ModerationContext {
  now: Date;
  /** When the form was rendered (carried by the signed form token); null when unknown. */
  formRenderedAt: Date | null;
  /**
   * Whether the same commenter is shown to be back: an approved comment of theirs, and proof that this post comes
   * from its author (the commenter cookie, for this address and this name). Typing a known address is no proof.
   */
  hasApprovedComment: boolean;
  /** The address has approved comments but nothing shows the same person is back (a reason for the moderator). */
  knownAddressUnproven?: boolean;
}

export interface ModerationRules {
  /** Submissions sooner than this after the form was rendered are sent back (`submittedTooSoon`). 0 switches the rule off. Default 3. */
  minSecondsToSubmit?: number;
  /** Comments with at least this many links are held. 0 switches the rule off. Default 2. */
  maxLinks?: number;
  /** Hold commenters without an approved comment. Default true. */
  holdFirstTimeCommenters?: boolean;
  /** Words or fragments that hold a comment for review. */
  holdKeywords?: readonly string[];
  /** Words or fragments that mark a comment as spam. */
  denyKeywords?: readonly string[];
  /** Hold every comment (manual approval of everything). Default false. */
  holdAll?: boolean;
  /** The moderators' block lists (block-list.ts): a comment matching an entry is spam, the entry its first reason. */
  blocks?: readonly BlockEntry[];
}

export interface ModerationDecision {
  status: ModerationStatus;
  /** Why, one entry per rule that fired, for the moderator's screen (never shown to the commenter). */
  reasons: string[];
}

export const DEFAULT_MODERATION_RULES = {
  minSecondsToSubmit: 3,
  maxLinks: 2,
  holdFirstTimeCommenters: true,
  holdKeywords: [] as readonly string[],
  denyKeywords: [] as readonly string[],
  holdAll: false,
  blocks: [] as readonly BlockEntry[],
} satisfies Required<ModerationRules>;

export function moderateComment(input: ModerationInput, context: ModerationContext, rules: ModerationRules = {}): ModerationDecision {
  const r = { ...DEFAULT_MODERATION_RULES, ...stripUndefined(rules) };
  const spam: string[] = [];
  const hold: string[] = [];

  if (input.honeypot && input.honeypot.trim() !== '') spam.push('honeypot field filled');

  if (r.minSecondsToSubmit > 0 && !context.formRenderedAt) hold.push('form render time unknown');

  const fields = [input.name, input.email ?? '', input.url ?? '', input.body, input.ip ?? '', input.userAgent ?? ''];
  const denied = firstKeywordMatch(fields, r.denyKeywords);
  if (denied !== null) spam.push(`deny-list keyword "${denied}"`);

  if (r.maxLinks > 0) {
    const links = countLinks(input.body);
    if (links >= r.maxLinks) hold.push(`${links} links (hold from ${r.maxLinks})`);
  }

  const held = firstKeywordMatch(fields, r.holdKeywords);
  if (held !== null) hold.push(`hold-list keyword "${held}"`);

  if (r.holdFirstTimeCommenters && !context.hasApprovedComment) {
    hold.push(
      context.knownAddressUnproven
        ? 'this email address has approved comments, but nothing shows the same person is back (no commenter cookie for this name)'
        : 'first comment from this email address',
    );
  }

  if (r.holdAll) hold.push('every comment is held for approval');

  const decision: ModerationDecision = spam.length ? { status: 'spam', reasons: [...spam, ...hold] } : hold.length ? { status: 'pending', reasons: hold } : { status: 'approved', reasons: [] };
  if (r.blocks.length === 0) return decision;
  const blocked = findBlock({ email: input.email, ipBucket: input.ip ? ipBucket(input.ip) : null, texts: [input.name, input.email ?? '', input.url ?? '', input.body] }, r.blocks);
  return applyBlock(decision, blocked);
}

/**
 * True when the form came back sooner than a person could have filled it (or "before" it was rendered).
 * The caller answers with the form, the text kept, and stores nothing: a person is told the truth and sends it
 * again; a bot learns only that it must wait, which costs it the time it tried to save.
 */
export function submittedTooSoon(context: Pick<ModerationContext, 'now' | 'formRenderedAt'>, minSecondsToSubmit = DEFAULT_MODERATION_RULES.minSecondsToSubmit): boolean {
  if (minSecondsToSubmit <= 0 || !context.formRenderedAt) return false;
  return context.now.getTime() - context.formRenderedAt.getTime() < minSecondsToSubmit * 1000;
}

/**
 * Counts links the way a reader would see them: explicit http(s) and protocol-relative URLs, mailto targets and
 * bare `www.` hosts. Full-width or otherwise disguised forms are folded first.
 */
export function countLinks(body: string): number {
  const folded = body.normalize('NFKC').toLowerCase();
  const matches = folded.match(/(?:https?:)?\/\/[^\s/]|mailto:|(?<![\p{L}\p{N}.])www\.[\p{L}\p{N}-]/gu);
  return matches ? matches.length : 0;
}

/** The first keyword (as configured) contained in any field, compared in folded form; null when none. */
export function firstKeywordMatch(fields: readonly string[], keywords: readonly string[]): string | null {
  if (!keywords.length) return null;
  const haystacks = fields.filter(Boolean).map(foldForMatching);
  for (const keyword of keywords) {
    const needle = foldForMatching(keyword.trim());
    // An empty entry (a blank line in the settings box) would match everything.
    if (!needle) continue;
    if (haystacks.some((h) => h.includes(needle))) return keyword.trim();
  }
  return null;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const SEVERITY: Record<ModerationStatus, number> = { approved: 0, pending: 1, spam: 2 };

/**
 * The status of a comment its author edited: the rules judge the new text, and an edit never makes a comment
 * more public than it was (a held comment stays held until a moderator approves it; an approved one is held
 * again when the new text trips a rule).
 */
export function statusAfterEdit(previous: ModerationStatus, decision: ModerationDecision): ModerationStatus {
  return SEVERITY[decision.status] >= SEVERITY[previous] ? decision.status : previous;
}
