import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * The database's address as the services know it: a loopback port that forwards every
 * connection to the server that is primary now. A failover moves it to the promoted standby,
 * as an office's virtual IP, DNS name or Patroni-managed proxy would, and cuts the connections
 * to the old one.
 */
export class SwitchableAddress {
  private readonly server: Server;
  private readonly open = new Set<Socket>();

  constructor(private target: number) {
    this.server = createServer((client) => {
      const upstream = createConnection({ host: '127.0.0.1', port: this.target });
      for (const socket of [client, upstream]) {
        this.open.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          this.open.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  /** New connections go to `target`; the ones open now are cut. */
  moveTo(target: number): void {
    this.target = target;
    for (const socket of this.open) socket.destroy();
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
