// A store filled the way `convey demo` fills it: the demo publishers served on loopback, their feeds ingested
// through the real pipeline, one story corrected and one withdrawn at the source and re-checked; then a
// comment thread and a tombstone, so that every table of the schema holds realistic rows.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import type { Store } from '../../src/store/database.js';
import { listSources } from '../../src/store/sources.js';
import { addTombstone, findArticleByOriginalUrl, listPublished, setArticleState } from '../../src/store/articles.js';
import { insertComment } from '../../src/store/comments.js';
import { addReplySubscription, claimReplyNotice } from '../../src/store/mail.js';
import { claimFormToken } from '../../src/store/form-tokens.js';
import { NETWORK_COMMENT_LIMIT, StoreRateLimit } from '../../src/comments/rate-limit.js';
import { startDemoServer } from '../../src/demo/demo-sources.js';
import { runIngestRound } from '../../src/ingest/scheduler.js';
import { createClient, ingestContextOf } from '../../src/cli/runtime.js';
import { silentLog } from '../../src/ingest/context.js';
import { addDemoSources } from '../../src/demo/add-demo-sources.js';
import { addUser, CLI_ACTOR, startSession } from '../../src/desk/accounts.js';
import { addCorrection } from '../../src/store/corrections.js';
import { addCommentBlock } from '../../src/store/comment-blocks.js';
import { writeSettings } from '../../src/store/settings.js';

export async function fillWithDemoContent(store: Store): Promise<void> {
  const demo = await startDemoServer();
  try {
    // The demo's images are stored in a folder of the test's own, never in the working directory.
    const media = `file:${mkdtempSync(join(tmpdir(), 'convey-demo-media-'))}`;
    const config = loadConfig({ CONVEY_SITE_NAME: 'Copy Test Desk', CONVEY_SITE_URL: 'https://desk.test', CONVEY_MEDIA_URL: media });
    const ctx = ingestContextOf(config, store, createClient(config, [`127.0.0.1:${demo.port}`]), silentLog);
    await addDemoSources(store, demo);
    await runIngestRound(ctx);
    demo.applyUpdate();
    demo.applyWithdrawal();
    const now = new Date();
    for (const source of await listSources(store.db)) {
      for (const url of [demo.updatedStoryUrl, demo.withdrawnStoryUrl]) {
        const article = await findArticleByOriginalUrl(store.db, source.id, url);
        if (article) await setArticleState(store.db, article.id, { nextCheckAt: now.toISOString() }, now);
      }
    }
    await runIngestRound(ctx);

    const [first] = await listPublished(store.db, { limit: 1, offset: 0 });
    const top = await insertComment(store.db, {
      articleId: first.id, parentId: null, authorName: 'Ana Reader', authorEmail: 'ana@reader.test', authorUrl: null,
      bodySource: 'Thanks for carrying this — *whole*.', bodyHtml: '<p>Thanks for carrying this — <em>whole</em>.</p>',
      status: 'approved', ipBucket: '203.0.113.0/24', holdReason: null,
    });
    const reply = await insertComment(store.db, {
      articleId: first.id, parentId: top.id, authorName: 'Bo', authorEmail: null, authorUrl: 'https://bo.test/',
      bodySource: 'Agreed.', bodyHtml: '<p>Agreed.</p>', status: 'pending', ipBucket: null, holdReason: 'first comment',
    });
    // Ana asked for e-mail about replies; the notice of a reply was queued once.
    await addReplySubscription(store.db, top.id, 'ana@reader.test', now);
    await claimReplyNotice(store.db, reply.id, now);
    const [source] = await listSources(store.db);
    await addTombstone(store.db, source.id, 'guid:removed-by-editor', 'deleted by an editor', now);
    // The comment defences' shared state, as a posted comment leaves it.
    await new StoreRateLimit(store.db, 'comment-network', NETWORK_COMMENT_LIMIT).hit('203.0.113.0/24', now);
    await claimFormToken(store.db, 'demo-token-id', new Date(now.getTime() + 86_400_000));
    // The desk: an account waiting for its setup link (and the audit line of its creation), with a session.
    const { user } = await addUser(store, { email: 'owner@desk.test', role: 'owner' }, CLI_ACTOR, now);
    await startSession(store, user.id, 'demo', now);
    // An editor's correction on the first story, and one entry of the comment block lists.
    await addCorrection(store.db, { articleId: first.id, note: 'An earlier version gave the wrong date for the vote.', addedBy: 'owner@desk.test' }, now);
    await addCommentBlock(store.db, { kind: 'word', value: 'cheap pills', note: null, addedBy: 'owner@desk.test' }, now);
    // A setting changed on the desk.
    await writeSettings(store.db, { 'site.description': 'Harbour news, copied with its settings.' }, now);
  } finally {
    await demo.close();
  }
}
