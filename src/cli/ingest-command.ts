// `convey ingest [--once]`: poll due feeds and re-checks; with --once every feed now, a report, then exit.
import { loadConfig } from '../config/config.js';
import { openStore } from '../store/database.js';
import { makeAllFeedsDue } from '../store/feeds.js';
import { runIngest, runIngestRound, type RoundReport } from '../ingest/scheduler.js';
import { createClient, createLogger, ingestContextOf, ingestLogOf, storedSiteOf } from './runtime.js';
import { parseCommand } from './args.js';

export function describeRound(round: RoundReport): string[] {
  const lines: string[] = [];
  for (const f of round.feeds) {
    if (f.status === 'error') lines.push(`feed ${f.url}: ERROR ${f.error}`);
    else if (f.status === 'not-modified') lines.push(`feed ${f.url}: not modified`);
    else {
      const deferred = f.deferred ? `, ${f.deferred} left for the next polls` : '';
      lines.push(`feed ${f.url}: ${f.entries} entries, ${f.added} new, ${f.published} published, ${f.updated} updated, ${f.held.length} held, ${f.failedEntries.length} failed${deferred}`);
    }
    for (const h of f.held) lines.push(`  held ${h.slug}: ${h.reason}`);
    for (const e of f.failedEntries) lines.push(`  failed entry ${e.key}: ${e.error}`);
  }
  for (const r of round.rechecks) if (r.outcome !== 'unchanged') lines.push(`re-check ${r.slug}: ${r.outcome}${r.detail ? ` (${r.detail})` : ''}`);
  if (round.republished) lines.push(`${round.republished} held article(s) published now that the configuration is complete`);
  if (round.jobs.retry) lines.push(`${round.jobs.retry} job(s) will be retried later (a page timed out or answered 5xx/429)`);
  if (round.jobs.failed) lines.push(`${round.jobs.failed} job(s) failed: see "convey jobs failed"`);
  return lines;
}

/** What makes `ingest --once` exit non-zero: a feed that failed or an entry that could not be queued. */
export function roundFailures(round: RoundReport): string[] {
  const failures: string[] = [];
  for (const f of round.feeds) {
    if (f.status === 'error') failures.push(`feed ${f.url} failed: ${f.error}`);
    for (const e of f.failedEntries) failures.push(`an entry of ${f.url} was not taken: ${e.error}`);
  }
  return failures;
}

export async function ingestCommand(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { once: { type: 'boolean' } });
  const config = loadConfig();
  const store = await openStore(config.databaseUrl, { create: false });
  const logger = createLogger(config);
  const ctx = ingestContextOf(config, store, createClient(config), ingestLogOf(logger), undefined, await storedSiteOf(config, store));
  try {
    if (values.once) {
      await makeAllFeedsDue(store.db);
      const round = await runIngestRound(ctx);
      for (const line of describeRound(round)) process.stdout.write(`${line}\n`);
      if (round.feeds.length === 0) process.stdout.write('no feeds to poll (none added, or others are polling them): add one with "convey feeds add"\n');
      const failures = roundFailures(round);
      for (const failure of failures) process.stderr.write(`convey ingest: ${failure}\n`);
      return failures.length ? 1 : 0;
    }
    const controller = new AbortController();
    process.once('SIGINT', () => controller.abort());
    process.once('SIGTERM', () => controller.abort());
    logger.info('ingest scheduler and job worker running; Ctrl-C to stop');
    await runIngest(ctx, controller.signal, { concurrency: config.ingest.jobConcurrency, intervalMs: config.ingest.intervalSeconds * 1000 });
    return 0;
  } finally {
    await store.close();
  }
}
