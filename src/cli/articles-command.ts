// `convey articles …`: list them, publish held ones, withdraw and restore, delete or reject for good.
import { loadConfig } from '../config/config.js';
import { getArticleBySlug, listArticles, listHeld } from '../store/articles.js';
import { listArticleImages } from '../store/media.js';
import { describeArticleImage } from '../media/describe-images.js';
import { getSourceBySlug, listSources } from '../store/sources.js';
import { republishHeld } from '../admin/actions.js';
import { deleteArticleForGood, editArticle, publishAllHeld, rejectArticle, restoreArticle, withdrawArticle } from '../admin/article-actions.js';
import { readFile } from 'node:fs/promises';
import { escapeHtml } from '../clean/escape.js';
import { storedSiteOf } from './runtime.js';
import { withStore } from './store-commands.js';
import { parseCommand, requireString, oneOf, UsageError, CommandError } from './args.js';
import type { PubStatus } from '../model/types.js';

const out = (line = '') => process.stdout.write(`${line}\n`);
const STATES: PubStatus[] = ['usable', 'withheld', 'canceled'];
const STATE_NAMES: Record<PubStatus, string> = { usable: 'published', withheld: 'held', canceled: 'withdrawn' };
const USAGE = 'use "articles list|held|images|publish|edit|withdraw|restore|delete|reject"';

/** A body file is HTML, or plain text with blank lines between paragraphs. */
export function bodyHtmlOf(text: string): string {
  if (/<(p|div|h[1-6]|blockquote|ul|ol|figure|table)\b[^>]*>/i.test(text)) return text;
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim().replace(/\s*\n\s*/g, ' '))
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('\n');
}

export async function articlesCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'list': {
      const { values } = parseCommand(rest, { source: { type: 'string' }, state: { type: 'string' }, limit: { type: 'string' } });
      const state = oneOf<PubStatus>(values.state ?? 'usable', STATES, '--state');
      const limit = values.limit === undefined ? 100 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, got "${values.limit}"`);
      return withStore(async (store) => {
        let sourceId: number | undefined;
        if (values.source !== undefined) {
          const source = await getSourceBySlug(store.db, values.source);
          if (!source) throw new CommandError(`no source "${values.source}"`);
          sourceId = source.id;
        }
        const slugs = new Map((await listSources(store.db)).map((s) => [s.id, s.slug]));
        const articles = await listArticles(store.db, { sourceId, state, limit: limit + 1 });
        if (articles.length === 0) out(`no ${STATE_NAMES[state!]} articles${values.source ? ` from ${values.source}` : ''}`);
        for (const a of articles.slice(0, limit)) {
          const when = a.pubStatus === 'usable' ? a.republishedAt ?? '' : a.holdReason ?? '';
          out(`${a.slug}\t${slugs.get(a.sourceId) ?? '?'}\t${STATE_NAMES[a.pubStatus]}\t${when}\t${a.headline}`);
        }
        if (articles.length > limit) out(`… more: raise --limit (now ${limit})`);
        return 0;
      });
    }
    case 'images': {
      // What became of each image of the article: stored (its copies), refused or failed with the reason.
      const { values, positionals } = parseCommand(rest, { json: { type: 'boolean' } });
      const slug = requireString(positionals[0], 'the article slug');
      return withStore(async (store) => {
        const article = await getArticleBySlug(store.db, slug);
        if (!article) throw new CommandError(`no article "${slug}"`);
        const images = (await listArticleImages(store.db, article.id)).map(describeArticleImage);
        if (values.json) out(JSON.stringify({ slug, images }, null, 2));
        else if (images.length === 0) out(`${slug} shows no image kept by the site`);
        else for (const image of images) out(`${image.role}\t${image.status}\t${image.sourceUrl}\t${image.refusalReason ?? (image.width ? `${image.width}×${image.height}, ${image.variants.length} copies` : '')}`);
        return 0;
      });
    }
    case 'held': {
      parseCommand(rest, {});
      return withStore(async (store) => {
        const held = await listHeld(store.db);
        if (held.length === 0) out('no held articles');
        for (const a of held) out(`${a.slug}\t${a.holdReason ?? 'held'}`);
        return 0;
      });
    }
    case 'publish': {
      const { values, positionals } = parseCommand(rest, { 'all-held': { type: 'boolean' }, 'as-summary': { type: 'boolean' } });
      if (values['all-held']) {
        if (positionals.length > 0) throw new UsageError('give either a slug or --all-held, not both');
        return withStore(async (store) => {
          const report = await publishAllHeld(store, await storedSiteOf(loadConfig(), store));
          for (const slug of report.published) out(`published ${slug}`);
          for (const held of report.stillHeld) out(`still held ${held.slug}: ${held.reason}`);
          out(`${report.published.length} published, ${report.stillHeld.length} still held`);
          return 0;
        });
      }
      const slug = requireString(positionals[0], 'the article slug (or --all-held)');
      return withStore(async (store) => {
        await republishHeld(store, await storedSiteOf(loadConfig(), store), slug, new Date(), { asSummary: values['as-summary'] });
        out(values['as-summary'] ? `published ${slug} as a summary linking the full story at its source` : `published ${slug}`);
        return 0;
      });
    }
    case 'edit': {
      const { values, positionals } = parseCommand(rest, { 'body-file': { type: 'string' }, headline: { type: 'string' }, note: { type: 'string' } });
      const slug = requireString(positionals[0], 'the article slug');
      const file = requireString(values['body-file'], '--body-file');
      const note = requireString(values.note, '--note (what was changed and why)');
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new CommandError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      return withStore(async (store) => {
        const report = await editArticle(store, await storedSiteOf(loadConfig(), store), slug, { bodyHtml: bodyHtmlOf(text), headline: values.headline ?? null, note });
        const c = report?.counts;
        out(`edited ${slug}: ${report ? (report.faithful ? 'faithful to the source' : `${c!.omitted} omitted, ${c!.altered} altered, ${c!.added} added, ${c!.moved} moved`) : 'no source text to compare'}`);
        return 0;
      });
    }
    case 'withdraw': {
      const { values, positionals } = parseCommand(rest, { note: { type: 'string' } });
      const slug = requireString(positionals[0], 'the article slug');
      const note = requireString(values.note, '--note (why it is withdrawn)');
      return withStore(async (store) => {
        await withdrawArticle(store, slug, note);
        out(`withdrew ${slug}: its page now answers 410`);
        return 0;
      });
    }
    case 'restore': {
      const { positionals } = parseCommand(rest, {});
      const slug = requireString(positionals[0], 'the article slug');
      return withStore(async (store) => {
        await restoreArticle(store, await storedSiteOf(loadConfig(), store), slug);
        out(`restored ${slug}: published again`);
        return 0;
      });
    }
    case 'delete':
    case 'reject': {
      const { values, positionals } = parseCommand(rest, { note: { type: 'string' } });
      const slug = requireString(positionals[0], 'the article slug');
      return withStore(async (store) => {
        if (action === 'delete') await deleteArticleForGood(store, slug, values.note ?? null);
        else await rejectArticle(store, slug, values.note ?? null);
        out(`${action === 'delete' ? 'deleted' : 'rejected'} ${slug}; its entry is tombstoned and will not be taken in again`);
        return 0;
      });
    }
    default:
      throw new UsageError(USAGE);
  }
}
