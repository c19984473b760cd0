// Whether a TCP port can be listened on, asked before a command changes anything it would have to undo.
import { createServer } from 'node:net';

/** Resolves when `host:port` is free (by listening on it for a moment); rejects with the listen error otherwise. */
export function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
