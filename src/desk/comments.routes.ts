// The comments desk: the moderation queue (filters, one-click and bulk actions) and the block lists by email
// address, IP bucket and word that new comments are checked against (comments/block-list.ts).
import type { Context, Hono } from 'hono';
import type { SiteDeps } from '../http/deps.js';
import { authorCommentCounts, listCommentsForDesk } from '../store/dashboard.js';
import { parseCommentStatus } from '../comments/comment-status.js';
import { ActionError, moderateComment } from '../admin/actions.js';
import { parseId } from '../admin/admin.routes.js';
import { BLOCK_KINDS, normaliseBlockValue, type BlockKind } from '../comments/block-list.js';
import { addCommentBlock, listCommentBlocks, removeCommentBlock } from '../store/comment-blocks.js';
import { renderCommentsQueue } from './views/comments-queue.js';
import { renderBlockListPage, type BlockFormValues } from './views/block-list-page.js';
import { allow, requireSessionOf } from './desk-session.js';
import { deskRouteKit } from './route-kit.js';

const LIST_LIMIT = 200;
const MAX_NOTE_CHARS = 500;

const NOTICES: Record<string, string> = {
  approved: 'Approved.',
  spam: 'Marked as spam.',
  trash: 'Moved to the trash.',
  blocked: 'Added to the block list: new comments that match it are marked as spam.',
  listed: 'That entry is on the block list already.',
  unblocked: 'Removed from the block list.',
};

export function registerCommentsRoutes(app: Hono, deps: SiteDeps): void {
  const { ctxOf, notice, audit, act } = deskRouteKit(deps, NOTICES);

  app.get('/admin/comments', allow('comments'), async (c) => {
    const status = parseCommentStatus(c.req.query('status') ?? 'pending') ?? 'pending';
    const author = (c.req.query('author') ?? '').trim().slice(0, 254) || null;
    const article = (c.req.query('article') ?? '').trim().slice(0, 300) || null;
    const comments = await listCommentsForDesk(deps.store.db, { status, authorEmail: author, articleSlug: article, limit: LIST_LIMIT });
    const history = await authorCommentCounts(deps.store.db, comments.map((m) => m.authorEmail).filter((e): e is string => Boolean(e)));
    return c.html(renderCommentsQueue(ctxOf(c), { filter: { status, author, article }, comments, history, notice: notice(c) }));
  });

  const moderate = async (c: Context, ids: number[], action: string) => {
    if (action !== 'approve' && action !== 'spam' && action !== 'trash') throw new ActionError('use approve, spam or trash');
    if (ids.length === 0) throw new ActionError('select at least one comment');
    for (const id of ids) {
      await moderateComment(deps.store, id, action);
      await audit(c, `comment.${action}`, `comment ${id}`);
    }
    return action === 'approve' ? 'approved' : action;
  };
  /** Back to the same filtered list the moderator acted from (only its path and query are taken from the Referer). */
  const back = (c: Context) => {
    const from = c.req.header('referer');
    if (!from) return '/admin/comments';
    const url = new URL(from, 'http://desk.invalid');
    if (url.pathname !== '/admin/comments') return '/admin/comments';
    url.searchParams.delete('done');
    const query = url.searchParams.toString();
    return `/admin/comments${query ? `?${query}` : ''}`;
  };

  app.post('/admin/comments/bulk', allow('comments'), async (c) =>
    act(c, '/admin/comments', 'Comments', 'comments', async () => {
      const body = await c.req.parseBody({ all: true });
      const ids = ([] as unknown[]).concat(body.ids ?? []).map((v) => parseId(typeof v === 'string' ? v : undefined));
      return moderate(c, ids, typeof body.action === 'string' ? body.action : '');
    }, back(c)),
  );

  const blockPage = async (c: Context, form: { values?: BlockFormValues; error?: string | null } = {}) =>
    renderBlockListPage(ctxOf(c), { blocks: await listCommentBlocks(deps.store.db), values: form.values, error: form.error ?? null, notice: form.error ? null : notice(c) });

  app.get('/admin/comments/blocks', allow('comments'), async (c) => c.html(await blockPage(c)));

  app.post('/admin/comments/blocks', allow('comments'), async (c) => {
    const body = await c.req.parseBody();
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const values: BlockFormValues = { kind: field('kind'), value: field('value'), note: field('note') };
    // A refused entry comes back in the form as typed, with the reason.
    const refuse = async (error: string) => c.html(await blockPage(c, { values, error }), 400);
    if (!(BLOCK_KINDS as readonly string[]).includes(values.kind)) return refuse(`Choose what to block: ${BLOCK_KINDS.join(', ')}.`);
    const kind = values.kind as BlockKind;
    const normalised = normaliseBlockValue(kind, values.value);
    if (!normalised.ok) return refuse(normalised.error);
    const note = values.note.trim();
    if (note.length > MAX_NOTE_CHARS) return refuse(`The note has at most ${MAX_NOTE_CHARS} characters.`);
    const { user } = requireSessionOf(c);
    const added = await addCommentBlock(deps.store.db, { kind, value: normalised.value, note: note || null, addedBy: user.email }, deps.now());
    if (added) await audit(c, 'comment-block.add', `${kind} ${normalised.value}`, note || null);
    return c.redirect(`/admin/comments/blocks?done=${added ? 'blocked' : 'listed'}`, 303);
  });

  app.post('/admin/comments/blocks/:id/remove', allow('comments'), async (c) =>
    act(c, '/admin/comments/blocks', 'Comment block lists', 'comments', async () => {
      const id = parseId(c.req.param('id'));
      const removed = await removeCommentBlock(deps.store.db, id);
      if (!removed) throw new ActionError(`no block list entry with id ${id}`, 404);
      await audit(c, 'comment-block.remove', `${removed.kind} ${removed.value}`);
      return 'unblocked';
    }),
  );

  app.post('/admin/comments/:id/:action', allow('comments'), async (c) =>
    act(c, '/admin/comments', 'Comments', 'comments', async () => moderate(c, [parseId(c.req.param('id'))], c.req.param('action') ?? ''), back(c)),
  );
}
