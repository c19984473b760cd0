// The `send-mail` job: each mail is a job, so a mail server that is down or slow delays mail and loses none.
// The job carries what to send (a reply's id, an address), not the mail itself: it is built when it runs, so
// an unsubscribe or an erase that came in meanwhile is obeyed, and nothing a commenter wrote sits in the queue.
// Transient failures are retried with back-off for a day, then the job is a dead letter with the reason;
// a recipient the server refuses for good fails at once.
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { Store } from '../store/database.js';
import type { JobQueue } from '../jobs/queue.js';
import { runJobWorker, sleep, type JobHandler, type WorkerOptions } from '../jobs/worker.js';
import { getComment } from '../store/comments.js';
import { getArticleById } from '../store/articles.js';
import { claimReplyNotice, countCommentsOfAddress, getReplySubscription } from '../store/mail.js';
import { articlePath } from '../site/summaries.js';
import type { Comment } from '../model/types.js';
import type { Mailer } from './mailer.js';
import type { MailConfig } from './mail-config.js';
import { dataLinkMail, moderationNoticeMail, replyNoticeMail } from './templates.js';
import { MODERATING_ROLES, MODERATION_LINK_LIFETIME_MS, moderationToken } from './moderation-notice.js';
import { getUser, listUsers } from '../store/users.js';
import { DATA_LINK_LIFETIME_MS, MAIL_PATHS, dataToken, unsubscribeToken } from './mail-links.js';

export const SEND_MAIL_QUEUE = 'send-mail';

export type SendMailJob =
  | { kind: 'reply-notice'; replyId: number; firstTriedAt: string }
  | { kind: 'data-link'; email: string; firstTriedAt: string }
  | { kind: 'moderation-notice'; commentId: number; userId: number; firstTriedAt: string };

export interface MailContext {
  store: Store;
  jobs: JobQueue;
  mailer: Mailer;
  secret: string;
  site: { name: string; url: string };
  now: () => Date;
  log: { info(message: string, fields?: Record<string, unknown>): void; warn(message: string, fields?: Record<string, unknown>): void };
}

/** How long a mail that cannot be delivered is tried again. */
export const MAIL_RETRY_WINDOW_MS = 24 * 3600_000;

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * Queues the notice of an approved reply to the author of its parent, when they asked for one and have not
 * unsubscribed; once per reply, even when it is approved again. Called where a comment becomes approved (the
 * post that is approved at once, the moderator's approval), inside the caller's transaction when given one.
 */
export async function queueReplyNotice(db: Db, jobs: JobQueue, reply: Pick<Comment, 'id' | 'parentId' | 'status' | 'authorEmail'>, now: Date): Promise<boolean> {
  if (reply.status !== 'approved' || reply.parentId === null) return false;
  const subscription = await getReplySubscription(db, reply.parentId);
  if (!subscription || subscription.unsubscribedAt !== null) return false;
  // Nobody needs a mail about their own answer.
  if (reply.authorEmail !== null && reply.authorEmail.toLowerCase() === subscription.email) return false;
  const queue = async (tx: Transaction<Schema>) => {
    if (!(await claimReplyNotice(tx, reply.id, now))) return false;
    const job: SendMailJob = { kind: 'reply-notice', replyId: reply.id, firstTriedAt: now.toISOString() };
    await jobs.enqueue(SEND_MAIL_QUEUE, job, { key: `reply-notice:${reply.id}`, tx });
    return true;
  };
  return db.isTransaction ? queue(db as Transaction<Schema>) : db.transaction().execute(queue);
}

/**
 * Queues, in the transaction that stores a held comment, a notice to each account that moderates comments: a job
 * per account, built when it runs, so a comment moderated meanwhile sends nothing.
 */
export async function queueModerationNotices(tx: Transaction<Schema>, jobs: JobQueue, comment: Pick<Comment, 'id' | 'status'>, now: Date): Promise<number> {
  if (comment.status !== 'pending') return 0;
  const moderators = (await listUsers(tx)).filter((u) => MODERATING_ROLES.includes(u.role));
  for (const user of moderators) {
    const job: SendMailJob = { kind: 'moderation-notice', commentId: comment.id, userId: user.id, firstTriedAt: now.toISOString() };
    await jobs.enqueue(SEND_MAIL_QUEUE, job, { key: `moderation-notice:${comment.id}:${user.id}`, tx });
  }
  return moderators.length;
}

/** Queues the mail with the link to an address's comments (the caller has checked the throttle). */
export async function queueDataLink(jobs: JobQueue, email: string, now: Date): Promise<void> {
  const job: SendMailJob = { kind: 'data-link', email: email.toLowerCase(), firstTriedAt: now.toISOString() };
  await jobs.enqueue(SEND_MAIL_QUEUE, job, { key: `data-link:${email.toLowerCase()}` });
}

function absolute(site: { url: string }, path: string): string {
  return new URL(path, `${site.url}/`).toString();
}

/** Builds and sends one job's mail; a job with nothing (left) to send completes quietly. */
async function sendOne(ctx: MailContext, job: SendMailJob): Promise<'sent' | 'nothing to send'> {
  const db = ctx.store.db;
  if (job.kind === 'reply-notice') {
    const reply = await getComment(db, job.replyId);
    if (!reply || reply.status !== 'approved' || reply.parentId === null) return 'nothing to send';
    const subscription = await getReplySubscription(db, reply.parentId);
    if (!subscription || subscription.unsubscribedAt !== null) return 'nothing to send';
    const article = await getArticleById(db, reply.articleId);
    if (!article || article.pubStatus !== 'usable') return 'nothing to send';
    const mail = replyNoticeMail({
      to: subscription.email,
      siteName: ctx.site.name,
      articleHeadline: article.headline,
      replierName: reply.authorName,
      replyText: reply.bodySource,
      replyUrl: `${absolute(ctx.site, articlePath(article.slug))}#comment-${reply.id}`,
      unsubscribeUrl: absolute(ctx.site, MAIL_PATHS.unsubscribe(unsubscribeToken(ctx.secret, subscription.commentId))),
      yourDataUrl: absolute(ctx.site, MAIL_PATHS.dataRequest),
    });
    await ctx.mailer.send(mail);
    return 'sent';
  }
  if (job.kind === 'moderation-notice') {
    const comment = await getComment(db, job.commentId);
    // Moderated meanwhile, or the account no longer moderates: nothing to ask.
    if (!comment || comment.status !== 'pending') return 'nothing to send';
    const user = await getUser(db, job.userId);
    if (!user || !MODERATING_ROLES.includes(user.role)) return 'nothing to send';
    const article = await getArticleById(db, comment.articleId);
    if (!article) return 'nothing to send';
    const now = ctx.now();
    const link = (action: 'approve' | 'spam' | 'trash') => absolute(ctx.site, MAIL_PATHS.moderate(moderationToken(ctx.secret, action, comment.id, now)));
    await ctx.mailer.send(
      moderationNoticeMail({
        to: user.email,
        siteName: ctx.site.name,
        articleHeadline: article.headline,
        authorName: comment.authorName,
        reason: comment.holdReason,
        commentText: comment.bodySource,
        links: { approve: link('approve'), spam: link('spam'), trash: link('trash'), queue: absolute(ctx.site, '/admin/comments?status=pending') },
        lifetimeDays: MODERATION_LINK_LIFETIME_MS / 86_400_000,
      }),
    );
    return 'sent';
  }
  // An address with no comments gets no mail: the request page says the same either way, and the site is
  // never a way to send mail to any address one likes.
  if ((await countCommentsOfAddress(db, job.email)) === 0) return 'nothing to send';
  const expiresAt = new Date(ctx.now().getTime() + DATA_LINK_LIFETIME_MS);
  await ctx.mailer.send(
    dataLinkMail({
      to: job.email,
      siteName: ctx.site.name,
      dataUrl: absolute(ctx.site, MAIL_PATHS.data(dataToken(ctx.secret, job.email, expiresAt))),
      lifetimeHours: DATA_LINK_LIFETIME_MS / 3600_000,
    }),
  );
  return 'sent';
}

/** `overrides`: tests shorten the back-off and the retry window. */
export function sendMailHandler(ctx: MailContext, overrides: Partial<Pick<JobHandler, 'backoff' | 'retryWindowMs'>> = {}): JobHandler<SendMailJob> {
  return {
    queue: SEND_MAIL_QUEUE,
    retryWindowMs: MAIL_RETRY_WINDOW_MS,
    // A permanent refusal (or a mail that cannot be built) is not worth a day of retries.
    maxUnexpectedAttempts: 2,
    backoff: { baseMs: 60_000, maxMs: 2 * 3600_000 },
    ...overrides,
    async run(job) {
      const outcome = await sendOne(ctx, job.data);
      if (outcome === 'nothing to send') ctx.log.info('mail job had nothing to send', { id: job.id, kind: job.data.kind });
    },
  };
}

/** Runs the mail jobs until `signal` aborts (the `serve` and `worker` processes). */
export async function runMailWorker(
  ctx: MailContext,
  signal: AbortSignal,
  options: WorkerOptions & { idleMs?: number; handler?: Partial<Pick<JobHandler, 'backoff' | 'retryWindowMs'>> } = {},
): Promise<void> {
  while (!signal.aborted) {
    try {
      await ctx.jobs.prepare([SEND_MAIL_QUEUE]);
      break;
    } catch (error) {
      ctx.log.warn('mail queue not ready; trying again', { error: (error as Error).message });
      await sleep(2000, signal);
    }
  }
  await runJobWorker(ctx.jobs, [sendMailHandler(ctx, options.handler) as JobHandler], signal, { now: ctx.now, log: ctx.log, ...options });
}

/** The mail context of a process: its store's queue, the configured mailer, the site's name and URL. */
export function mailContextOf(
  config: { mail: MailConfig; secret: string; site: { name: string; url: string } },
  store: Store,
  jobs: JobQueue,
  log: MailContext['log'],
  mailer: Mailer,
): MailContext {
  return { store, jobs, mailer, secret: config.secret, site: { name: config.site.name, url: config.site.url }, now: () => new Date(), log };
}
