/** Streams that undo Content-Encoding. Each tolerates a truncated stream, as browsers do. */
import { Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';

export const ACCEPT_ENCODING = 'gzip, deflate, br';

const ZLIB_OPTIONS: zlib.ZlibOptions = { finishFlush: zlib.constants.Z_SYNC_FLUSH };

/**
 * "deflate" is meant to be zlib-wrapped, but some servers send raw deflate. The first byte tells: a zlib header
 * has compression method 8 in its low nibble.
 */
class DeflateDecoder extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      this.inner = (chunk[0] & 0x0f) === 8 ? zlib.createInflate(ZLIB_OPTIONS) : zlib.createInflateRaw(ZLIB_OPTIONS);
      this.inner.on('data', (data: Buffer) => this.push(data));
      this.inner.on('error', (err) => this.destroy(err));
    }
    this.inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) return callback();
    this.inner.once('end', () => callback());
    this.inner.end();
  }

  override _destroy(err: Error | null, callback: (error: Error | null) => void): void {
    this.inner?.destroy();
    callback(err);
  }
}

function decoderFor(coding: string): Transform | null {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(ZLIB_OPTIONS);
    case 'deflate':
      return new DeflateDecoder();
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      return null;
  }
}

/**
 * The decoders for a Content-Encoding header, in the order to apply them (codings are listed in the order they
 * were applied, so we undo them last first). Throws on a coding we do not know.
 */
export function decodersFor(contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.reverse().map((coding) => {
    const decoder = decoderFor(coding);
    if (!decoder) throw new Error(`unsupported content-encoding "${coding}"`);
    return decoder;
  });
}
