import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodersFor } from './decode-body.js';

async function decode(data: Buffer, encoding: string): Promise<string> {
  const chunks: Buffer[] = [];
  const decoders = decodersFor(encoding);
  await pipeline(Readable.from([data]), ...(decoders as [zlib.Gunzip]), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk);
  });
  return Buffer.concat(chunks).toString('utf8');
}

const text = 'Convey decodes what servers compress. '.repeat(50);

describe('decodersFor', () => {
  it('returns nothing for identity or no encoding', () => {
    expect(decodersFor(undefined)).toEqual([]);
    expect(decodersFor('identity')).toEqual([]);
  });

  it('undoes stacked encodings last first', async () => {
    const twice = zlib.brotliCompressSync(zlib.gzipSync(text));
    expect(await decode(twice, 'gzip, br')).toBe(text);
  });

  it('tolerates a truncated gzip stream and keeps what arrived', async () => {
    const gz = zlib.gzipSync(text);
    const decoded = await decode(gz.subarray(0, gz.length - 8), 'gzip');
    expect(decoded).toBe(text);
  });

  it('throws on an unknown coding', () => {
    expect(() => decodersFor('gzip, zstd')).toThrow(/unsupported content-encoding "zstd"/);
  });
});
