// Draws the demo's lead images and logos: a vertical gradient and one motif in the story's colours. Shapes are
// seeded from the image name, so every image is distinct yet the same on every run (stable ETags, stable bytes).
import type { DemoArtSpec } from './content/types.js';
import { createImage, type RgbImage } from './png.js';

type Rgb = [number, number, number];

export const LEAD_IMAGE_SIZE = { width: 800, height: 450 } as const;
export const LOGO_SIZE = { width: 240, height: 60 } as const;

export function parseHexColour(hex: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1], 16), parseInt(match[2], 16), parseInt(match[3], 16)];
}

export function drawArt(spec: DemoArtSpec, seedName: string, width: number, height: number): RgbImage {
  const image = createImage(width, height);
  const top = parseHexColour(spec.top);
  const bottom = parseHexColour(spec.bottom);
  const accent = parseHexColour(spec.accent);
  const random = seededRandom(seedName);
  for (let y = 0; y < height; y++) {
    const colour = mix(top, bottom, y / Math.max(1, height - 1));
    for (let x = 0; x < width; x++) setPixel(image, x, y, colour);
  }
  const shade = mix(bottom, [0, 0, 0], 0.45);
  switch (spec.motif) {
    case 'sun': {
      const cx = width * (0.25 + random() * 0.5);
      const cy = height * (0.35 + random() * 0.15);
      fillCircle(image, cx, cy, Math.min(width, height) * 0.18, accent);
      fillBelow(image, (x) => height * 0.68 + Math.sin(x / 37 + random()) * 4, shade);
      break;
    }
    case 'waves':
      for (let band = 0; band < 5; band++) {
        const base = height * (0.5 + band * 0.1);
        const phase = random() * Math.PI * 2;
        const period = 40 + random() * 60;
        const colour = mix(accent, shade, 0.35 + band * 0.15);
        fillBelow(image, (x) => base + Math.sin(x / period + phase) * (6 + band * 2), colour);
      }
      break;
    case 'hills':
      for (let layer = 0; layer < 3; layer++) {
        const base = height * (0.45 + layer * 0.15);
        const a = random() * 6;
        const b = random() * 6;
        const colour = mix(accent, shade, layer * 0.35);
        fillBelow(image, (x) => base - Math.sin(x / 140 + a) * 40 - Math.sin(x / 53 + b) * 14, colour);
      }
      break;
    case 'skyline': {
      let x = 0;
      while (x < width) {
        const w = 30 + Math.floor(random() * 60);
        const h = height * (0.2 + random() * 0.45);
        fillRect(image, x, height - h, w - 4, h, shade);
        for (let wy = height - h + 12; wy < height - 16; wy += 22) {
          for (let wx = x + 8; wx < x + w - 14; wx += 16) if (random() > 0.45) fillRect(image, wx, wy, 7, 10, accent);
        }
        x += w;
      }
      break;
    }
    case 'bars': {
      const count = Math.max(6, Math.round(width / 60));
      const slot = width / count;
      for (let i = 0; i < count; i++) {
        const h = height * (0.25 + random() * 0.6);
        fillRect(image, i * slot + slot * 0.2, height - h, slot * 0.6, h, i % 3 === 0 ? accent : shade);
      }
      break;
    }
    case 'grid': {
      const cols = 8;
      const rows = 4;
      const cellW = width / cols;
      const cellH = (height * 0.6) / rows;
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const colour = random() > 0.7 ? accent : mix(shade, accent, random() * 0.3);
          fillRect(image, c * cellW + 6, height * 0.35 + r * cellH + 6, cellW - 12, cellH - 12, colour);
        }
      }
      break;
    }
  }
  return image;
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const k = Math.min(1, Math.max(0, t));
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * k)) as Rgb;
}

function setPixel(image: RgbImage, x: number, y: number, [r, g, b]: Rgb): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const offset = (y * image.width + x) * 3;
  image.data[offset] = r;
  image.data[offset + 1] = g;
  image.data[offset + 2] = b;
}

function fillRect(image: RgbImage, x: number, y: number, w: number, h: number, colour: Rgb): void {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(image.width, Math.floor(x + w));
  const y1 = Math.min(image.height, Math.floor(y + h));
  for (let py = y0; py < y1; py++) for (let px = x0; px < x1; px++) setPixel(image, px, py, colour);
}

function fillCircle(image: RgbImage, cx: number, cy: number, radius: number, colour: Rgb): void {
  for (let y = Math.floor(cy - radius); y <= cy + radius; y++) {
    for (let x = Math.floor(cx - radius); x <= cx + radius; x++) {
      if ((x - cx) ** 2 + (y - cy) ** 2 <= radius * radius) setPixel(image, x, y, colour);
    }
  }
}

/** Paints every pixel below the curve `y = edge(x)`. */
function fillBelow(image: RgbImage, edge: (x: number) => number, colour: Rgb): void {
  for (let x = 0; x < image.width; x++) {
    for (let y = Math.max(0, Math.ceil(edge(x))); y < image.height; y++) setPixel(image, x, y, colour);
  }
}

/** A small deterministic generator (mulberry32) seeded with a hash of the text. */
function seededRandom(text: string): () => number {
  let seed = 2166136261;
  for (let i = 0; i < text.length; i++) seed = Math.imul(seed ^ text.charCodeAt(i), 16777619);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
