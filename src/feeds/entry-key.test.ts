import { describe, expect, it } from 'vitest';
import { assignEntryKeys, baseKey } from './entry-key.js';

const entry = (guid: string | null, link: string | null, title: string | null = null, contentText = '') => ({ guid, link, title, contentText });

describe('entry keys', () => {
  it('prefers the guid, then the link, then a content hash', () => {
    expect(baseKey(entry('g', 'https://x/1'))).toBe('g');
    expect(baseKey(entry(null, 'https://x/1'))).toBe('https://x/1');
    const hashed = baseKey(entry(null, null, 'T', 'body'));
    expect(hashed).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(baseKey(entry(null, null, 'T', '  body \n'))).toBe(hashed);
    expect(baseKey(entry(null, null, 'T', 'other body'))).not.toBe(hashed);
  });

  it('uses the id as written, so a relative id does not change with the document address', () => {
    expect(baseKey({ ...entry('https://old.example/posts/1', null), idText: '/posts/1' })).toBe('/posts/1');
    expect(baseKey({ ...entry('https://new.example/posts/1', null), idText: '/posts/1' })).toBe('/posts/1');
  });

  it('keeps the first copy of a repeated key and tells later ones apart', () => {
    const keys = assignEntryKeys([entry('g', 'https://x/1'), entry('g', 'https://x/2'), entry('g', null), entry('g', 'https://x/1'), entry('g', null)]);
    expect(keys).toEqual(['g', 'g|https://x/2', 'g|#3', 'g|https://x/1', 'g|#5']);
    expect(new Set(keys).size).toBe(5);
  });
});
