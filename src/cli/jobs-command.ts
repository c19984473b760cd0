// `convey jobs`: the job queue at a glance, the jobs that failed for good (with their reasons), and retrying one.
import { loadConfig } from '../config/config.js';
import { openStore } from '../store/database.js';
import { jobQueueOf } from '../jobs/open-queue.js';
import { whyNotRequeued } from '../jobs/queue.js';
import { INGEST_QUEUES } from '../ingest/scheduler.js';
import { SEND_MAIL_QUEUE } from '../mail/send-mail-job.js';
import { parseCommand, requireString, UsageError, CommandError } from './args.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

export async function jobsCommand(args: string[]): Promise<number> {
  const [action = 'status', ...rest] = args;
  const { positionals, values } = parseCommand(rest, { json: { type: 'boolean' } });
  const config = loadConfig();
  const store = await openStore(config.databaseUrl, { create: false });
  const queue = jobQueueOf(store);
  try {
    await queue.prepare([...INGEST_QUEUES, SEND_MAIL_QUEUE]);
    if (action === 'status') {
      const counts = await queue.counts();
      out(values.json ? JSON.stringify(counts) : `${counts.queued} queued, ${counts.running} running, ${counts.failed} failed`);
      return 0;
    }
    if (action === 'failed') {
      const failed = await queue.listFailed(200);
      if (values.json) out(JSON.stringify(failed));
      else if (failed.length === 0) out('no failed jobs');
      else for (const job of failed) out(`${job.id}\t${job.queue}\t${job.key ?? '-'}\t${job.attempts} attempts\t${job.error ?? ''}`);
      return 0;
    }
    if (action === 'retry') {
      const id = requireString(positionals[0], 'the job id');
      const why = whyNotRequeued(id, await queue.requeueFailed(id));
      if (why) throw new CommandError(why);
      out(`job ${id} queued again`);
      return 0;
    }
    throw new UsageError('use "jobs", "jobs failed" or "jobs retry <id>"');
  } finally {
    await store.close();
  }
}
