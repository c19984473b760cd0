// `convey store copy --to postgres://…`: moves a site from its store (SQLite, as configured) to an empty
// PostgreSQL database, whole, and prints per table the counts and content hashes both sides read back.
import { loadConfig } from '../config/config.js';
import { openStore, type Store } from '../store/database.js';
import { copyStore, CopyRefusedError, CopyVerificationError, type TableCopyHook, type TableCopyReport } from '../store/copy-store.js';
import { migrationState } from '../store/migration-state.js';
import { parseCommand, requireString, UsageError, CommandError } from './args.js';
import { jobsCopyHook } from '../jobs/copy-jobs.js';
import { openMediaStorage } from '../media/storage/open-media-storage.js';
import { copyMediaObjects } from '../media/media-gc.js';

const out = (line = '') => process.stdout.write(`${line}\n`);

/**
 * Tables copied by a hook instead of row for row, by table name. The jobs table belongs here: its pending jobs
 * are enqueued on the target's queue rather than copied as rows.
 */
export function storeCopyHooks(target: Store): TableCopyHook[] {
  return [jobsCopyHook(target)];
}

const HASH_SHOWN = 16;

/** The report as a plain-text table, one line per table, then a verdict. */
export function formatCopyReport(report: TableCopyReport[], from: string, to: string): string[] {
  const rows = report.map((r) => [
    r.table,
    String(r.sourceRows),
    String(r.targetRows),
    r.via === 'hook' ? `(${r.note ?? 'hook'})` : (r.sourceHash ?? '').slice(0, HASH_SHOWN),
    r.via === 'hook' ? '' : (r.targetHash ?? '').slice(0, HASH_SHOWN),
    r.matches ? 'ok' : 'DIFFERS',
  ]);
  const header = ['table', 'source rows', 'target rows', 'sha-256 source', 'sha-256 target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const failed = report.filter((r) => !r.matches).length;
  return [
    line(header),
    ...rows.map(line),
    failed === 0
      ? `copied ${report.length} tables from ${from} to ${to}: every count and hash matches`
      : `${failed} of ${report.length} tables differ: nothing was kept on the target`,
  ];
}

function checkTarget(url: string, source: string): string {
  if (!/^(postgres|postgresql):\/\//.test(url) && !url.startsWith('sqlite:')) {
    throw new UsageError(`--to must be a postgres://… URL (or sqlite:<path>), got "${url}"`);
  }
  if (url === source) throw new UsageError('--to names the store being copied: give an empty database');
  return url;
}

async function assertCurrentSchema(source: Store): Promise<void> {
  const { applied, expected } = await migrationState(source);
  if (applied !== expected) {
    throw new CommandError(`the source has ${applied} of ${expected} migrations applied: run "convey migrate" on it first`);
  }
}

/** The image files go where the copied site will read them (the rows naming them were copied with the tables). */
async function copyMedia(from: string, to: string): Promise<void> {
  const [source, target] = [await openMediaStorage(from), await openMediaStorage(to)];
  try {
    const { copied, present } = await copyMediaObjects(source, target);
    out(`copied media from ${source.kind} to ${target.kind} storage: ${copied} file(s), ${present} already there`);
  } finally {
    await source.close();
    await target.close();
  }
}

export async function storeCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'copy') throw new UsageError('use "store copy --to postgres://…"');
  const { values, positionals } = parseCommand(rest, { to: { type: 'string' }, 'media-to': { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const config = loadConfig();
  const to = checkTarget(requireString(values.to, '--to <database URL>'), config.databaseUrl);

  const source = await openStore(config.databaseUrl, { migrate: false });
  try {
    await assertCurrentSchema(source);
    const target = await openStore(to, { migrate: false });
    try {
      const report = await copyStore(source, target, { hooks: storeCopyHooks(target) });
      for (const line of formatCopyReport(report, source.dialect, target.dialect)) out(line);
      if (values['media-to']) await copyMedia(config.mediaUrl, values['media-to']);
      return 0;
    } catch (error) {
      if (error instanceof CopyVerificationError) {
        for (const line of formatCopyReport(error.report, source.dialect, target.dialect)) out(line);
        throw new CommandError(error.message);
      }
      if (error instanceof CopyRefusedError) throw new CommandError(error.message);
      throw error;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
