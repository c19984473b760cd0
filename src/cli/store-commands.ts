// Commands that read and change the store: migrate, versions, comments (sources and articles have modules of their own).
import { loadConfig } from '../config/config.js';
import { openStore, migrate, type Store } from '../store/database.js';
import { gunzipSync } from 'node:zlib';
import { getArticleById, getVersion, listPendingVersions } from '../store/articles.js';
import { getSourceById } from '../store/sources.js';
import { getSnapshotOfVersion } from '../store/snapshots.js';
import { htmlToText } from '../clean/sanitize.js';
import { listCommentsWithStatus } from '../store/comments.js';
import { COMMENT_STATUSES, parseCommentStatus } from '../comments/comment-status.js';
import { forModerators } from '../comments/moderator-view.js';
import { moderateComment, reviewVersion, ActionError, COMMENT_ACTIONS } from '../admin/actions.js';
import { siteOf } from './runtime.js';
import { parseCommand, requireString, positiveId, UsageError, CommandError } from './args.js';

const out = (line = '') => process.stdout.write(`${line}\n`);

export async function withStore<T>(task: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // Only serve, demo and migrate create a database: here a missing one is a mistyped DATABASE_URL.
  const store = await openStore(config.databaseUrl, { create: false });
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
  const store = await openStore(config.databaseUrl, { migrate: false, create: true });
  try {
    out(`schema version ${await migrate(store)} (${store.dialect})`);
  } finally {
    await store.close();
  }
  return 0;
}

export async function versionsCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'show') {
    const { values, positionals: shown } = parseCommand(rest, { raw: { type: 'boolean' } });
    const id = positiveId(shown[0], 'the version id');
    return withStore(async (store) => {
      const version = await getVersion(store.db, id);
      if (!version) throw new CommandError(`no version ${id}`);
      const snapshot = await getSnapshotOfVersion(store.db, id);
      if (values.raw) {
        if (!snapshot) {
          const article = await getArticleById(store.db, version.articleId);
          const source = article ? await getSourceById(store.db, article.sourceId) : null;
          const retained = source?.keepSnapshots != null ? `, or is older than the newest ${source.keepSnapshots} that source "${source.slug}" keeps` : '';
          throw new CommandError(`version ${id} has no snapshot of the source (it was not taken from a page, predates snapshots${retained})`);
        }
        process.stdout.write(gunzipSync(snapshot.bodyGzip));
        return 0;
      }
      out(`version ${version.id}\tarticle ${version.articleId}\t${version.kind}\t${version.state}\t${version.createdAt}`);
      if (version.note) out(`note: ${version.note}`);
      out(snapshot ? `snapshot: ${snapshot.url}\t${snapshot.status}\tfetched ${snapshot.fetchedAt}\tsha256 ${snapshot.sha256}` : 'snapshot: none');
      out(version.headline);
      out(htmlToText(version.bodyHtml));
      return 0;
    });
  }
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
  throw new UsageError('use "versions pending", "versions show <id> [--raw]", "versions approve <id>" or "versions reject <id>"');
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
