// The moderators' block lists: email addresses (or whole domains), IP buckets and words. A comment that matches
// an entry is marked as spam when it is posted or edited: it is kept, never shown, and a moderator can still find
// it in the Spam tab (WordPress's "disallowed comment keys" work the same way, sending matches to the trash; a
// spam verdict keeps Convey's one place for comments nobody asked for). The poster is not told, so a blocked
// spammer learns nothing to work around. Pure: the store keeps the entries (store/comment-blocks.ts).
import { ipBucket, parseAddress } from './client-ip.js';
import { foldForMatching } from './text-normalize.js';
import type { ModerationDecision } from './moderation.js';

export const BLOCK_KINDS = ['email', 'ip', 'word'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface BlockEntry {
  kind: BlockKind;
  /** In matching form, as `normaliseBlockValue` gives it. */
  value: string;
}

const MAX_EMAIL_CHARS = 254;
const MAX_WORD_CHARS = 100;

export type NormalisedBlock = { ok: true; value: string } | { ok: false; error: string };

/**
 * The form an entry is stored and matched in, or why it cannot be one. Email: an address or `@domain`,
 * lower-cased. IP: an address or its bucket (IPv4 /24, IPv6 /48, the buckets comments are counted in), stored
 * as the bucket. Word: a word or phrase, folded (NFKC, case-folded) with its spaces collapsed.
 */
export function normaliseBlockValue(kind: BlockKind, raw: string): NormalisedBlock {
  const text = raw.normalize('NFKC').trim();
  if (!text) return { ok: false, error: 'Give the address, network or word to block.' };
  switch (kind) {
    case 'email': {
      const value = text.toLowerCase();
      if (value.length > MAX_EMAIL_CHARS) return { ok: false, error: `An email address has at most ${MAX_EMAIL_CHARS} characters.` };
      if (/^[^\s@]+@[^\s@]+$/.test(value) || /^@[^\s@.]+(?:\.[^\s@.]+)+$/.test(value)) return { ok: true, value };
      return { ok: false, error: `"${text}" is neither an email address (name@example.com) nor a domain (@example.com).` };
    }
    case 'ip': {
      const bucket = bucketOf(text);
      return bucket ? { ok: true, value: bucket } : { ok: false, error: `"${text}" is neither an IP address nor a network of one (203.0.113.0/24 for IPv4, 2001:db8:1::/48 for IPv6).` };
    }
    case 'word': {
      const value = foldForMatching(text).replace(/\s+/gu, ' ');
      if (value.length > MAX_WORD_CHARS) return { ok: false, error: `A blocked word or phrase has at most ${MAX_WORD_CHARS} characters.` };
      if (!/[\p{L}\p{N}]/u.test(value)) return { ok: false, error: 'A blocked word needs at least one letter or digit.' };
      return { ok: true, value };
    }
  }
}

/** An address gives its bucket; a bucket is accepted only when it is one exactly (`203.0.113.0/24`, not `/16`). */
function bucketOf(text: string): string | null {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return parseAddress(text) ? ipBucket(text) : null;
  const address = text.slice(0, slash);
  if (!parseAddress(address)) return null;
  const bucket = ipBucket(address);
  return bucket.toLowerCase() === text.toLowerCase() ? bucket : null;
}

export interface BlockSubject {
  email: string | null;
  /** The poster's IP bucket (`ipBucket`). */
  ipBucket: string | null;
  /** The fields words are looked for in: name, email, URL and body. */
  texts: readonly string[];
}

/** The first entry the comment matches; null when none does. */
export function findBlock(subject: BlockSubject, entries: readonly BlockEntry[]): BlockEntry | null {
  const email = subject.email ? subject.email.normalize('NFKC').trim().toLowerCase() : null;
  let folded: string[] | null = null;
  for (const entry of entries) {
    if (entry.kind === 'email') {
      if (email && (entry.value.startsWith('@') ? email.endsWith(entry.value) : email === entry.value)) return entry;
    } else if (entry.kind === 'ip') {
      if (subject.ipBucket && subject.ipBucket === entry.value) return entry;
    } else {
      folded ??= subject.texts.filter(Boolean).map((t) => foldForMatching(t));
      if (folded.some((text) => containsWord(text, entry.value))) return entry;
    }
  }
  return null;
}

/**
 * Scripts written without spaces between words: there a word has no boundary to look for, so the entry is
 * matched wherever it occurs.
 */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}_]';

/**
 * Whether the folded text holds the folded word or phrase as whole words: "ass" is not found in "class" or
 * "assess", "buy now" is found in "Buy   NOW!". Letters, marks and digits of any script count as word characters.
 */
export function containsWord(foldedText: string, word: string): boolean {
  if (!word) return false;
  if (UNSPACED_SCRIPT.test(word)) return foldedText.includes(word);
  const pattern = word.split(' ').map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<!${WORD_CHAR})${pattern}(?!${WORD_CHAR})`, 'u').test(foldedText);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function describeBlock(entry: BlockEntry): string {
  const what = entry.kind === 'email' ? (entry.value.startsWith('@') ? 'email domain' : 'email address') : entry.kind === 'ip' ? 'network' : 'word';
  return `block list: ${what} "${entry.value}"`;
}

/** A blocked comment is spam whatever the other rules said; their reasons are kept for the moderator. */
export function applyBlock(decision: ModerationDecision, entry: BlockEntry | null): ModerationDecision {
  if (!entry) return decision;
  return { status: 'spam', reasons: [describeBlock(entry), ...decision.reasons] };
}
