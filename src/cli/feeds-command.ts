// `convey feeds …`: add, list, enable, disable, edit, remove, OPML import/export, and parsing a feed file for inspection.
import { readFileSync } from 'node:fs';
import { loadConfig } from '../config/config.js';
import { addFeed, disableFeed, enableFeed, getFeed, listFeeds, removeFeed, updateFeed } from '../store/feeds.js';
import { getSourceBySlug, listSources } from '../store/sources.js';
import { parseFeed } from '../feeds/parse-feed.js';
import { parseOpml, buildOpml } from '../feeds/opml.js';
import { withStore } from './store-commands.js';
import { storedSiteOf } from './runtime.js';
import { parseCommand, requireString, positiveId, oneOf, UsageError, CommandError } from './args.js';
import type { Feed } from '../model/types.js';

const out = (line = '') => process.stdout.write(`${line}\n`);
const FULL_TEXT: Feed['fetchFullText'][] = ['auto', 'always', 'never'];

function feedUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    /* reported below */
  }
  throw new UsageError(`the feed URL must be an absolute http(s) URL, got "${value}"`);
}

function readInput(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CommandError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export async function feedsCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'add': {
      const { values, positionals } = parseCommand(rest, { 'full-text': { type: 'string' } });
      const slug = requireString(positionals[0], 'the source slug');
      const url = feedUrl(requireString(positionals[1], 'the feed URL'));
      const fullText = (values['full-text'] ?? 'auto') as Feed['fetchFullText'];
      if (!FULL_TEXT.includes(fullText)) throw new UsageError(`--full-text must be one of ${FULL_TEXT.join(', ')}`);
      return withStore(async (store) => {
        const source = await getSourceBySlug(store.db, slug);
        if (!source) throw new CommandError(`no source "${slug}": add it first with "convey sources add"`);
        if ((await listFeeds(store.db)).some((f) => f.url === url)) throw new CommandError(`the feed ${url} exists already`);
        const feed = await addFeed(store.db, { sourceId: source.id, url, fetchFullText: fullText });
        out(`added feed ${feed.id} for ${source.slug}: ${feed.url}`);
        return 0;
      });
    }
    case 'list': {
      parseCommand(rest, {});
      return withStore(async (store) => {
        const sources = new Map((await listSources(store.db)).map((s) => [s.id, s.slug]));
        const feeds = await listFeeds(store.db);
        if (feeds.length === 0) out('no feeds yet: add one with "convey feeds add <source> <url>"');
        for (const f of feeds) {
          const state = f.disabledReason ? `DISABLED: ${f.disabledReason}` : f.lastError ? `error (${f.consecutiveErrors}): ${f.lastError}` : 'ok';
          out(`${f.id}\t${sources.get(f.sourceId)}\t${f.url}\tlast fetched ${f.lastFetchedAt ?? 'never'}\tnext ${f.nextPollAt ?? '-'}\t${state}`);
        }
        return 0;
      });
    }
    case 'enable': {
      const { positionals } = parseCommand(rest, {});
      const id = positiveId(positionals[0], 'the feed id');
      return withStore(async (store) => {
        if (!(await enableFeed(store.db, id))) throw new CommandError(`no feed with id ${id}`);
        out(`feed ${id} enabled; it will be polled on the next round`);
        return 0;
      });
    }
    case 'disable': {
      const { values, positionals } = parseCommand(rest, { reason: { type: 'string' } });
      const id = positiveId(positionals[0], 'the feed id');
      return withStore(async (store) => {
        if (!(await disableFeed(store.db, id, values.reason?.trim() || 'disabled by the operator'))) throw new CommandError(`no feed with id ${id}`);
        out(`feed ${id} disabled; "convey feeds enable ${id}" resumes it`);
        return 0;
      });
    }
    case 'remove': {
      const { positionals } = parseCommand(rest, {});
      const id = positiveId(positionals[0], 'the feed id');
      return withStore(async (store) => {
        if (!(await removeFeed(store.db, id))) throw new CommandError(`no feed with id ${id}`);
        out(`feed ${id} removed; the articles taken from it stay published`);
        return 0;
      });
    }
    case 'edit': {
      const { values, positionals } = parseCommand(rest, { url: { type: 'string' }, 'full-text': { type: 'string' } });
      const id = positiveId(positionals[0], 'the feed id');
      const url = values.url === undefined ? undefined : feedUrl(values.url);
      const fetchFullText = oneOf<Feed['fetchFullText']>(values['full-text'], FULL_TEXT, '--full-text');
      if (url === undefined && fetchFullText === undefined) throw new UsageError('nothing to change: give --url and/or --full-text');
      return withStore(async (store) => {
        if (!(await getFeed(store.db, id))) throw new CommandError(`no feed with id ${id}`);
        if (url && (await listFeeds(store.db)).some((f) => f.url === url && f.id !== id)) throw new CommandError(`another feed has the address ${url}`);
        const feed = (await updateFeed(store.db, id, { url, fetchFullText }))!;
        out(`feed ${id}: ${feed.url}, full text ${feed.fetchFullText}${url ? '; polled at the new address on the next round' : ''}`);
        return 0;
      });
    }
    case 'import': {
      const { values, positionals } = parseCommand(rest, { source: { type: 'string' } });
      const file = requireString(positionals[0], 'the OPML file');
      const slug = requireString(values.source, '--source');
      const opml = parseOpml(readInput(file).toString('utf8'));
      return withStore(async (store) => {
        const source = await getSourceBySlug(store.db, slug);
        if (!source) throw new CommandError(`no source "${slug}"`);
        const known = new Set((await listFeeds(store.db)).map((f) => f.url));
        let added = 0;
        for (const outline of opml.outlines) {
          let url: string;
          try {
            url = feedUrl(outline.xmlUrl);
          } catch {
            out(`skipped ${outline.xmlUrl}: not an http(s) URL`);
            continue;
          }
          if (known.has(url)) continue;
          await addFeed(store.db, { sourceId: source.id, url });
          known.add(url);
          added++;
        }
        out(`imported ${added} feed(s) of ${opml.outlines.length} into ${slug}`);
        return 0;
      });
    }
    case 'export': {
      parseCommand(rest, {});
      const config = loadConfig();
      return withStore(async (store) => {
        const sources = new Map((await listSources(store.db)).map((s) => [s.id, s]));
        const outlines = (await listFeeds(store.db)).map((f) => ({
          title: f.title ?? sources.get(f.sourceId)?.name ?? f.url,
          xmlUrl: f.url,
          htmlUrl: sources.get(f.sourceId)?.homeUrl ?? null,
          category: sources.get(f.sourceId)?.name ?? null,
        }));
        process.stdout.write(buildOpml(`${(await storedSiteOf(config, store)).name || 'Convey'} feeds`, outlines));
        return 0;
      });
    }
    case 'parse': {
      const { values, positionals } = parseCommand(rest, { 'content-type': { type: 'string' }, url: { type: 'string' }, json: { type: 'boolean' } });
      const file = requireString(positionals[0], 'the feed file');
      const bytes = readInput(file);
      const parsed = parseFeed(bytes, values['content-type'] ?? null, values.url ?? 'http://localhost/feed');
      if (values.json) out(JSON.stringify(parsed, null, 2));
      else {
        out(`${parsed.format} ${parsed.version} (${parsed.encoding})${parsed.bozo ? ` — not well-formed: ${parsed.bozoReason}` : ''}`);
        out(`${parsed.title ?? '(no title)'} — ${parsed.link ?? ''}`);
        for (const e of parsed.entries) out(`- ${e.published ?? '          '} ${e.title ?? '(no title)'} <${e.link ?? ''}>`);
      }
      return 0;
    }
    default:
      throw new UsageError('use "feeds add|list|enable|disable|edit|remove|import|export|parse"');
  }
}
