// The few EXIF fields Convey keeps or checks, read from the raw EXIF block (as sharp's metadata() returns it:
// "Exif\0\0" then a TIFF structure). Everything else in EXIF (GPS position, camera serials, times) is dropped
// when the image is re-encoded; copyright and credit travel with the image.

export interface ExifFields {
  /** IFD0 Artist (0x013B): the photographer, used as the credit. */
  artist: string | null;
  /** IFD0 Copyright (0x8298). */
  copyright: string | null;
  /** Whether IFD0 points at a GPS block (0x8825). */
  hasGps: boolean;
}

const ARTIST = 0x013b;
const COPYRIGHT = 0x8298;
const GPS_POINTER = 0x8825;
const ASCII = 2;

export function readExifFields(exif: Buffer | Uint8Array | undefined | null): ExifFields {
  const none: ExifFields = { artist: null, copyright: null, hasGps: false };
  if (!exif || exif.length < 14) return none;
  const buffer = Buffer.from(exif.buffer, exif.byteOffset, exif.byteLength);
  const tiff = buffer.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0;
  const order = buffer.subarray(tiff, tiff + 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return none;
  const little = order === 'II';
  const u16 = (at: number) => (little ? buffer.readUInt16LE(at) : buffer.readUInt16BE(at));
  const u32 = (at: number) => (little ? buffer.readUInt32LE(at) : buffer.readUInt32BE(at));
  try {
    const ifd0 = tiff + u32(tiff + 4);
    const count = u16(ifd0);
    const fields: ExifFields = { ...none };
    for (let i = 0; i < count; i++) {
      const entry = ifd0 + 2 + i * 12;
      const tag = u16(entry);
      const type = u16(entry + 2);
      const length = u32(entry + 4);
      if (tag === GPS_POINTER) fields.hasGps = true;
      if ((tag === ARTIST || tag === COPYRIGHT) && type === ASCII) {
        const start = length <= 4 ? entry + 8 : tiff + u32(entry + 8);
        const text = buffer.subarray(start, start + length).toString('utf8').replace(/\0+$/, '').trim();
        if (tag === ARTIST) fields.artist = text || null;
        else fields.copyright = text || null;
      }
    }
    return fields;
  } catch {
    return none; // a truncated EXIF block keeps nothing
  }
}
