// A TCP proxy on loopback that a test can cut, to try what a process does when the network to its database fails.
import { connect, createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback in front of PostgreSQL that the test can cut: every connection dropped and new ones
 * refused (closed at once) or blackholed (accepted, never answered); or every connection frozen (kept open,
 * nothing passes, as when a network goes silent) with new ones blackholed. `restore` lets new connections
 * through again; frozen ones stay silent for good, as a connection lost without a word does.
 */
export class CuttableProxy {
  private mode: 'through' | 'refuse' | 'blackhole' = 'through';
  private readonly sockets = new Set<Socket>();
  /** Connections accepted while blackholed: dropped when traffic is let through again. */
  private readonly held = new Set<Socket>();
  /** Connections under way, each with the function that silences it. */
  private readonly live = new Map<Socket, () => void>();
  private server!: TcpServer;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = createTcpServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.held.delete(socket);
      this.live.delete(socket);
    });
    socket.on('error', () => socket.destroy());
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.mode === 'refuse') return void client.destroy();
    if (this.mode === 'blackhole') return void this.held.add(client); // open, and silent
    const upstream = connect(this.target.port, this.target.host);
    this.track(upstream);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
    this.live.set(client, () => {
      client.unpipe(upstream);
      upstream.unpipe(client);
      // Whatever arrives from now on is swallowed.
      client.on('data', () => undefined);
      upstream.on('data', () => undefined);
    });
  }

  /** Drops every connection; new ones are refused or blackholed. */
  cut(mode: 'refuse' | 'blackhole'): void {
    this.mode = mode;
    for (const socket of this.sockets) socket.destroy();
  }

  /** Every connection under way goes silent, and stays so; new ones are blackholed. */
  freeze(): void {
    this.mode = 'blackhole';
    for (const silence of this.live.values()) silence();
    this.live.clear();
  }

  /** Lets new connections through again; the blackholed ones are dropped, the frozen ones stay silent. */
  restore(): void {
    this.mode = 'through';
    for (const socket of this.held) socket.destroy();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
