import { describe, expect, it } from 'vitest';
import { excerptOf } from './excerpt.js';

describe('excerptOf (the one way a text is shortened)', () => {
  it('keeps a short text whole, whitespace folded', () => {
    expect(excerptOf('  Ministers  met\n in Lisbon. ', 40)).toBe('Ministers met in Lisbon.');
  });

  it('cuts at a word boundary within max characters, the "…" included, without trailing punctuation', () => {
    const out = excerptOf('Ministers met in Lisbon, and then they talked for hours about the plan.', 30);
    expect(out).toBe('Ministers met in Lisbon, and…');
    expect(Array.from(out).length).toBeLessThanOrEqual(30);
  });

  it('counts code points, so an emoji or a CJK text never overflows a limit', () => {
    const out = excerptOf('😀'.repeat(50), 10);
    expect(Array.from(out)).toHaveLength(10);
    expect(out.endsWith('…')).toBe(true);
  });

  it('cuts a word when no boundary is near the end', () => {
    expect(excerptOf('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
  });

  it('reads only the start of a long text and still says it was cut', () => {
    const out = excerptOf(`Short start.${' '.repeat(10_000)}end`, 40);
    expect(out).toBe('Short start…');
  });
});
