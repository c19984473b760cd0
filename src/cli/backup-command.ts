// `convey backup <file>`: a consistent copy of the SQLite store, taken while the site runs.
import { loadConfig } from '../config/config.js';
import { openStore } from '../store/database.js';
import { backupSqliteStore } from '../store/backup.js';
import { parseCommand, requireString, UsageError, CommandError } from './args.js';
import { openMediaStorage } from '../media/storage/open-media-storage.js';
import { createFsStorage } from '../media/storage/fs-storage.js';
import { copyMediaObjects } from '../media/media-gc.js';

export async function backupCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommand(args, { 'media-to': { type: 'string' } });
  const file = requireString(positionals[0], 'the backup file name');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const config = loadConfig();
  if (config.databaseUrl.startsWith('postgres')) {
    // Not a failure of the command: the wrong tool for this store, said as a usage mistake.
    process.stderr.write('convey backup: the store is PostgreSQL: use pg_dump -Fc (and pg_restore to restore); see docs/operations.md\n');
    return 2;
  }
  // Never migrate the store being backed up: the copy is of the site as it runs.
  const store = await openStore(config.databaseUrl, { migrate: false });
  try {
    const { pages } = await backupSqliteStore(store, file);
    process.stdout.write(`backed up ${store.dialect} store to ${file} (${pages} pages, integrity ok)\n`);
    // The images the store names, beside it (content-addressed: a later backup into the same folder adds only new files).
    const mediaDir = values['media-to'] || `${file}.media`;
    const media = await openMediaStorage(config.mediaUrl);
    try {
      const { copied, present } = await copyMediaObjects(media, createFsStorage(mediaDir));
      process.stdout.write(`backed up media to ${mediaDir} (${copied} new file(s), ${present} already there)\n`);
    } finally {
      await media.close();
    }
    return 0;
  } catch (error) {
    throw new CommandError((error as Error).message);
  } finally {
    await store.close();
  }
}
