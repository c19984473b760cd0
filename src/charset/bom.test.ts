import { describe, expect, it } from 'vitest';
import { sniffBom } from './bom.js';

const b = (...bytes: number[]): Uint8Array => Uint8Array.from(bytes);

describe('sniffBom', () => {
  it('reads the UTF-8 and UTF-16 marks', () => {
    expect(sniffBom(b(0xef, 0xbb, 0xbf, 0x3c))).toEqual({ encoding: 'utf-8', length: 3 });
    expect(sniffBom(b(0xfe, 0xff, 0x00, 0x3c))).toEqual({ encoding: 'utf-16be', length: 2 });
    expect(sniffBom(b(0xff, 0xfe, 0x3c, 0x00))).toEqual({ encoding: 'utf-16le', length: 2 });
  });

  it('reads UTF-32 marks only when asked (XML has UTF-32, HTML does not)', () => {
    expect(sniffBom(b(0xff, 0xfe, 0x00, 0x00), { utf32: true })).toEqual({ encoding: 'utf-32le', length: 4 });
    expect(sniffBom(b(0x00, 0x00, 0xfe, 0xff), { utf32: true })).toEqual({ encoding: 'utf-32be', length: 4 });
    expect(sniffBom(b(0xff, 0xfe, 0x00, 0x00))).toEqual({ encoding: 'utf-16le', length: 2 });
    expect(sniffBom(b(0x00, 0x00, 0xfe, 0xff))).toBeNull();
  });

  it('finds nothing in text without a mark, or too short for one', () => {
    expect(sniffBom(b(0x3c, 0x72, 0x73, 0x73))).toBeNull();
    expect(sniffBom(b(0xef, 0xbb))).toBeNull();
    expect(sniffBom(b())).toBeNull();
  });
});
