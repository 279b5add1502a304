import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, chownSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { eventually } from '@oa/testing';
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

  /** As root, the folder is handed to the postgres user the server runs as. */
  private async ownedByPostgres(): Promise<void> {
    if (process.getuid?.() !== 0) return;
    const id = async (flag: string) => Number((await execute('id', [flag, 'postgres'])).stdout.trim());
    chownSync(this.directory, await id('-u'), await id('-g'));
  }

  private get data(): string {
    return join(this.directory, 'data');
  }

  private ctl(...args: string[]): Promise<unknown> {
    return this.pg('pg_ctl', '-D', this.data, '-l', join(this.directory, 'server.log'), '-w', '-t', '60', '-o', `-p ${this.port} -k ${this.directory} -c listen_addresses=127.0.0.1`, ...args);
  }

  async start(databaseName: string): Promise<string> {
    this.port = await freePort();
    await this.ownedByPostgres();
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

  /**
   * A streaming standby of this server (pg_basebackup, its own folder and port), made
   * synchronous: from then on a commit returns, and becomes visible to other sessions, only
   * once the standby has flushed it.
   */
  async standby(): Promise<PrivatePostgres> {
    const standby = new PrivatePostgres();
    standby.port = await freePort();
    await standby.ownedByPostgres();
    await standby.pg('pg_basebackup', '-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-D', standby.data, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync');
    await standby.ctl('start');
    const admin = new Client({ connectionString: `${this.serverUrl}/postgres` });
    await admin.connect();
    try {
      await admin.query(`ALTER SYSTEM SET synchronous_standby_names = '*'`);
      await admin.query('SELECT pg_reload_conf()');
      await eventually(
        async () => ((await admin.query<{ sync_state: string }>(`SELECT sync_state FROM pg_stat_replication`)).rows.some((row) => row.sync_state === 'sync') ? true : undefined),
        'the standby to become synchronous',
        30_000,
      );
    } finally {
      await admin.end();
    }
    return standby;
  }

  /** The server dies as in a crash: an immediate stop, and it stays down. */
  async crash(): Promise<void> {
    await this.ctl('stop', '-m', 'immediate');
  }

  /** A standby becomes the primary (pg_ctl promote, waiting until it accepts writes). */
  async promote(): Promise<void> {
    await this.ctl('promote');
  }

  get listeningPort(): number {
    return this.port;
  }

  async stop(): Promise<void> {
    await this.ctl('stop', '-m', 'fast').catch(() => undefined);
    rmSync(this.directory, { recursive: true, force: true });
  }
}
