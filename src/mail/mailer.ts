// Sending one mail: over SMTP with nodemailer when CONVEY_SMTP_URL is set, else printed (recipient, subject and
// the links it carries) by the process that runs the mail jobs, so that a site without a mail server still
// works by hand. A refusal the server means for good (a 5xx answer to the recipient) is final; anything else
// (connection refused, time-out, 4xx) is retried later by the job.
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { RetryLaterError } from '../jobs/errors.js';
import { validateRecipient } from './recipient.js';
import type { MailConfig } from './mail-config.js';
import type { OutgoingMail } from './templates.js';

export interface Mailer {
  /** True when mail really goes out (an SMTP server is configured). */
  readonly sends: boolean;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A recipient the server refused for good: retrying would not help. */
export class MailRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailRefusedError';
  }
}

const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

export class SmtpMailer implements Mailer {
  readonly sends = true;
  private readonly transport: Transporter;

  constructor(private readonly config: MailConfig & { smtpUrl: string }) {
    this.transport = nodemailer.createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const to = validateRecipient(mail.to);
    if (!to.ok) throw new MailRefusedError(`not sent: the recipient is ${to.reason}`);
    try {
      await this.transport.sendMail({
        from: this.config.from,
        // An object, not a string: nodemailer then takes it as one address and parses nothing out of it.
        to: { name: '', address: to.address },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    } catch (error) {
      throw classifySmtpError(error);
    }
  }

  close(): void {
    this.transport.close();
  }
}

/** What the job does with a failed send: a permanent refusal of the recipient, or try again later. */
export function classifySmtpError(error: unknown): Error {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const detail = `${e.code ? `${e.code} ` : ''}${e.message ?? String(error)}`.replace(/\s+/g, ' ').slice(0, 300);
  if (e.code === 'EENVELOPE' && typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600) {
    return new MailRefusedError(`the mail server refused the recipient: ${detail}`);
  }
  return new RetryLaterError(`mail not sent: ${detail}`);
}

/** No SMTP server: prints who would get which mail and its links, so an operator can pass them on. */
export class PrintingMailer implements Mailer {
  readonly sends = false;

  constructor(private readonly print: (line: string) => void = (line) => void process.stdout.write(`${line}\n`)) {}

  async send(mail: OutgoingMail): Promise<void> {
    const links = Object.entries(mail.links).map(([name, url]) => `${name}: ${url}`).join('  ');
    this.print(`mail not sent (CONVEY_SMTP_URL is not set): to ${mail.to}, "${mail.subject}"  ${links}`);
  }

  close(): void {}
}

export function createMailer(config: MailConfig, print?: (line: string) => void): Mailer {
  return config.smtpUrl ? new SmtpMailer({ ...config, smtpUrl: config.smtpUrl }) : new PrintingMailer(print);
}
