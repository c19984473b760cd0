// `convey media gc [--dry-run]`: removes the stored image files no article shows any more.
import { loadConfig } from '../config/config.js';
import { openMediaStorage } from '../media/storage/open-media-storage.js';
import { collectMediaGarbage } from '../media/media-gc.js';
import { withStore } from './store-commands.js';
import { parseCommand, UsageError } from './args.js';

export async function mediaCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'gc') throw new UsageError('use "media gc [--dry-run]"');
  const { values } = parseCommand(rest, { 'dry-run': { type: 'boolean' } });
  const config = loadConfig();
  return withStore(async (store) => {
    const storage = await openMediaStorage(config.mediaUrl);
    try {
      const report = await collectMediaGarbage(store.db, storage, { dryRun: values['dry-run'] });
      const verb = values['dry-run'] ? 'would remove' : 'removed';
      process.stdout.write(`media gc: ${verb} ${report.removedFiles} file(s), kept ${report.keptFiles}; forgot ${report.forgottenImages} image(s) no article shows (${storage.kind} storage)\n`);
      return 0;
    } finally {
      await storage.close();
    }
  });
}
