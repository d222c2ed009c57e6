import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the real Redis that holds every connection until opened: while shut,
 * the service's store calls wait, so its catch-up at start cannot finish.
 */
export class RedisGate {
  private server?: Server;
  private open = false;
  private readonly held: (() => void)[] = [];
  private readonly sockets = new Set<Socket>();

  constructor(private readonly target: URL) {}

  async listen(): Promise<string> {
    this.server = createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.pause();
      const connect = () => {
        const upstream = createConnection({ host: this.target.hostname, port: Number(this.target.port) });
        this.sockets.add(upstream);
        upstream.on('close', () => this.sockets.delete(upstream));
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      };
      if (this.open) connect();
      else this.held.push(connect);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    return `redis://127.0.0.1:${address.port}`;
  }

  release(): void {
    this.open = true;
    this.held.splice(0).forEach((connect) => connect());
  }

  async close(): Promise<void> {
    this.sockets.forEach((s) => s.destroy());
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
