import { describe, it, expect } from 'vitest';
import sharp from 'sharp';
import { processImage, refusalOf, variantWidths, variantKey } from './process-image.js';
import { sniffImage } from './sniff.js';
import { readExifFields } from './exif-fields.js';
import { HTML_NAMED_JPEG, SVG_WITH_SCRIPT, makeAnimatedGif, makeImage, makePngBomb, makePngWithGps } from './testdata/images.js';

describe('sniffImage', () => {
  it('names the five raster formats by their magic bytes, whatever the file is called', async () => {
    for (const format of ['jpeg', 'png', 'gif', 'webp', 'avif'] as const) {
      expect(sniffImage(await makeImage(16, 16, format))).toEqual({ ok: true, format });
    }
  });

  it('refuses SVG, HTML under an image name, and other files, saying what they are', () => {
    expect(sniffImage(SVG_WITH_SCRIPT)).toEqual({ ok: false, reason: expect.stringMatching(/SVG is never served/) });
    expect(sniffImage(HTML_NAMED_JPEG)).toEqual({ ok: false, reason: 'not an image: the file is HTML' });
    expect(sniffImage(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toEqual({ ok: false, reason: 'not an image: the file is a PDF' });
    expect(sniffImage(Buffer.from([1, 2, 3]))).toMatchObject({ ok: false, reason: expect.stringMatching(/only 3 bytes/) });
  });
});

describe('processImage', () => {
  it('makes WebP and JPEG variants at the standard widths below the source, never upscaled', async () => {
    const jpeg = await makeImage(1200, 800, 'jpeg');
    const outcome = await processImage(jpeg);
    if (!outcome.ok) throw new Error(outcome.reason);
    const { image, files } = outcome;
    expect(image).toMatchObject({ format: 'jpeg', width: 1200, height: 800, animated: false });
    expect(image.variants.map((v) => `${v.width}x${v.height}.${v.format}`)).toEqual([
      '320x213.webp', '320x213.jpeg', '640x427.webp', '640x427.jpeg', '1024x683.webp', '1024x683.jpeg', '1200x800.webp', '1200x800.jpeg',
    ]);
    for (const file of files) {
      const meta = await sharp(file.body).metadata();
      expect(file.contentType).toBe(meta.format === 'jpeg' ? 'image/jpeg' : 'image/webp');
    }
    expect(files[0].key).toBe(variantKey(image.sha256, 320, 'webp'));
    expect(files[0].key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}-320\.webp$/);
    // A small image is served at its own width only.
    expect(variantWidths(200)).toEqual([200]);
    expect(variantWidths(4000)).toEqual([320, 640, 1024, 1600]);
  });

  it('drops the EXIF GPS block and every other field but copyright and credit', async () => {
    const png = await makePngWithGps();
    const input = readExifFields((await sharp(png).metadata()).exif);
    expect(input).toEqual({ artist: 'Ada Field', copyright: 'Example Photo Agency', hasGps: true }); // the fixture has one
    const outcome = await processImage(png);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.image).toMatchObject({ copyright: 'Example Photo Agency', credit: 'Ada Field' });
    for (const file of outcome.files) {
      const meta = await sharp(file.body).metadata();
      const fields = readExifFields(meta.exif);
      expect(fields.hasGps).toBe(false);
      expect(fields.copyright).toBe('Example Photo Agency');
      expect(fields.artist).toBe('Ada Field');
      expect(meta.exif?.includes(Buffer.from('ExampleCam'))).toBe(false);
    }
  });

  it('refuses a 40,000 × 40,000 PNG bomb from its header, before decoding', async () => {
    const bomb = await makePngBomb();
    expect(bomb.length).toBeLessThan(2_000_000);
    const started = performance.now();
    const outcome = await processImage(bomb);
    expect(outcome).toMatchObject({ ok: false, reason: expect.stringMatching(/too many pixels: 40000×40000 is 1600000000/) });
    expect(performance.now() - started).toBeLessThan(2000);
  }, 30_000);

  it('refuses an SVG with script, HTML named .jpg and an oversized file with their reasons', async () => {
    expect(await processImage(SVG_WITH_SCRIPT)).toMatchObject({ ok: false, reason: expect.stringMatching(/SVG/) });
    expect(await processImage(HTML_NAMED_JPEG)).toMatchObject({ ok: false, reason: 'not an image: the file is HTML' });
    const jpeg = await makeImage(64, 64, 'jpeg');
    expect(await refusalOf(jpeg, { maxBytes: 100, maxPixels: 1e9 })).toMatch(/too large: \d+ bytes, over the cap of 100/);
    // A truncated JPEG is refused, not served half.
    expect(await processImage(jpeg.subarray(0, 200))).toMatchObject({ ok: false });
  });

  it('keeps the first frame of an animated GIF as a still poster', async () => {
    const outcome = await processImage(await makeAnimatedGif());
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.image).toMatchObject({ format: 'gif', width: 40, height: 30, animated: true });
    const gif = outcome.files.find((f) => f.contentType === 'image/gif')!;
    const meta = await sharp(gif.body).metadata();
    expect(meta.pages ?? 1).toBe(1);
    const { data } = await sharp(gif.body).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200); // red: the first frame
    expect(data[2]).toBeLessThan(50);
  });

  it('is content-addressed: the same bytes give the same keys', async () => {
    const png = await makeImage(400, 300, 'png');
    const [a, b] = await Promise.all([processImage(png), processImage(Buffer.from(png))]);
    if (!a.ok || !b.ok) throw new Error('the PNG was refused');
    expect(a.files.map((f) => f.key)).toEqual(b.files.map((f) => f.key));
    expect(a.files.length).toBeGreaterThan(0);
  });
});
