// Media benchmark: how fast images are processed into variants, and what the demo's article page costs a
// reader in image bytes before (hot-linked: the source's files as they are) and after (the site's copies).
//   tsx bench/media.ts [--rounds <n>]
// Speed is the best of `rounds` passes over the same generated photos (wall time: sharp works on its own
// threads). A reader's bytes are the images the page's markup makes a browser fetch for its width at a device
// pixel ratio of 1 when the whole page is read (lazy images included): for each <picture>, the narrowest WebP
// candidate of its srcset at least as wide as `sizes` asks, as browsers choose; the related cards included.
// The last line is JSON: {"imagesPerSecond","bytes375","bytes1280","bytesHotlinked"}.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processImage } from '../src/media/process-image.js';
import { makeImage } from '../src/media/testdata/images.js';
import { startDemoServer } from '../src/demo/demo-sources.js';
import { addDemoSources } from '../src/demo/add-demo-sources.js';
import { openStore } from '../src/store/database.js';
import { loadConfig } from '../src/config/config.js';
import { createClient, ingestContextOf } from '../src/cli/runtime.js';
import { silentLog } from '../src/ingest/context.js';
import { runIngestRound } from '../src/ingest/scheduler.js';
import { listPublished } from '../src/store/articles.js';
import { createApp } from '../src/site/app.js';
import { siteDepsOf } from '../src/cli/serve-command.js';
import { attributesOf } from '../src/media/article-images.js';

const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Math.max(1, Number(process.argv[roundsArg + 1]) || 1) : 3;

// 1. Images per second: photo-sized JPEGs and PNGs, each into every variant (four widths, two formats).
const photos = [
  ...(await Promise.all([0, 1, 2, 3].map(() => makeImage(2400, 1600, 'jpeg')))),
  ...(await Promise.all([0, 1].map(() => makeImage(1200, 800, 'png')))),
];
await processImage(photos[0]); // warm-up
let bestMs = Infinity;
for (let round = 0; round < rounds; round++) {
  const started = performance.now();
  for (const photo of photos) {
    const outcome = await processImage(photo);
    if (!outcome.ok) throw new Error(outcome.reason);
  }
  bestMs = Math.min(bestMs, performance.now() - started);
}
const imagesPerSecond = Math.round((photos.length / bestMs) * 1000 * 10) / 10;
console.log(`processing: ${photos.length} images (4 × 2400×1600 JPEG, 2 × 1200×800 PNG) into variants in ${bestMs.toFixed(0)} ms: ${imagesPerSecond} images/s`);

// 2. The demo's article page, ingested through the real pipeline with its images.
const dir = mkdtempSync(join(tmpdir(), 'convey-bench-media-'));
const demo = await startDemoServer();
const store = await openStore(`sqlite:${join(dir, 'bench.db')}`);
try {
  const config = loadConfig({ CONVEY_SITE_NAME: 'Bench Desk', CONVEY_SITE_URL: 'http://bench.test', CONVEY_MEDIA_URL: `file:${join(dir, 'media')}` });
  const client = createClient(config, [`127.0.0.1:${demo.port}`]);
  await addDemoSources(store, demo);
  await runIngestRound(ingestContextOf(config, store, client, silentLog));
  const [article] = (await listPublished(store.db, { limit: 50 })).filter((a) => a.lead);
  if (!article) throw new Error('the demo published no article with an image');
  const app = createApp(siteDepsOf(config, store));
  const page = await (await app.request(`/articles/${article.slug}`)).text();

  const sizeOf = new Map<string, number>();
  const bytesAt = async (url: string) => {
    if (!sizeOf.has(url)) sizeOf.set(url, (await (await app.request(url)).arrayBuffer()).byteLength);
    return sizeOf.get(url)!;
  };
  const pictures = [...page.matchAll(/<picture><source type="image\/webp" srcset="([^"]+)" sizes="([^"]+)">/g)].map((m) => ({ srcset: m[1], sizes: m[2] }));
  const readerBytes = async (viewport: number) => {
    let total = 0;
    for (const { srcset, sizes } of pictures) {
      const needed = slotWidth(sizes, viewport);
      const candidates = srcset.split(', ').map((c) => ({ url: c.split(' ')[0], width: Number(c.split(' ')[1].slice(0, -1)) })).sort((a, b) => a.width - b.width);
      total += await bytesAt((candidates.find((c) => c.width >= needed) ?? candidates[candidates.length - 1]).url);
    }
    return total;
  };
  const bytes375 = await readerBytes(375);
  const bytes1280 = await readerBytes(1280);

  // Before: the same images hot-linked, each the file the source serves (one size for every screen).
  const sources = await store.db.selectFrom('media').select(['source_url', 'sha256']).execute();
  const sourceOf = new Map(sources.map((row) => [row.sha256, row.source_url]));
  let bytesHotlinked = 0;
  for (const { srcset } of pictures) {
    const sha = /([0-9a-f]{64})-/.exec(srcset)![1];
    bytesHotlinked += (await client.fetch(sourceOf.get(sha)!, { accept: 'image' })).body.length;
  }
  const bareImages = [...page.matchAll(/<img\b[^>]*>/g)].filter((m) => !attributesOf(m[0]).srcset).length;
  console.log(`demo article page "${article.headline}": ${pictures.length} images from the site${bareImages ? `, ${bareImages} without copies` : ''}`);
  console.log(`a 375 px reader downloads ${bytes375} bytes of images, a 1280 px reader ${bytes1280}; hot-linked, both would download ${bytesHotlinked}`);
  console.log(JSON.stringify({ imagesPerSecond, bytes375, bytes1280, bytesHotlinked }));
} finally {
  await store.close();
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
}

/** The width `sizes` gives at a viewport: `(max-width: Nrem) 100vw, Mrem` and plain lengths (1rem = 16px). */
function slotWidth(sizes: string, viewport: number): number {
  for (const entry of sizes.split(',').map((s) => s.trim())) {
    const condition = /^\(max-width:\s*([\d.]+)(rem|px)\)\s+(.+)$/.exec(entry);
    const length = condition ? condition[3] : entry;
    if (condition && viewport > Number(condition[1]) * (condition[2] === 'rem' ? 16 : 1)) continue;
    const value = /^([\d.]+)(vw|rem|px)$/.exec(length);
    if (!value) continue;
    const n = Number(value[1]);
    return value[2] === 'vw' ? (viewport * n) / 100 : value[2] === 'rem' ? n * 16 : n;
  }
  return viewport;
}
