import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Pool } from 'pg';
import { dropLocalDatabase, ensureLocalDatabase, localServiceEnvironment, mintToken, type TokenClaims } from '@oa/platform';
import { apiClient, testRun, type ApiReply } from '@oa/testing';
import { SERVICES, eventually, type Service } from './stack';

const root = join(__dirname, '..', '..', '..');

/** A port nobody listens on now, for a server started next. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A service's process: the service itself, or a further replica of it (`audit#2`). */
export type Replica = Service | `${Service}#${number}`;

const serviceOf = (replica: Replica) => replica.split('#')[0] as Service;

/**
 * The five services as operating-system processes (`node -r @swc-node/register
 * apps/<x>/src/main.ts`, as an operator runs them), each on a fixed port so a restarted
 * service is found where it was, so a scenario can SIGKILL one and start it again. A further
 * replica of a service (`audit#2`) runs beside it with the same database and consumer groups.
 */
export class ProcessStack {
  private readonly children = new Map<Replica, ChildProcess>();
  private readonly ports = new Map<Replica, number>();
  private readonly output = new Map<Replica, string>();
  /** Processes this stack kills or stops itself: any other exit is a crash. */
  private readonly ending = new Set<ChildProcess>();
  private crashed: ((error: Error) => void) | undefined;
  /** Rejects with the process's last output when a service exits without being killed or stopped (see unlessCrashed). */
  readonly crash = new Promise<never>((_, reject) => (this.crashed = reject));
  private pool!: Pool;
  private databaseName!: string;
  databaseUrl!: string;
  /** The services' connection: each as its runtime role, the owner migrating. */
  private serviceDatabase!: { DATABASE_URL: string; DATABASE_OWNER_URL: string };
  readonly topicPrefix: string;
  private readonly clients: Record<Service, ReturnType<typeof apiClient>>;

  constructor(
    private readonly name: string,
    private readonly overrides: NodeJS.ProcessEnv,
  ) {
    this.topicPrefix = `${testRun().topicPrefix}${name}.`;
    // a scenario that never races against it must not fail on an unhandled rejection
    this.crash.catch(() => undefined);
    this.clients = Object.fromEntries(SERVICES.map((service) => [service, apiClient(() => `http://127.0.0.1:${this.ports.get(service)}`)])) as Record<Service, ReturnType<typeof apiClient>>;
  }

  /** `wait`, unless a service crashes first: the scenario then fails at once, with the service's output, instead of stalling until its timeout. */
  unlessCrashed<T>(wait: Promise<T>): Promise<T> {
    return Promise.race([wait, this.crash]);
  }

  async start(): Promise<this> {
    this.databaseName = `${testRun().databaseName}_${this.name}`;
    this.databaseUrl = await ensureLocalDatabase(this.databaseName);
    this.serviceDatabase = await localServiceEnvironment(this.databaseName);
    this.pool = new Pool({ connectionString: this.databaseUrl, max: 2 });
    for (const service of SERVICES) await this.startService(service);
    return this;
  }

  /** Starts (or restarts) one service or replica and waits until it answers its liveness probe. */
  async startService(replica: Replica): Promise<void> {
    if (!this.ports.has(replica)) this.ports.set(replica, await freePort());
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${serviceOf(replica)}/src/main.ts`], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(this.ports.get(replica)),
        // its connections are told apart in pg_stat_activity
        PGAPPNAME: `oa-${replica}`,
        ...this.serviceDatabase,
        KAFKA_TOPIC_PREFIX: this.topicPrefix,
        SCHEDULE_INTERVAL_SECONDS: '0',
        RATE_LIMIT_PER_MINUTE: '100000000',
        LOG_LEVEL: 'error',
        // FILE-4 the archives copy the components from the sources on their fixed ports
        ARCHIVES_SOURCE_URLS: `documents=http://127.0.0.1:${this.ports.get('documents')},meetings=http://127.0.0.1:${this.ports.get('meetings')}`,
        // the audit relays the console's file downloads to the services on their fixed ports
        AUDIT_STORE_SERVICE_URLS: (['documents', 'meetings', 'archives', 'seals', 'directory', 'affairs'] as const).map((name) => `${name}=http://127.0.0.1:${this.ports.get(name)}`).join(','),
        ...this.overrides,
      },
    });
    this.output.set(replica, '');
    const keep = (chunk: Buffer) => this.output.set(replica, `${this.output.get(replica)}${chunk.toString()}`.slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', (code, signal) => {
      if (!this.ending.has(child)) this.crashed?.(new Error(`${replica} 意外退出 (exited unexpectedly): ${code ?? signal}\n${this.output.get(replica)}`));
    });
    this.children.set(replica, child);
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`${replica} exited ${child.exitCode}:\n${this.output.get(replica)}`);
      const reply = await fetch(`http://127.0.0.1:${this.ports.get(replica)}/health/live`).catch(() => undefined);
      return reply?.status === 200 ? true : undefined;
    }, `${replica} to start`);
  }

  /** Resident memory of a service's process in kB (Linux /proc). */
  residentKilobytes(replica: Replica): number {
    const status = readFileSync(`/proc/${this.children.get(replica)!.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }

  /** SIGKILL: no shutdown hook runs, the relay and the consumers stop wherever they are. */
  async kill(replica: Replica): Promise<void> {
    const child = this.children.get(replica)!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    this.ending.add(child);
    child.kill('SIGKILL');
    await exited;
  }

  call = (service: Service, method: string, path: string, token: string, body?: unknown): Promise<ApiReply> => this.clients[service](method, path, token, body);

  query = async <T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]> => (await this.pool.query(sql, parameters)).rows as T[];

  token = (sub: string, name: string, roles: TokenClaims['roles']): Promise<string> =>
    mintToken({ sub, name, roles, orgUnit: '办公室', clearance: 'internal' }, { secret: (this.overrides['JWT_SECRET'] ?? process.env['JWT_SECRET'])!, lifetimeSeconds: 86400 });

  async stop(): Promise<void> {
    for (const [, child] of this.children) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        this.ending.add(child);
        child.kill('SIGTERM');
        await exited;
      }
    }
    await this.pool?.end();
    if (!process.env['OA_KEEP_TEST_DATA']) await dropLocalDatabase(this.databaseName);
  }
}
