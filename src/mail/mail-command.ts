// `convey mail link <address>`: prints the signed link to an address's comments (export and erase), for an
// operator who handles a request that came another way, or runs without an SMTP server. Nothing is mailed.
import { loadConfig } from '../config/config.js';
import { openStore } from '../store/database.js';
import { countCommentsOfAddress } from '../store/mail.js';
import { parseCommand, UsageError, CommandError } from '../cli/args.js';
import { validateRecipient } from './recipient.js';
import { storedSiteOf } from '../cli/runtime.js';
import { DATA_LINK_LIFETIME_MS, MAIL_PATHS, dataToken } from './mail-links.js';

export async function mailCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { positionals } = parseCommand(rest, {});
  if (action !== 'link' || positionals.length !== 1) throw new UsageError('use "mail link <address>"');
  const address = validateRecipient(positionals[0].toLowerCase());
  if (!address.ok) throw new CommandError(`"${positionals[0]}" is not one email address (${address.reason})`);
  const config = loadConfig();
  // A link signed with a secret made up for this command would be refused by the site.
  if (!config.secretGiven) throw new CommandError('CONVEY_SECRET must be set to the site\'s secret: the link is signed with it');
  const store = await openStore(config.databaseUrl, { create: false, timeouts: config.storeTimeouts });
  try {
    const comments = await countCommentsOfAddress(store.db, address.address);
    const expiresAt = new Date(Date.now() + DATA_LINK_LIFETIME_MS);
    const siteUrl = (await storedSiteOf(config, store)).url;
    const url = new URL(MAIL_PATHS.data(dataToken(config.secret, address.address, expiresAt)), `${siteUrl}/`).toString();
    process.stdout.write(`${url}\n`);
    process.stderr.write(`${comments} comment${comments === 1 ? '' : 's'} stored with ${address.address}; the link works until ${expiresAt.toISOString()}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
