// Commands that read and change the store: migrate, sources, articles, versions, comments.
import { loadConfig } from '../config/config.js';
import { openStore, migrate, type Store } from '../store/database.js';
import { createSource, listSources, INDEXING_POLICIES, UPDATE_POLICIES } from '../store/sources.js';
import { listHeld, listPendingVersions } from '../store/articles.js';
import { listCommentsWithStatus } from '../store/comments.js';
import { COMMENT_STATUSES, parseCommentStatus } from '../comments/comment-status.js';
import { forModerators } from '../comments/moderator-view.js';
import { moderateComment, republishHeld, reviewVersion, ActionError, COMMENT_ACTIONS } from '../admin/actions.js';
import { siteOf } from './runtime.js';
import { parseCommand, requireString, positiveId, UsageError, CommandError } from './args.js';
import type { IndexingPolicy, UpdatePolicy } from '../model/types.js';

const out = (line = '') => process.stdout.write(`${line}\n`);

export async function withStore<T>(task: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = await openStore(config.databaseUrl);
  try {
    return await task(store);
  } catch (error) {
    if (error instanceof ActionError) throw new CommandError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

export async function migrateCommand(args: string[]): Promise<number> {
  parseCommand(args, {});
  const config = loadConfig();
  const store = await openStore(config.databaseUrl, { migrate: false });
  try {
    out(`schema version ${await migrate(store)} (${store.dialect})`);
  } finally {
    await store.close();
  }
  return 0;
}

function checkUrl(value: string, name: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    return url.href;
  } catch {
    throw new UsageError(`${name} must be an absolute http(s) URL, got "${value}"`);
  }
}

function oneOf<T extends string>(value: string | undefined, allowed: T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

export async function sourcesCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'list') {
    parseCommand(rest, {});
    return withStore(async (store) => {
      const sources = await listSources(store.db);
      if (sources.length === 0) out('no sources yet: add one with "convey sources add"');
      for (const s of sources) {
        out(`${s.slug}\t${s.name}\t${s.homeUrl}\tlicense: ${s.rights.license ?? '-'}\tindexing: ${s.indexingPolicy}\tupdates: ${s.updatePolicy}`);
      }
      return 0;
    });
  }
  if (action === 'add') {
    const { values } = parseCommand(rest, {
      slug: { type: 'string' }, name: { type: 'string' }, home: { type: 'string' }, license: { type: 'string' },
      'license-url': { type: 'string' }, 'usage-terms': { type: 'string' }, copyright: { type: 'string' },
      indexing: { type: 'string' }, update: { type: 'string' }, disclaimer: { type: 'string' }, attribution: { type: 'string' },
    });
    const slug = requireString(values.slug, '--slug');
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) throw new UsageError(`--slug must be lower-case letters, digits and dashes, got "${slug}"`);
    const input = {
      slug,
      name: requireString(values.name, '--name').trim(),
      homeUrl: checkUrl(requireString(values.home, '--home'), '--home'),
      license: values.license ?? null,
      licenseUrl: values['license-url'] ? checkUrl(values['license-url'], '--license-url') : null,
      usageTerms: values['usage-terms'] ?? null,
      copyrightHolder: values.copyright ?? null,
      indexingPolicy: oneOf<IndexingPolicy>(values.indexing, INDEXING_POLICIES, '--indexing'),
      updatePolicy: oneOf<UpdatePolicy>(values.update, UPDATE_POLICIES, '--update'),
      disclaimerTemplate: values.disclaimer ?? null,
      attributionTemplate: values.attribution ?? null,
    };
    return withStore(async (store) => {
      if ((await listSources(store.db)).some((s) => s.slug === slug)) throw new CommandError(`a source "${slug}" exists already`);
      const source = await createSource(store.db, input);
      out(`added source ${source.slug} (${source.name})`);
      return 0;
    });
  }
  throw new UsageError('use "sources add" or "sources list"');
}

export async function articlesCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { positionals } = parseCommand(rest, {});
  if (action === 'held') {
    return withStore(async (store) => {
      const held = await listHeld(store.db);
      if (held.length === 0) out('no held articles');
      for (const a of held) out(`${a.slug}\t${a.holdReason ?? 'held'}`);
      return 0;
    });
  }
  if (action === 'publish') {
    const slug = requireString(positionals[0], 'the article slug');
    const config = loadConfig();
    return withStore(async (store) => {
      await republishHeld(store, siteOf(config), slug);
      out(`published ${slug}`);
      return 0;
    });
  }
  throw new UsageError('use "articles held" or "articles publish <slug>"');
}

export async function versionsCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { positionals } = parseCommand(rest, {});
  if (action === 'pending') {
    return withStore(async (store) => {
      const pending = await listPendingVersions(store.db);
      if (pending.length === 0) out('no versions waiting for review');
      for (const v of pending) out(`${v.id}\t${v.slug}\t${v.kind}\t${v.note ?? ''}`);
      return 0;
    });
  }
  if (action === 'approve' || action === 'reject') {
    const id = positiveId(positionals[0], 'the version id');
    return withStore(async (store) => {
      await reviewVersion(store, id, action);
      out(`version ${id} ${action === 'approve' ? 'applied' : 'rejected'}`);
      return 0;
    });
  }
  throw new UsageError('use "versions pending", "versions approve <id>" or "versions reject <id>"');
}

export async function commentsCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'pending' || action === 'list') {
    const { values } = parseCommand(rest, { status: { type: 'string' } });
    const status = action === 'pending' ? 'pending' : parseCommentStatus(values.status ?? 'pending');
    if (!status) throw new UsageError(`--status must be one of ${COMMENT_STATUSES.join('|')}, got "${values.status}"`);
    return withStore(async (store) => {
      const comments = (await listCommentsWithStatus(store.db, status)).map(forModerators);
      if (comments.length === 0) out(status === 'pending' ? 'no comments waiting for moderation' : `no ${status} comments`);
      for (const c of comments) {
        out(`${c.id}\t${c.articleSlug}\t${c.authorName} <${c.authorEmail ?? ''}>\t${c.holdReason ?? ''}\n\t${c.bodySource.slice(0, 200).replace(/\n/g, ' ')}`);
      }
      return 0;
    });
  }
  const { positionals } = parseCommand(rest, {});
  if (action && action in COMMENT_ACTIONS) {
    const id = positiveId(positionals[0], 'the comment id');
    return withStore(async (store) => {
      const status = await moderateComment(store, id, action);
      out(`comment ${id} is now ${status}`);
      return 0;
    });
  }
  throw new UsageError(`use "comments list [--status ${COMMENT_STATUSES.join('|')}]", "comments pending" or "comments ${Object.keys(COMMENT_ACTIONS).join('|')} <id>"`);
}
