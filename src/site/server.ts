// Starting the HTTP server around the app, and stopping it cleanly.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { SiteDeps } from '../http/deps.js';

export interface RunningSite {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startSite(deps: SiteDeps, options: { host: string; port: number }): Promise<RunningSite> {
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, (info: AddressInfo) => {
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${options.port} on ${options.host} is in use: set PORT to another port`) : error);
    });
  });
}
