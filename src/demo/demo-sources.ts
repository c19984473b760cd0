// The demo's loopback server: two fictional publishers — a wire with a summary-only RSS feed and rich article
// pages, a local outlet with a full-content Atom feed — so that `npm start` can ingest real pages through the
// real pipeline. The demo's clock starts at `now` and runs with real time; version 2 of one story and the
// withdrawal of another are switched on by `applyUpdate()` and `applyWithdrawal()`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brackwaterLedger } from './content/brackwater-ledger.js';
import { kestrelWire, sharedWireStory } from './content/kestrel-wire.js';
import type { DemoPublisher } from './content/types.js';
import { drawArt, LEAD_IMAGE_SIZE, LOGO_SIZE } from './art.js';
import { feedPath, imagePath, publicationDate, resolvePublisher, storyPath, type DemoState } from './catalog.js';
import { etagOf, isNotModified } from './conditional-get.js';
import { routeDemoRequest, type DemoResponse } from './demo-routes.js';
import { encodePng } from './png.js';

/** A demo publisher as Convey is told about it: its terms, and where the demo server serves it. */
export type DemoSourceSpec = Pick<
  DemoPublisher,
  'slug' | 'name' | 'license' | 'licenseUrl' | 'usageTerms' | 'copyrightHolder' | 'indexingPolicy' | 'updatePolicy'
> & { homeUrl: string; feedUrl: string; logoUrl: string | null };

export interface DemoServer {
  origin: string;
  port: number;
  sources: DemoSourceSpec[];
  /** Articles currently served (all publishers); one fewer after `applyWithdrawal()`. */
  articleCount: number;
  /** Serve version 2 of the updated story (changed paragraph, correction, new dateModified). Idempotent. */
  applyUpdate(): void;
  /** Withdraw the wire story: its page answers 410 and it leaves the feed. Idempotent. */
  applyWithdrawal(): void;
  updatedStoryUrl: string;
  sharedStory: { wireUrl: string; outletUrl: string };
  withdrawnStoryUrl: string;
  close(): Promise<void>;
}

/** The demo's publishers, in the order their sources are listed. */
export const DEMO_PUBLISHERS: readonly DemoPublisher[] = [kestrelWire, brackwaterLedger];

export async function startDemoServer(options: { host?: string; port?: number; now?: Date } = {}): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1';
  const startedAt = options.now ? new Date(options.now.getTime()) : new Date();
  const startedRealMs = Date.now();
  const publishers = [...DEMO_PUBLISHERS];
  // The demo clock: `now` at start, then moving with real time, so later changes carry later dates.
  const clock = () => new Date(startedAt.getTime() + (Date.now() - startedRealMs));
  const state: DemoState = { updatedAt: null, withdrawnAt: null };
  const images = imageRegistry(publishers);
  const imagesModified = new Date(startedAt.getTime() - (startedAt.getTime() % 1000));
  let origin = ''; // known once the socket is bound; no request is handled before that

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      res.statusCode = 500;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(`Internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  });
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://demo.invalid').pathname;
    const sites = publishers.map((p) => resolvePublisher(p, publishers, origin, startedAt, state));
    const response = routeDemoRequest(pathname, { sites, image: (name) => images.get(name), imagesModified });
    send(req, res, response);
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const updated = findStory(publishers, (s) => Boolean(s.update));
  const withdrawable = findStory(publishers, (s) => Boolean(s.withdrawable));
  const outletCopy = findStory(publishers, (s) => s.republishedFrom?.storyId === sharedWireStory.id);
  const totalStories = publishers.reduce((n, p) => n + p.stories.length, 0);

  return {
    origin,
    port,
    sources: publishers.map((p) => sourceSpec(p, origin)),
    get articleCount() {
      return totalStories - (state.withdrawnAt ? 1 : 0);
    },
    applyUpdate() {
      if (state.updatedAt) return;
      // Never earlier than a minute after publication, even with a clock given in the past.
      const published = publicationDate(updated.story, startedAt).getTime();
      state.updatedAt = new Date(Math.max(clock().getTime(), published + 60_000));
    },
    applyWithdrawal() {
      if (!state.withdrawnAt) state.withdrawnAt = clock();
    },
    updatedStoryUrl: origin + storyPath(updated.publisher, updated.story),
    sharedStory: {
      wireUrl: origin + storyPath(kestrelWire, sharedWireStory),
      outletUrl: origin + storyPath(outletCopy.publisher, outletCopy.story),
    },
    withdrawnStoryUrl: origin + storyPath(withdrawable.publisher, withdrawable.story),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export function sourceSpec(publisher: DemoPublisher, origin: string): DemoSourceSpec {
  return {
    slug: publisher.slug,
    name: publisher.name,
    homeUrl: `${origin}${publisher.basePath}/`,
    feedUrl: origin + feedPath(publisher),
    logoUrl: origin + imagePath(publisher.logo.name),
    license: publisher.license,
    licenseUrl: publisher.licenseUrl,
    usageTerms: publisher.usageTerms,
    copyrightHolder: publisher.copyrightHolder,
    indexingPolicy: publisher.indexingPolicy,
    updatePolicy: publisher.updatePolicy,
  };
}

function findStory(publishers: DemoPublisher[], test: (story: DemoPublisher['stories'][number]) => boolean) {
  for (const publisher of publishers) {
    const story = publisher.stories.find(test);
    if (story) return { publisher, story };
  }
  throw new Error('demo content is missing a story the demo needs');
}

/** Lead images and logos, drawn and encoded on first request, then kept. */
function imageRegistry(publishers: DemoPublisher[]) {
  const specs = new Map<string, () => Buffer>();
  for (const p of publishers) {
    specs.set(p.logo.name, () => encodePng(drawArt(p.logo.art, p.logo.name, LOGO_SIZE.width, LOGO_SIZE.height)));
    for (const s of p.stories) {
      const { name, art } = s.image;
      specs.set(name, () => encodePng(drawArt(art, name, LEAD_IMAGE_SIZE.width, LEAD_IMAGE_SIZE.height)));
    }
  }
  const cache = new Map<string, Buffer>();
  return {
    get(name: string): Buffer | null {
      const cached = cache.get(name);
      if (cached) return cached;
      const draw = specs.get(name);
      if (!draw) return null;
      const png = draw();
      cache.set(name, png);
      return png;
    },
  };
}

function send(req: IncomingMessage, res: ServerResponse, response: DemoResponse): void {
  const headers: Record<string, string> = {
    'Content-Type': response.contentType,
    'Cache-Control': response.cacheControl,
    'X-Content-Type-Options': 'nosniff',
  };
  if (response.status === 200) {
    const etag = etagOf(response.body);
    headers.ETag = etag;
    if (response.lastModified) headers['Last-Modified'] = response.lastModified.toUTCString();
    const validators = {
      ifNoneMatch: req.headers['if-none-match'],
      ifModifiedSince: req.headers['if-modified-since'],
    };
    if (isNotModified(validators, etag, response.lastModified)) {
      delete headers['Content-Type'];
      res.writeHead(304, headers);
      res.end();
      return;
    }
  }
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  headers['Content-Length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
