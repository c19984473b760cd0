// What the demo server answers for a path, as plain data: status, type, body, validators. No sockets here,
// so every route can be tested without a server.
import type { ResolvedPublisher, ResolvedStory } from './catalog.js';
import { feedPath, storyPath } from './catalog.js';
import { renderOutletAtom, renderWireRss } from './feeds.js';
import { renderFrontPage, renderIndexPage, renderOutletArticlePage, renderWireArticlePage, renderWithdrawnPage } from './pages.js';

export interface DemoResponse {
  status: number;
  contentType: string;
  body: string | Buffer;
  lastModified: Date | null;
  cacheControl: string;
}

const HTML = 'text/html; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';

export interface RouteContext {
  sites: ResolvedPublisher[];
  /** Encoded PNG of a named image, or null when there is no such image. */
  image(name: string): Buffer | null;
  /** When the images were drawn (they never change while the server runs). */
  imagesModified: Date;
}

export function routeDemoRequest(pathname: string, ctx: RouteContext): DemoResponse {
  const notFound: DemoResponse = { status: 404, contentType: TEXT, body: 'Not found\n', lastModified: null, cacheControl: 'no-store' };
  if (pathname === '/') return page(renderIndexPage(ctx.sites), null);
  if (pathname === '/robots.txt') {
    return { status: 200, contentType: TEXT, body: 'User-agent: *\nAllow: /\n', lastModified: null, cacheControl: 'public, max-age=3600' };
  }
  const image = /^\/images\/([a-z0-9-]+)\.png$/.exec(pathname);
  if (image) {
    const png = ctx.image(image[1]);
    return png
      ? { status: 200, contentType: 'image/png', body: png, lastModified: ctx.imagesModified, cacheControl: 'public, max-age=86400' }
      : notFound;
  }
  for (const site of ctx.sites) {
    const p = site.publisher;
    if (pathname === p.basePath || pathname === `${p.basePath}/`) return page(renderFrontPage(site), site.changedAt);
    if (pathname === feedPath(p)) {
      return p.kind === 'wire'
        ? { status: 200, contentType: 'application/rss+xml; charset=utf-8', body: renderWireRss(site), lastModified: site.changedAt, cacheControl: 'no-cache' }
        : { status: 200, contentType: 'application/atom+xml; charset=utf-8', body: renderOutletAtom(site, ctx.sites), lastModified: site.changedAt, cacheControl: 'no-cache' };
    }
    const live = site.stories.find((s) => storyPath(p, s.story) === pathname);
    if (live) return page(renderArticle(site, live), live.modified);
    const gone = site.withdrawn.find((s) => storyPath(p, s.story) === pathname);
    if (gone) return { status: 410, contentType: HTML, body: renderWithdrawnPage(site), lastModified: null, cacheControl: 'no-cache' };
  }
  return notFound;
}

function page(body: string, lastModified: Date | null): DemoResponse {
  return { status: 200, contentType: HTML, body, lastModified, cacheControl: 'no-cache' };
}

function renderArticle(site: ResolvedPublisher, story: ResolvedStory): string {
  // Related and most-read boxes list the publisher's other live stories, newest first.
  const others = site.stories.filter((s) => s !== story).slice(0, 3);
  return site.publisher.kind === 'wire' ? renderWireArticlePage(site, story, others) : renderOutletArticlePage(site, story, others);
}
