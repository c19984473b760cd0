// A MinHash fingerprint of an article's words: two fingerprints estimate the Jaccard similarity of the
// texts' word 3-shingles. It finds the same story told by another source (moderate overlap) and tells it
// apart from a plain copy of the same text (near-total overlap) without keeping the texts side by side.
const HASHES = 48;
const SHINGLE = 3;

// Fixed odd multipliers and offsets for the 32-bit hash family (any fixed values work; these are random).
const MULTIPLIERS = new Uint32Array(HASHES);
const OFFSETS = new Uint32Array(HASHES);
for (let i = 0; i < HASHES; i++) {
  let x = (0x9e3779b9 ^ (i * 0x85ebca6b)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  MULTIPLIERS[i] = (x | 1) >>> 0;
  OFFSETS[i] = Math.imul(x, 0x27d4eb2d) >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const SPACE = 0x20;

/** FNV-1a over `text`, continuing from `h`. */
function fnv1aFrom(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** FNV-1a of the shingle's words joined by spaces, without building the joined string (a hot loop). */
function shingleHash(tokens: string[], start: number): number {
  let h = fnv1aFrom(FNV_OFFSET, tokens[start]);
  for (let j = start + 1; j < start + SHINGLE; j++) {
    h = Math.imul(h ^ SPACE, 0x01000193);
    h = fnv1aFrom(h, tokens[j]);
  }
  return h >>> 0;
}

export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The fingerprint of a text as hex, or null when the text is too short to say anything. */
export function fingerprint(text: string): string | null {
  const tokens = words(text);
  if (tokens.length < SHINGLE + 5) return null;
  const mins = new Uint32Array(HASHES).fill(0xffffffff);
  for (let i = 0; i + SHINGLE <= tokens.length; i++) {
    const base = shingleHash(tokens, i);
    for (let k = 0; k < HASHES; k++) {
      const h = (Math.imul(base ^ OFFSETS[k], MULTIPLIERS[k]) ^ (base >>> 13)) >>> 0;
      if (h < mins[k]) mins[k] = h;
    }
  }
  return Array.from(mins, (m) => m.toString(16).padStart(8, '0')).join('');
}

/** Estimated Jaccard similarity (0…1) of two fingerprints. */
export function similarity(a: string, b: string): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  // Compared in place, a hash (8 characters) at a time: a window compares thousands of pairs per refresh, and
  // slicing each hash out made two strings per comparison.
  for (let i = 0; i < a.length; i += 8) {
    const end = Math.min(i + 8, a.length);
    let j = i;
    while (j < end && a.charCodeAt(j) === b.charCodeAt(j)) j++;
    if (j === end) same++;
  }
  return same / (a.length / 8);
}

/** Above this a text is a copy of the other, not another telling of the story. */
export const COPY_THRESHOLD = 0.85;
/** At or above this two texts tell the same story. */
export const SAME_STORY_THRESHOLD = 0.12;

export function isSameStory(a: string, b: string): boolean {
  const s = similarity(a, b);
  return s >= SAME_STORY_THRESHOLD && s < COPY_THRESHOLD;
}
