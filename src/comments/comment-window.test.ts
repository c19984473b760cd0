import { describe, it, expect } from 'vitest';
import { commentWindow, parseCloseAfterDays } from './comment-window.js';

const published = '2026-11-01T12:00:00.000Z';

describe('commentWindow', () => {
  it('on: an article older than the source\'s window is closed, and says since when', () => {
    const w = commentWindow({ now: new Date('2026-11-15T12:00:00Z'), siteEnabled: true, publishedAt: published, closeAfterDays: 14 });
    expect(w).toEqual({ open: false, closedAt: new Date('2026-11-15T12:00:00Z') });
  });
  it('on: a younger article is open until the window ends', () => {
    const w = commentWindow({ now: new Date('2026-11-15T11:59:59Z'), siteEnabled: true, publishedAt: published, closeAfterDays: 14 });
    expect(w).toEqual({ open: true, closesAt: new Date('2026-11-15T12:00:00Z') });
  });
  it('off: without a setting (null or 0) an old article stays open', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(commentWindow({ now, siteEnabled: true, publishedAt: published, closeAfterDays: null }).open).toBe(true);
    expect(commentWindow({ now, siteEnabled: true, publishedAt: published, closeAfterDays: 0 }).open).toBe(true);
  });
  it('an unknown or unreadable publication time never closes an article', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(commentWindow({ now, siteEnabled: true, publishedAt: null, closeAfterDays: 1 }).open).toBe(true);
    expect(commentWindow({ now, siteEnabled: true, publishedAt: 'yesterday', closeAfterDays: 1 }).open).toBe(true);
  });
  it('the site-wide switch closes every article', () => {
    expect(commentWindow({ now: new Date(published), siteEnabled: false, publishedAt: published, closeAfterDays: null }).open).toBe(false);
  });
});

describe('parseCloseAfterDays', () => {
  it('reads days, and never / 0 / empty as no limit', () => {
    expect(parseCloseAfterDays('30')).toBe(30);
    expect(parseCloseAfterDays(' never ')).toBeNull();
    expect(parseCloseAfterDays('0')).toBeNull();
    expect(parseCloseAfterDays('')).toBeNull();
  });
  it('refuses anything else with a clear message', () => {
    expect(() => parseCloseAfterDays('-3')).toThrow(/number of days from 1 to 3650/);
    expect(() => parseCloseAfterDays('2 weeks')).toThrow(/got "2 weeks"/);
    expect(() => parseCloseAfterDays('99999')).toThrow(/3650/);
  });
});
