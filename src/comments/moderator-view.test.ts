import { describe, it, expect } from 'vitest';
import type { Comment } from '../model/types.js';
import { forModerators } from './moderator-view.js';

const stored: Comment = {
  id: 7, articleId: 1, parentId: null,
  // Stored before such names were cleaned: a zero-width space splits a word, a bidi override reverses the line.
  authorName: 'Ad\u200Bmin\u202E gnp.exe',
  authorEmail: 'x@example.org', authorUrl: null,
  bodySource: 'ca\u2060sino \u2066offer\u2069 مرحبا\u200F ok',
  bodyHtml: '<p>ca\u2060sino</p>', status: 'pending', ipBucket: null, holdReason: 'first comment from this email address',
  createdAt: '2026-11-27T12:00:00.000Z',
};

describe('forModerators', () => {
  it('removes zero-width and bidi controls from the name and the text a moderator reads', () => {
    const seen = forModerators(stored);
    expect(seen.authorName).toBe('Admin gnp.exe');
    expect(seen.bodySource).toBe('casino offer مرحبا\u200F ok');
  });
  it('keeps everything else as stored, and leaves the stored comment untouched', () => {
    const seen = forModerators(stored);
    expect({ ...seen, authorName: stored.authorName, bodySource: stored.bodySource }).toEqual(stored);
    expect(stored.authorName).toContain('\u202E');
  });
  it('a clean comment comes through unchanged', () => {
    const clean = { ...stored, authorName: 'Ann', bodySource: 'Fine words.' };
    expect(forModerators(clean)).toEqual(clean);
  });
});
