import { describe, it, expect } from 'vitest';
import { formatLogRecord, humanLine, logFormatOf } from './log-format.js';

describe('log format', () => {
  it('is JSON only when asked by flag or LOG_FORMAT', () => {
    expect(logFormatOf(undefined, {})).toBe('human');
    expect(logFormatOf(true, {})).toBe('json');
    expect(logFormatOf(false, { LOG_FORMAT: 'JSON' })).toBe('json');
    expect(logFormatOf(false, { LOG_FORMAT: 'pretty' })).toBe('human');
  });

  it('writes a pino record as time, level, message and fields', () => {
    const time = Date.parse('2026-11-24T12:34:56.789Z');
    expect(formatLogRecord({ level: 40, time, msg: 'feed failed', feed: 'https://wire.test/rss', error: 'HTTP 500', consecutiveErrors: 3 })).toBe(
      '12:34:56  warn   feed failed  feed=https://wire.test/rss error="HTTP 500" consecutiveErrors=3',
    );
    expect(formatLogRecord({ level: 30, time, msg: 'Convey is serving' })).toBe('12:34:56  info   Convey is serving');
  });

  it('passes a line that is not JSON through', () => {
    expect(humanLine('plain words\n')).toBe('plain words');
  });
});
