import { describe, it, expect } from 'vitest';
import { fillPlaceholders, formatDateline, publicationDate, resolvePublisher } from './catalog.js';
import { kestrelWire, sharedWireStory } from './content/kestrel-wire.js';
import { brackwaterLedger } from './content/brackwater-ledger.js';

const all = [kestrelWire, brackwaterLedger];
const origin = 'http://127.0.0.1:9';
const now = new Date('2026-11-04T12:30:45.123Z'); // a Wednesday

describe('formatDateline', () => {
  const published = new Date('2026-11-03T08:00:00Z');
  it('writes the three styles', () => {
    expect(formatDateline({ place: 'LISBON', style: 'place-credit' }, 'Kestrel Wire', published)).toBe('LISBON (Kestrel Wire) –');
    expect(formatDateline({ place: 'NAIROBI', style: 'place-date-credit' }, 'Kestrel Wire', published)).toBe('NAIROBI, Nov. 3 (Kestrel Wire) -');
    expect(formatDateline({ place: 'OSLO', style: 'place-only' }, 'Kestrel Wire', published)).toBe('OSLO —');
  });
  it('spells out the months agency style never abbreviates', () => {
    expect(formatDateline({ place: 'OSLO', style: 'place-date-credit' }, 'W', new Date('2026-06-09T00:00:00Z'))).toBe('OSLO, June 9 (W) -');
    expect(formatDateline({ place: 'OSLO', style: 'place-date-credit' }, 'W', new Date('2026-09-09T00:00:00Z'))).toBe('OSLO, Sept. 9 (W) -');
  });
});

describe('dates relative to the clock', () => {
  it('publishes each story its hours before now, on a whole minute', () => {
    const date = publicationDate(kestrelWire.stories[0], now);
    expect(date.getTime() % 60_000).toBe(0);
    const hours = (now.getTime() - date.getTime()) / 3_600_000;
    expect(hours).toBeGreaterThanOrEqual(kestrelWire.stories[0].hoursAgo);
    expect(hours).toBeLessThan(kestrelWire.stories[0].hoursAgo + 1 / 60);
  });
  it('fills the weekday of publication', () => {
    expect(fillPlaceholders('said on {weekday}.', new Date('2026-11-04T10:00:00Z'))).toBe('said on Wednesday.');
  });
});

describe('resolvePublisher', () => {
  const fresh = { updatedAt: null, withdrawnAt: null };

  it('resolves URLs, dates and datelines, newest first, placeholders filled', () => {
    const site = resolvePublisher(kestrelWire, all, origin, now, fresh);
    expect(site.feedUrl).toBe(`${origin}/wire/rss.xml`);
    expect(site.stories).toHaveLength(kestrelWire.stories.length);
    const times = site.stories.map((s) => s.published.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const s of site.stories) {
      expect(s.url.startsWith(`${origin}/wire/news/`)).toBe(true);
      expect(s.image.url).toMatch(/^http:\/\/127\.0\.0\.1:9\/images\/[a-z0-9-]+\.png$/);
      expect(JSON.stringify(s.body)).not.toContain('{weekday}');
      expect(s.modified.getTime()).toBe(s.published.getTime());
    }
    expect(site.changedAt.getTime()).toBe(Math.max(...times));
  });

  it('serves version 2 of the updated story once the update is applied', () => {
    const at = new Date(now.getTime() + 1000);
    const before = resolvePublisher(kestrelWire, all, origin, now, fresh).stories.find((s) => s.story.update);
    const after = resolvePublisher(kestrelWire, all, origin, now, { updatedAt: at, withdrawnAt: null }).stories.find((s) => s.story.update);
    expect(before?.correction).toBeNull();
    expect(after?.correction).toMatch(/^Correction:/);
    expect(after?.modified).toEqual(at);
    expect(after?.published).toEqual(before?.published);
    expect(after?.summary).not.toBe(before?.summary);
  });

  it('moves the withdrawn story out of the live list and counts the withdrawal as a change', () => {
    const at = new Date(now.getTime() + 5000);
    const site = resolvePublisher(kestrelWire, all, origin, now, { updatedAt: null, withdrawnAt: at });
    expect(site.withdrawn).toHaveLength(1);
    expect(site.stories).toHaveLength(kestrelWire.stories.length - 1);
    expect(site.stories.some((s) => s.story.withdrawable)).toBe(false);
    expect(site.changedAt).toEqual(at);
  });

  it('points the outlet’s copy at the wire original', () => {
    const site = resolvePublisher(brackwaterLedger, all, origin, now, fresh);
    const copy = site.stories.find((s) => s.original);
    expect(copy?.original?.url).toBe(`${origin}/wire/news/${sharedWireStory.slug}`);
    expect(copy?.original?.publisherName).toBe('Kestrel Wire');
    expect(copy?.dateline).toBe('BRACKWATER —');
  });
});
