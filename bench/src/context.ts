import { cpus, loadavg, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { createKafka, dropLocalDatabase, ensureLocalDatabase, localServiceEnvironment, openServiceDataSource, poolOf } from '@oa/platform';
import type { Kafka } from 'kafkajs';
import type { DataSource, EntitySchema, MigrationInterface } from 'typeorm';

/** One row of the printed table and of the JSON: a measured figure, its reference and its goal. */
export interface ResultRow {
  readonly figure: string;
  readonly measurement: string;
  readonly value: number;
  readonly unit: string;
  /** What the value is compared with, measured in the same run (a baseline or a peer). */
  readonly reference?: { readonly name: string; readonly value: number };
  readonly ratio?: number;
  readonly goal?: string;
  readonly met?: boolean;
  readonly note?: string;
}

export interface BenchOptions {
  readonly repetitions: number;
  readonly concurrency: number[];
  readonly appendOps: number;
  readonly readStreamEvents: number;
  readonly readOps: number;
  readonly httpSeconds: number;
  readonly httpWarmupSeconds: number;
  readonly httpConnections: number;
  readonly relayBacklog: number;
  readonly relayRate: number;
  readonly relaySeconds: number;
  readonly auditEvents: number;
  readonly rebuildEvents: number;
  readonly replayEvents: number;
  readonly replayOps: number;
  readonly growthEvents: number;
  readonly growthQueries: number;
  /** The file the files figure uploads and downloads, MiB. */
  readonly fileMib: number;
  readonly figures: string[];
  readonly keep: boolean;
}

export const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432';

/**
 * PostgreSQL's max_connections is shared with everything else on the server: a pool gives
 * its connections back soon after the contender using it is done, so pools measured one
 * after another never hold 3 × 32 connections together.
 */
export const POOL_IDLE_MILLIS = 100;

/** What a figure needs: its own databases (dropped at the end), the broker, a topic prefix, the rows it reports. */
export class BenchContext {
  readonly rows: ResultRow[] = [];
  private readonly databases: string[] = [];
  readonly kafka: Kafka;

  constructor(
    readonly id: string,
    readonly options: BenchOptions,
    readonly kafkaBrokers: readonly string[],
  ) {
    this.kafka = createKafka([...kafkaBrokers], `bench-${id}`);
  }

  get topicPrefix(): string {
    return `bench-${this.id}.`;
  }

  /** A fresh database of this run, `bench_<run>_<name>`: the superuser's URL, and the variables that start services on it as in production (runtime roles, the owner migrating). */
  async database(name: string): Promise<{ name: string; url: string; services: { DATABASE_URL: string; DATABASE_OWNER_URL: string } }> {
    const databaseName = `bench_${this.id}_${name}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
    this.databases.push(databaseName);
    return { name: databaseName, url: await ensureLocalDatabase(databaseName), services: await localServiceEnvironment(databaseName) };
  }

  /** A migrated event-store schema in a fresh database, as a service opens it. */
  async store(name: string, poolSize: number, extra: { entities?: EntitySchema[]; migrations?: Array<new () => MigrationInterface> } = {}): Promise<DataSource> {
    const { url } = await this.database(name);
    const dataSource = await openServiceDataSource({ url, schema: 'bench', poolSize, ...extra });
    poolOf(dataSource).options.idleTimeoutMillis = POOL_IDLE_MILLIS;
    return dataSource;
  }

  report(row: ResultRow): void {
    this.rows.push(row);
    const ratio = row.ratio === undefined ? '' : ` (${(row.ratio * 100).toFixed(0)}% of ${row.reference?.name})`;
    console.log(`  [${row.figure}] ${row.measurement}: ${format(row.value)} ${row.unit}${ratio}${row.met === undefined ? '' : row.met ? ' ✓' : ' ✗'}`);
  }

  /** The run's topics go too: the shared broker keeps topics forever (retention.ms=-1). */
  async deleteTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(this.topicPrefix));
      if (topics.length > 0) await admin.deleteTopics({ topics });
    } catch (error) {
      console.warn(`删除主题失败 (topic deletion failed)`, error);
    } finally {
      await admin.disconnect();
    }
  }

  async dropDatabases(): Promise<void> {
    for (const name of this.databases) await dropLocalDatabase(name).catch((error: unknown) => console.warn(`删除数据库 ${name} 失败 (drop failed)`, error));
  }
}

export const urlOf = (dataSource: DataSource): string => (dataSource.options as { url: string }).url;

export function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/**
 * Lets one figure's aftermath pass before the next begins: the server writes out the pages the
 * last figure dirtied and recycles its WAL (else a checkpoint, timed or forced by max_wal_size,
 * may fall inside the next figure's measurement), the heap is collected when the runner exposes
 * it, and the OS writes out what is still dirty (the broker's logs: after figure 4's 600,000
 * messages, figure 6's p99 was 26–43 ms without this, 15–19 ms with it, 7–14 ms run alone).
 */
export async function settle(): Promise<void> {
  await onServer((client) => client.query('CHECKPOINT'));
  (globalThis as { gc?: () => void }).gc?.();
  execFileSync('sync');
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

/** Runs `work` on a connection of its own to the local server's `postgres` database. */
async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${LOCAL_SERVER}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The machine the figures were measured on: they mean little without it. */
export function describeMachine(kafka: Kafka): Promise<Record<string, unknown>> {
  return onServer(async (client) => {
    const setting = async (name: string) => (await client.query<{ value: string }>(`SELECT current_setting($1) AS value`, [name])).rows[0]?.value;
    const admin = kafka.admin();
    await admin.connect();
    const cluster = await admin.describeCluster().finally(() => admin.disconnect());
    return {
      cores: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      // the cores may be shared with other work: the load before the run says how much
      loadAverageAtStart: loadavg().map((load) => Math.round(load * 100) / 100),
      node: process.version,
      postgres: await setting('server_version'),
      synchronousCommit: await setting('synchronous_commit'),
      sharedBuffers: await setting('shared_buffers'),
      autovacuum: await setting('autovacuum'),
      kafka: kafkaVersion(),
      kafkaBrokers: cluster.brokers.length,
    };
  });
}

/** The broker's version from the jars tools/kafka/kafka.sh runs (KafkaJS does not ask the broker). */
function kafkaVersion(): string {
  try {
    const script = readFileSync(`${__dirname}/../../tools/kafka/kafka.sh`, 'utf8');
    return /KAFKA_VERSION="([0-9.]+)"/.exec(script)?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
