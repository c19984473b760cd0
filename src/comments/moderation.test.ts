import { describe, it, expect } from 'vitest';
import { moderateComment, countLinks, firstKeywordMatch, statusAfterEdit, submittedTooSoon, type ModerationInput, type ModerationContext, type ModerationRules } from './moderation.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const secondsAgo = (s: number) => new Date(NOW.getTime() - s * 1000);

const plain: ModerationInput = { name: 'Ada', email: 'ada@example.org', url: null, body: 'Thanks for the article.', ip: '203.0.113.7' };
const regular: ModerationContext = { now: NOW, formRenderedAt: secondsAgo(60), hasApprovedComment: true };

function decide(input: Partial<ModerationInput> = {}, context: Partial<ModerationContext> = {}, rules: ModerationRules = {}) {
  return moderateComment({ ...plain, ...input }, { ...regular, ...context }, rules);
}

describe('moderateComment', () => {
  it('approves a returning commenter with nothing else against them', () => {
    expect(decide()).toEqual({ status: 'approved', reasons: [] });
  });

  describe('honeypot', () => {
    it('on: a filled honeypot is spam', () => {
      const d = decide({ honeypot: 'http://spam.example' });
      expect(d.status).toBe('spam');
      expect(d.reasons).toContain('honeypot field filled');
    });
    it('off: an empty or blank honeypot changes nothing', () => {
      expect(decide({ honeypot: '' }).status).toBe('approved');
      expect(decide({ honeypot: '   ' }).status).toBe('approved');
      expect(decide({ honeypot: null }).status).toBe('approved');
    });
  });

  describe('minimum time to submit', () => {
    const tooSoon = (seconds: number, min?: number) => submittedTooSoon({ now: NOW, formRenderedAt: secondsAgo(seconds) }, min);
    it.each([
      [0, true],
      [2.9, true],
      [3, false],
      [120, false],
    ])('%s s after rendering → too soon: %s (default 3 s)', (seconds, expected) => {
      expect(tooSoon(seconds)).toBe(expected);
    });
    it('a render time in the future is too soon (a forged or replayed clock)', () => {
      expect(submittedTooSoon({ now: NOW, formRenderedAt: new Date(NOW.getTime() + 60_000) })).toBe(true);
    });
    it('a custom minimum applies; 0 switches the rule off', () => {
      expect(tooSoon(5, 10)).toBe(true);
      expect(tooSoon(0, 0)).toBe(false);
    });
    it('is not spam: moderation no longer judges the speed (the reader is asked to send it again)', () => {
      expect(decide({}, { formRenderedAt: secondsAgo(0) }).status).toBe('approved');
    });
    it('an unknown render time holds the comment', () => {
      const d = decide({}, { formRenderedAt: null });
      expect(d.status).toBe('pending');
      expect(d.reasons).toContain('form render time unknown');
    });
  });

  describe('links', () => {
    it('on: two links hold the comment (default maxLinks 2)', () => {
      const d = decide({ body: 'see https://a.example and http://b.example' });
      expect(d.status).toBe('pending');
      expect(d.reasons[0]).toMatch(/2 links/);
    });
    it('one link is fine', () => {
      expect(decide({ body: 'see https://a.example' }).status).toBe('approved');
    });
    it('markdown links count', () => {
      expect(decide({ body: '[a](https://a.example) [b](https://b.example)' }).status).toBe('pending');
    });
    it('a higher threshold lets two through', () => {
      expect(decide({ body: 'https://a.example https://b.example' }, {}, { maxLinks: 3 }).status).toBe('approved');
    });
    it('off (0): many links are accepted', () => {
      expect(decide({ body: 'https://a.example '.repeat(10) }, {}, { maxLinks: 0 }).status).toBe('approved');
    });
  });

  describe('first-time commenter', () => {
    it('on: no approved comment with that email → pending', () => {
      const d = decide({}, { hasApprovedComment: false });
      expect(d).toEqual({ status: 'pending', reasons: ['first comment from this email address'] });
    });
    it('a known address without proof that the same person is back is held, and the moderator is told why', () => {
      const d = decide({ name: 'Mallory' }, { hasApprovedComment: false, knownAddressUnproven: true });
      expect(d.status).toBe('pending');
      expect(d.reasons[0]).toMatch(/nothing shows the same person is back/);
    });
    it('off: a first-time commenter is approved', () => {
      expect(decide({}, { hasApprovedComment: false }, { holdFirstTimeCommenters: false }).status).toBe('approved');
    });
  });

  describe('hold list', () => {
    it.each([
      ['body', { body: 'buy cheap pills here' }],
      ['name', { name: 'Cheap Pills' }],
      ['email', { email: 'pills@example.org' }],
      ['url', { url: 'https://pills.example/' }],
    ])('matches in the %s', (_field, input) => {
      const d = decide(input, {}, { holdKeywords: ['pills'] });
      expect(d.status).toBe('pending');
      expect(d.reasons).toContain('hold-list keyword "pills"');
    });
    it('matches the IP address (a range given as a prefix)', () => {
      expect(decide({ ip: '198.51.100.23' }, {}, { holdKeywords: ['198.51.100.'] }).status).toBe('pending');
    });
    it('matches the user agent', () => {
      expect(decide({ userAgent: 'SpamBot/2.0' }, {}, { denyKeywords: ['spambot'] }).status).toBe('spam');
    });
    it('off: no keyword, no hold', () => {
      expect(decide({ body: 'buy cheap pills here' }).status).toBe('approved');
    });
    it('blank entries never match', () => {
      expect(decide({}, {}, { holdKeywords: ['', '   '] }).status).toBe('approved');
    });
  });

  describe('deny list', () => {
    it('on: a deny-list word is spam', () => {
      const d = decide({ body: 'visit my casino' }, {}, { denyKeywords: ['casino'] });
      expect(d.status).toBe('spam');
      expect(d.reasons).toContain('deny-list keyword "casino"');
    });
    it('off: the same text is approved without the list', () => {
      expect(decide({ body: 'visit my casino' }).status).toBe('approved');
    });
    it('deny wins over hold', () => {
      const d = decide({ body: 'casino pills' }, {}, { denyKeywords: ['casino'], holdKeywords: ['pills'] });
      expect(d.status).toBe('spam');
      expect(d.reasons).toEqual(['deny-list keyword "casino"', 'hold-list keyword "pills"']);
    });
  });

  describe('Unicode-aware keyword matching', () => {
    it.each([
      ['full-width letters', 'ＳＰＡＭ offer', 'spam'],
      ['upper case', 'SPAM offer', 'spam'],
      ['keyword given in capitals', 'spam offer', 'SPAM'],
      ['zero-width space inside', 's\u200Bp\u200Ba\u200Bm', 'spam'],
      ['soft hyphen inside', 'spa\u00ADm', 'spam'],
      ['sharp s folds to ss', 'STRASSE', 'straße'],
      ['ligature', 'ﬁnance', 'finance'],
      ['non-Latin keyword', 'купить ДЁШЕВО', 'дёшево'],
      ['circled letters', 'ⓢⓟⓐⓜ', 'spam'],
    ])('%s', (_name, body, keyword) => {
      expect(decide({ body }, {}, { denyKeywords: [keyword] }).status).toBe('spam');
    });
    it('does not fold distinct letters together', () => {
      expect(decide({ body: 'späm' }, {}, { denyKeywords: ['spam'] }).status).toBe('approved');
    });
  });

  it('reports every rule that fired', () => {
    const d = decide(
      { body: 'https://a.example https://b.example pills', honeypot: 'x' },
      { hasApprovedComment: false, formRenderedAt: secondsAgo(1) },
      { holdKeywords: ['pills'] },
    );
    expect(d.status).toBe('spam');
    expect(d.reasons).toHaveLength(4);
  });

  it('holdAll holds an otherwise approved comment', () => {
    expect(decide({}, {}, { holdAll: true }).status).toBe('pending');
  });

  it('undefined rule values fall back to the defaults', () => {
    expect(decide({ body: 'https://a.example https://b.example' }, {}, { maxLinks: undefined }).status).toBe('pending');
  });
});

describe('countLinks', () => {
  it.each([
    ['no links here', 0],
    ['https://a.example', 1],
    ['http://a.example and //b.example', 2],
    ['HTTPS://A.EXAMPLE', 1],
    ['ｈｔｔｐｓ：／／a.example', 1],
    ['www.example.org', 1],
    ['mailto:a@b.example', 1],
    ['a sentence. www. nothing', 0],
    ['[x](https://a.example) [y](https://b.example) https://c.example', 3],
  ])('%s → %d', (body, expected) => {
    expect(countLinks(body)).toBe(expected);
  });
});

describe('firstKeywordMatch', () => {
  it('returns the keyword as configured, trimmed', () => {
    expect(firstKeywordMatch(['hello VIAGRA'], ['  Viagra  '])).toBe('Viagra');
  });
  it('returns null without keywords or matches', () => {
    expect(firstKeywordMatch(['hello'], [])).toBeNull();
    expect(firstKeywordMatch(['hello'], ['bye'])).toBeNull();
  });
});

describe('statusAfterEdit', () => {
  const approved = { status: 'approved' as const, reasons: [] };
  const held = { status: 'pending' as const, reasons: ['2 links (hold from 2)'] };
  const spam = { status: 'spam' as const, reasons: ['deny-list keyword "casino"'] };
  it('on: an approved comment whose new text trips a rule is held again, or marked spam', () => {
    expect(statusAfterEdit('approved', held)).toBe('pending');
    expect(statusAfterEdit('approved', spam)).toBe('spam');
  });
  it('off: an approved comment whose new text trips nothing stays approved', () => {
    expect(statusAfterEdit('approved', approved)).toBe('approved');
  });
  it('an edit never publishes a held comment', () => {
    expect(statusAfterEdit('pending', approved)).toBe('pending');
    expect(statusAfterEdit('pending', spam)).toBe('spam');
  });
});
