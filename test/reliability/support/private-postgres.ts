import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, chownSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './process-stack';

const execute = promisify(execFile);

/**
 * A PostgreSQL server of the scenario's own (initdb into a temporary directory, its own
 * port), so a restart disturbs nobody else's tests: the shared server on 5432 is never
 * restarted. Needs the Debian PostgreSQL binaries, as the local provisioning does.
 */
export class PrivatePostgres {
  private readonly directory = mkdtempSync(join(tmpdir(), 'reliability-pg-'));
  private readonly bin: string;
  private port = 0;

  constructor() {
    const version = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort().at(-1) : undefined;
    if (!version) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql');
    this.bin = `/usr/lib/postgresql/${version}/bin`;
  }

  get serverUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  /** initdb refuses root: the server runs as the postgres user, as the packaged one does. */
  private pg(tool: string, ...args: string[]): Promise<unknown> {
    const command = [`${this.bin}/${tool}`, ...args];
    return process.getuid?.() === 0 ? execute('runuser', ['-u', 'postgres', '--', ...command]) : execute(command[0]!, command.slice(1));
  }

  private get data(): string {
    return join(this.directory, 'data');
  }

  private ctl(...args: string[]): Promise<unknown> {
    return this.pg('pg_ctl', '-D', this.data, '-l', join(this.directory, 'server.log'), '-w', '-t', '60', '-o', `-p ${this.port} -k ${this.directory} -c listen_addresses=127.0.0.1`, ...args);
  }

  async start(databaseName: string): Promise<string> {
    this.port = await freePort();
    if (process.getuid?.() === 0) chownSync(this.directory, Number((await execute('id', ['-u', 'postgres'])).stdout.trim()), Number((await execute('id', ['-g', 'postgres'])).stdout.trim()));
    await this.pg('initdb', '-D', this.data, '-A', 'trust', '-U', 'postgres', '--no-sync');
    await this.ctl('start');
    const admin = new Client({ connectionString: `${this.serverUrl}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${databaseName}"`);
    await admin.end();
    return `${this.serverUrl}/${databaseName}`;
  }

  /** An immediate stop (no checkpoint, every connection cut, like a crash) and a start. */
  async restart(): Promise<void> {
    await this.ctl('restart', '-m', 'immediate');
  }

  async stop(): Promise<void> {
    await this.ctl('stop', '-m', 'fast').catch(() => undefined);
    rmSync(this.directory, { recursive: true, force: true });
  }
}
