// A small HTTP server on 127.0.0.1 for tests: routes map a path to a response.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  status?: number;
  type?: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

export interface LoopbackServer {
  origin: string;
  port: number;
  routes: Map<string, Route | ((req: IncomingMessage) => Route)>;
  requests: string[];
  close(): Promise<void>;
}

export async function startLoopbackServer(routes: Record<string, Route | ((req: IncomingMessage) => Route)> = {}): Promise<LoopbackServer> {
  const table = new Map(Object.entries(routes));
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.push(path);
    const entry = table.get(path);
    const route = typeof entry === 'function' ? entry(req) : entry;
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(route.status ?? 200, { 'content-type': route.type ?? 'text/html; charset=utf-8', ...(route.headers ?? {}) });
    res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    routes: table,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
