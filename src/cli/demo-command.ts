// `convey demo` (what `npm start` runs): a fresh SQLite database, the bundled demo publishers served on
// loopback, their feeds ingested through the real pipeline, then the site. The guarded client may reach
// the demo's own port and nothing else on this machine.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig, type Config } from '../config/config.js';
import { openStore } from '../store/database.js';
import { listSources } from '../store/sources.js';
import { countArticles, findArticleByOriginalUrl, setNextCheck } from '../store/articles.js';
import { startDemoServer, type DemoServer } from '../demo/demo-sources.js';
import { runIngestRound } from '../ingest/scheduler.js';
import { startSite } from '../site/server.js';
import { createClient, createLogger, extractPoolFor, ingestContextOf, ingestLogOf } from './runtime.js';
import { siteDepsOf, scheduleUntilSignal } from './serve-command.js';
import { openLiveSettings, type SettingsHolder } from '../config/live-settings.js';
import { describeRound } from './ingest-command.js';
import { parseCommand, CommandError } from './args.js';
import { acquirePidLock, LockHeldError, type PidLock } from './pid-lock.js';
import { assertPortFree } from './port-check.js';
import { logFormatOf } from './log-format.js';
import type { IngestContext } from '../ingest/context.js';
import { addDemoSources } from '../demo/add-demo-sources.js';
import { firstOwnerNotice } from '../desk/accounts.js';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** Makes the article at `url` due for its re-check now, as if its schedule had come round. */
async function recheckNow(ctx: IngestContext, url: string): Promise<void> {
  for (const source of await listSources(ctx.store.db)) {
    const article = await findArticleByOriginalUrl(ctx.store.db, source.id, url);
    if (article) await setNextCheck(ctx.store.db, article.id, ctx.now());
  }
}

/** The demo's database lock, or a clear refusal when another demo runs on it. */
function lockDatabase(path: string): PidLock {
  mkdirSync(dirname(path), { recursive: true });
  try {
    return acquirePidLock(`${path}.lock`);
  } catch (error) {
    if (!(error instanceof LockHeldError)) throw error;
    throw new CommandError(`the demo database ${path} is in use by process ${error.pid}: stop that demo first, or set CONVEY_DATA_DIR to run another`);
  }
}

async function checkPort(host: string, port: number): Promise<void> {
  try {
    await assertPortFree(host, port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CommandError(`cannot listen on ${host}:${port} (${code}): is another site running there? Stop it or set PORT`);
  }
}

export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { json: { type: 'boolean' } });
  const env = { ...process.env };
  env.CONVEY_SITE_NAME ||= 'The Convey Demo Desk';
  env.CONVEY_DATA_DIR ||= 'data';
  delete env.DATABASE_URL; // the demo always runs on its own fresh SQLite file
  const path = resolve(env.CONVEY_DATA_DIR, 'demo.db');
  const config = loadConfig({ ...env, DATABASE_URL: `sqlite:${path}` });
  // Nothing is deleted before this process holds the database and the port is known to be free: a second
  // `npm start` must leave a running demo's database alone.
  const lock = lockDatabase(path);
  try {
    await checkPort(config.host, config.port);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    return await runDemo(config, path, createLogger({ ...config, logLevel: env.LOG_LEVEL || 'warn' }, logFormatOf(values.json)));
  } finally {
    lock.release();
  }
}

async function runDemo(config: Config, path: string, logger: ReturnType<typeof createLogger>): Promise<number> {
  const demo: DemoServer = await startDemoServer({ host: '127.0.0.1', port: 0 });
  const store = await openStore(config.databaseUrl, { create: true });
  let site: Awaited<ReturnType<typeof startSite>> | null = null;
  let settings: SettingsHolder | null = null;
  const extractPool = extractPoolFor(config);
  try {
    settings = await openLiveSettings(store, config, { log: (line) => logger.warn(line) });
    const client = createClient(config, [`127.0.0.1:${demo.port}`]);
    const ctx = ingestContextOf(config, store, client, ingestLogOf(logger), extractPool, settings.site);
    await addDemoSources(store, demo);
    out(`Demo publishers serving on ${demo.origin}: ${demo.sources.map((s) => s.name).join(', ')}`);
    out('Ingesting their feeds through the pipeline (fetch → parse → extract → clean → store → publish)…');
    for (const line of describeRound(await runIngestRound(ctx))) out(`  ${line}`);

    // The wire corrects one story and withdraws another; the copies follow at their next re-check.
    demo.applyUpdate();
    demo.applyWithdrawal();
    await recheckNow(ctx, demo.updatedStoryUrl);
    await recheckNow(ctx, demo.withdrawnStoryUrl);
    out('The wire corrected one story and withdrew another; re-checking them…');
    for (const line of describeRound(await runIngestRound(ctx))) out(`  ${line}`);
    const counts = await countArticles(store.db);
    out(`Ingested: ${counts.usable} published, ${counts.withheld} held, ${counts.canceled} withdrawn.`);

    // The desk fetches through the demo's client, which may reach the demo publishers on loopback.
    site = await startSite({ ...siteDepsOf(config, store, settings), client }, { host: config.host, port: config.port });
    out('');
    out(`Convey demo: ${site.url}/   (site "${settings.site.name}", database ${path})`);
    for (const line of await firstOwnerNotice(store, site.url, new Date())) out(line);
    out('Press Ctrl-C to stop.');
    await scheduleUntilSignal(ctx);
    return 0;
  } finally {
    await site?.close();
    await settings?.close();
    await extractPool?.close();
    await store.close();
    await demo.close();
  }
}
