// From the bytes a source served to the variants Convey serves: checked (magic bytes, size, pixel count read
// from the header before any pixel is decoded), flattened to the first frame, resized to a few widths (never
// up), re-encoded in WebP and in the original format, with every metadata field dropped but copyright and credit.
// Pure apart from sharp: no storage, no network. The same bytes always give the same keys (content-addressed).
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { CONTENT_TYPE_OF, EXTENSION_OF, sniffImage, type ImageFormat } from './sniff.js';
import { readExifFields } from './exif-fields.js';

export const VARIANT_WIDTHS = [320, 640, 1024, 1600] as const;

export interface ImageLimits {
  /** Largest source file accepted. */
  maxBytes: number;
  /** Largest width × height accepted (of one frame), checked from the header: a decompression bomb stops here. */
  maxPixels: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxBytes: 20 * 1024 * 1024, maxPixels: 50_000_000 };

export interface ImageVariant {
  key: string;
  width: number;
  height: number;
  format: ImageFormat;
  contentType: string;
  bytes: number;
}

export interface ProcessedImage {
  sha256: string;
  /** The source's format (the first frame of an animated GIF is kept as a still GIF). */
  format: ImageFormat;
  width: number;
  height: number;
  /** The source had several frames; only the first is kept, as the poster. */
  animated: boolean;
  /** Copyright and credit read from the source's EXIF, written again into every variant that can carry EXIF. */
  copyright: string | null;
  credit: string | null;
  variants: ImageVariant[];
}

export type ImageOutcome =
  | { ok: true; image: ProcessedImage; files: { key: string; body: Buffer; contentType: string }[] }
  | { ok: false; sha256: string; reason: string };

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `ab/cd/<sha256>-640.webp`: two levels of folders keep any one directory small. */
export function variantKey(sha256: string, width: number, format: ImageFormat): string {
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}-${width}.${EXTENSION_OF[format]}`;
}

/** The widths an image of this width is served at: the standard ones below it, and its own when under the largest. */
export function variantWidths(sourceWidth: number): number[] {
  const widths: number[] = VARIANT_WIDTHS.filter((w) => w < sourceWidth);
  if (sourceWidth <= VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]) widths.push(sourceWidth);
  return widths.length > 0 ? widths : [VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]];
}

/** The checks that need no decoding: size, format, pixel count. Null when the image may be decoded. */
export async function refusalOf(bytes: Buffer, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<string | null> {
  if (bytes.length > limits.maxBytes) return `too large: ${bytes.length} bytes, over the cap of ${limits.maxBytes}`;
  const sniffed = sniffImage(bytes);
  if (!sniffed.ok) return sniffed.reason;
  let header;
  try {
    // metadata() reads the header only; no pixel is decoded here.
    header = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    return `unreadable ${sniffed.format}: ${(error as Error).message}`;
  }
  const width = header.width ?? 0;
  const height = header.pageHeight ?? header.height ?? 0;
  if (width <= 0 || height <= 0) return `unreadable ${sniffed.format}: no dimensions in its header`;
  if (width * height > limits.maxPixels) {
    return `too many pixels: ${width}×${height} is ${width * height}, over the cap of ${limits.maxPixels} (a decompression bomb is refused)`;
  }
  return null;
}

export async function processImage(bytes: Buffer, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<ImageOutcome> {
  const sha256 = sha256Of(bytes);
  const refusal = await refusalOf(bytes, limits);
  if (refusal) return { ok: false, sha256, reason: refusal };
  const format = (sniffImage(bytes) as { format: ImageFormat }).format;
  // The header was checked; the decoder is still bounded, in case a frame claims less than it holds.
  const input = () => sharp(bytes, { limitInputPixels: limits.maxPixels, pages: 1, page: 0, failOn: 'error' });
  try {
    const header = await sharp(bytes, { limitInputPixels: false }).metadata();
    const fields = readExifFields(header.exif);
    // Applies the EXIF orientation to the pixels, since the orientation tag is dropped with the rest.
    // Decoded once, to raw pixels, and every variant is resized from those (no second lossy encode).
    const { data: pixels, info } = await input().rotate().raw().toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
    const exif = exifToKeep(fields);
    const outputFormats: ImageFormat[] = format === 'webp' ? ['webp'] : ['webp', format];
    const files: { key: string; body: Buffer; contentType: string }[] = [];
    const variants: ImageVariant[] = [];
    for (const width of variantWidths(info.width)) {
      for (const out of outputFormats) {
        let pipeline = sharp(pixels, raw).resize({ width, withoutEnlargement: true });
        pipeline = encode(pipeline, out);
        if (exif && out !== 'gif') pipeline = pipeline.withExif(exif);
        const { data, info: written } = await pipeline.toBuffer({ resolveWithObject: true });
        const key = variantKey(sha256, width, out);
        files.push({ key, body: data, contentType: CONTENT_TYPE_OF[out] });
        variants.push({ key, width: written.width, height: written.height, format: out, contentType: CONTENT_TYPE_OF[out], bytes: data.length });
      }
    }
    return {
      ok: true,
      image: {
        sha256,
        format,
        width: info.width,
        height: info.height,
        animated: (header.pages ?? 1) > 1,
        copyright: fields.copyright,
        credit: fields.artist,
        variants,
      },
      files,
    };
  } catch (error) {
    return { ok: false, sha256, reason: `could not be decoded as ${format}: ${(error as Error).message}` };
  }
}

function encode(pipeline: sharp.Sharp, format: ImageFormat): sharp.Sharp {
  switch (format) {
    case 'webp':
      // Effort 2 of 6: measured at about two thirds of effort 4's time for a few per cent more bytes.
      return pipeline.webp({ quality: 78, effort: 2 });
    case 'jpeg':
      // libjpeg-turbo, not mozjpeg: a fifth of the time at 1600 px, for the fallback few browsers still take.
      return pipeline.jpeg({ quality: 80, progressive: true });
    case 'png':
      return pipeline.png({ compressionLevel: 9, palette: false });
    case 'gif':
      return pipeline.gif();
    case 'avif':
      return pipeline.avif({ quality: 55, effort: 2 });
  }
}

function exifToKeep(fields: { artist: string | null; copyright: string | null }): sharp.Exif | null {
  const ifd0: Record<string, string> = {};
  if (fields.copyright) ifd0.Copyright = fields.copyright;
  if (fields.artist) ifd0.Artist = fields.artist;
  return Object.keys(ifd0).length > 0 ? { IFD0: ifd0 } : null;
}

/**
 * The one copy the `proxy` policy serves: checked like any image, first frame, at most the widest variant,
 * WebP, metadata reduced to copyright and credit. Held in memory only.
 */
export async function proxyCopy(bytes: Buffer, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<{ ok: true; body: Buffer; width: number; height: number } | { ok: false; reason: string }> {
  const refusal = await refusalOf(bytes, limits);
  if (refusal) return { ok: false, reason: refusal };
  try {
    const header = await sharp(bytes, { limitInputPixels: false }).metadata();
    const exif = exifToKeep(readExifFields(header.exif));
    let pipeline = sharp(bytes, { limitInputPixels: limits.maxPixels, pages: 1, page: 0, failOn: 'error' })
      .rotate()
      .resize({ width: VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1], withoutEnlargement: true });
    pipeline = encode(pipeline, 'webp');
    if (exif) pipeline = pipeline.withExif(exif);
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { ok: true, body: data, width: info.width, height: info.height };
  } catch (error) {
    return { ok: false, reason: `could not be decoded: ${(error as Error).message}` };
  }
}
