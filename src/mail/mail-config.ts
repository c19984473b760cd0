// The mail settings: where mail goes out (CONVEY_SMTP_URL) and whom it is from (CONVEY_MAIL_FROM). Without an
// SMTP URL nothing is sent: the process that runs the mail jobs prints the links instead (see mailer.ts).
import { validateRecipient } from './recipient.js';

export interface MailConfig {
  /** `smtp://user:pass@host:port` or `smtps://…`; null: mail is printed, not sent. */
  smtpUrl: string | null;
  /** The From address: the operator's, never a commenter's. */
  from: string;
}

export class MailConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailConfigError';
  }
}

/** Reads and checks the two settings; `siteUrl` gives the default sender's domain. */
export function loadMailConfig(env: Record<string, string | undefined>, siteUrl: string): MailConfig {
  const rawUrl = env.CONVEY_SMTP_URL?.trim() || null;
  if (rawUrl !== null) {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new MailConfigError('CONVEY_SMTP_URL must be a URL such as smtp://user:pass@host:587 or smtps://user:pass@host:465');
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
      throw new MailConfigError(`CONVEY_SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}//"`);
    }
    if (!url.hostname) throw new MailConfigError('CONVEY_SMTP_URL names no host');
  }
  const host = new URL(siteUrl).hostname.replace(/^\[|\]$/g, '');
  const fallback = `convey@${/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host) ? host : 'localhost.localdomain'}`;
  const fromText = env.CONVEY_MAIL_FROM?.trim() || fallback;
  const from = validateRecipient(fromText);
  if (!from.ok) throw new MailConfigError(`CONVEY_MAIL_FROM must be one plain address such as news@example.org (${from.reason})`);
  return { smtpUrl: rawUrl, from: from.address };
}
