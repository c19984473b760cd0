// The `convey` command: dispatches to one module per command group and turns every error into one clear
// line on stderr and a non-zero exit (2 for usage, 1 for a failure).
import { ConfigError } from '../config/config.js';
import { UsageError, CommandError } from './args.js';
import { USAGE } from './usage.js';

type Handler = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Handler>> = {
  serve: async () => (await import('./serve-command.js')).serveCommand,
  worker: async () => (await import('./serve-command.js')).workerCommand,
  demo: async () => (await import('./demo-command.js')).demoCommand,
  migrate: async () => (await import('./store-commands.js')).migrateCommand,
  store: async () => (await import('./store-copy-command.js')).storeCommand,
  backup: async () => (await import('./backup-command.js')).backupCommand,
  sources: async () => (await import('./sources-command.js')).sourcesCommand,
  feeds: async () => (await import('./feeds-command.js')).feedsCommand,
  ingest: async () => (await import('./ingest-command.js')).ingestCommand,
  articles: async () => (await import('./articles-command.js')).articlesCommand,
  versions: async () => (await import('./store-commands.js')).versionsCommand,
  comments: async () => (await import('./store-commands.js')).commentsCommand,
  extract: async () => (await import('./tools-command.js')).extractToolCommand,
  fetch: async () => (await import('./tools-command.js')).fetchCommand,
  jobs: async () => (await import('./jobs-command.js')).jobsCommand,
  fidelity: async () => (await import('./fidelity-command.js')).fidelityCommand,
  mail: async () => (await import('../mail/mail-command.js')).mailCommand,
  media: async () => (await import('./media-command.js')).mediaCommand,
  users: async () => (await import('./users-command.js')).usersCommand,
  settings: async () => (await import('./settings-command.js')).settingsCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`convey: unknown command "${name}"\nRun "convey help" for the list of commands.\n`);
    return 2;
  }
  try {
    return await (await load())(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`convey ${name}: ${error.message}\nRun "convey help" for usage.\n`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof CommandError) {
      process.stderr.write(`convey ${name}: ${error.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`convey ${name}: ${message}\n`);
    if (process.env.CONVEY_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return 1;
  }
}

const isEntry = process.argv[1] && /(bin[\\/]convey(\.js)?|cli[\\/]main\.(ts|js))$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`convey: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
