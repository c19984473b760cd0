// Test helper: a real SMTP server on loopback (smtp-server) that keeps every message it accepts, raw, and a
// reader of the few parts of a message the tests look at (headers, the text part, the links).
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpSink {
  port: number;
  /** `smtp://user:pass@127.0.0.1:port` */
  url: string;
  received: ReceivedMail[];
  /** Resolves with the next message (or the n-th, counting from 1). */
  waitForMail(count?: number, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export const SINK_USER = 'convey';
export const SINK_PASSWORD = 'sink-password';

/** Starts the server on `port` (0: any free port). Only the sink's own user and password are accepted. */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    // Loopback and plain text: the test has no certificate, so the server offers no STARTTLS.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SINK_USER && auth.password === SINK_PASSWORD) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    port: bound,
    url: `smtp://${SINK_USER}:${SINK_PASSWORD}@127.0.0.1:${bound}`,
    received,
    async waitForMail(count = received.length + 1, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`no mail number ${count} within ${timeoutMs} ms (got ${received.length})`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return received[count - 1];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The message's header block, unfolded (one header a line). */
export function headerBlock(raw: string): string {
  const end = raw.indexOf('\r\n\r\n');
  return (end === -1 ? raw : raw.slice(0, end)).replace(/\r\n[ \t]+/g, ' ');
}

export function header(raw: string, name: string): string | null {
  const line = headerBlock(raw).split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The decoded body of the part with this content type (`text/plain`, `text/html`). */
export function bodyPart(raw: string, type: 'text/plain' | 'text/html'): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headerBlock(raw))?.[1];
  const parts = boundary ? raw.split(`\r\n--${boundary}`).map((p) => p.replace(/^\r\n/, '')) : [raw];
  for (const part of parts) {
    const end = part.indexOf('\r\n\r\n');
    if (end === -1) continue;
    const headers = part.slice(0, end).replace(/\r\n[ \t]+/g, ' ').toLowerCase();
    if (!headers.includes(`content-type: ${type}`)) continue;
    let body = part.slice(end + 4);
    if (headers.includes('content-transfer-encoding: quoted-printable')) body = decodeQuotedPrintable(body);
    else if (headers.includes('content-transfer-encoding: base64')) body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    return body.replace(/\r\n/g, '\n');
  }
  throw new Error(`the message has no ${type} part`);
}

/** The first URL in the text part that starts with `prefix`. */
export function linkIn(raw: string, prefix: string): string {
  const text = bodyPart(raw, 'text/plain');
  const start = text.indexOf(prefix);
  if (start === -1) throw new Error(`no link starting with ${prefix} in:\n${text}`);
  return /^\S+/.exec(text.slice(start))![0];
}
