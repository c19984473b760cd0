// `convey users`: the desk's accounts from the command line. No password is ever given here: each command
// prints a one-time link that its owner opens to set one (mail is not sent, the operator passes the link on).
import { loadConfig } from '../config/config.js';
import { listUsers, ROLES } from '../store/users.js';
import { openStore } from '../store/database.js';
import { AccountError, addUser, CLI_ACTOR, issueResetLink, linkUrl } from '../desk/accounts.js';
import { withStore } from './store-commands.js';
import { storedSiteOf } from './runtime.js';
import { parseCommand, requireString, oneOf, UsageError, CommandError } from './args.js';

const out = (line = '') => process.stdout.write(`${line}\n`);

async function orCommandError<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (error instanceof AccountError) throw new CommandError(error.message);
    throw error;
  }
}

export async function usersCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'add') {
    const { values } = parseCommand(rest, { email: { type: 'string' }, role: { type: 'string' } });
    const email = requireString(values.email, '--email');
    const role = oneOf(requireString(values.role, '--role'), ROLES, '--role')!;
    // The first owner is often made before the site first starts: `users add` may create the database.
    const config = loadConfig();
    const store = await openStore(config.databaseUrl, { create: true });
    try {
      const { user, token, expiresAt } = await orCommandError(() => addUser(store, { email, role }, CLI_ACTOR, new Date()));
      out(`${user.role} ${user.email} added. Open this link to set the password (once, before ${expiresAt.toISOString()}):`);
      out(linkUrl((await storedSiteOf(config, store)).url, 'setup', token));
      return 0;
    } finally {
      await store.close();
    }
  }
  if (action === 'reset') {
    const { values } = parseCommand(rest, { email: { type: 'string' } });
    const email = requireString(values.email, '--email');
    return withStore(async (store) => {
      const { user, token, expiresAt } = await orCommandError(() => issueResetLink(store, email, CLI_ACTOR, new Date()));
      out(`Password reset for ${user.email}: open this link (once, before ${expiresAt.toISOString()}):`);
      out(linkUrl((await storedSiteOf(loadConfig(), store)).url, 'reset', token));
      return 0;
    });
  }
  if (action === 'list') {
    parseCommand(rest, {});
    return withStore(async (store) => {
      const users = await listUsers(store.db);
      if (users.length === 0) out('no accounts yet: add the first owner with "convey users add --role owner --email …"');
      for (const u of users) out(`${u.id}\t${u.email}\t${u.role}\t${u.hasPassword ? 'password set' : 'waiting for its setup link'}`);
      return 0;
    });
  }
  throw new UsageError('use "users add --email E --role owner|editor|moderator", "users reset --email E" or "users list"');
}
