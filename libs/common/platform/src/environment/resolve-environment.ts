import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** Where PostgreSQL and Kafka are, and how they were found. */
export interface Infrastructure {
  readonly databaseUrl: string;
  readonly kafkaBrokers: readonly string[];
  readonly source: 'environment' | 'containers' | 'local';
}

export const REPOSITORY_ROOT = join(__dirname, '..', '..', '..', '..', '..');
export const LOCAL_DATABASE_SERVER = 'postgres://postgres@127.0.0.1:5432';
export const LOCAL_KAFKA = '127.0.0.1:9092';

/** How each kind of infrastructure is reached; injectable so the choice itself is testable. */
export interface Provisioners {
  dockerEngineAnswers(): Promise<boolean>;
  startContainers(databaseName: string): Promise<{ databaseUrl: string; kafkaBrokers: string[] }>;
  ensureLocalDatabase(databaseName: string): Promise<string>;
  ensureLocalKafka(): Promise<string[]>;
}

/**
 * The one resolver used by the services, the tools and the tests (ARCHITECTURE.md,
 * Environments): DATABASE_URL / KAFKA_BROKERS when set; otherwise, where a Docker engine
 * answers, PostgreSQL and Kafka in testcontainers; otherwise local processes, started when
 * installed and stopped.
 */
export async function resolveInfrastructure(
  databaseName: string,
  env: NodeJS.ProcessEnv = process.env,
  provisioners: Provisioners = defaultProvisioners,
): Promise<Infrastructure> {
  const databaseUrl = env['DATABASE_URL'];
  const brokers = env['KAFKA_BROKERS'];
  if (databaseUrl && brokers) return { databaseUrl, kafkaBrokers: splitBrokers(brokers), source: 'environment' };
  if (await provisioners.dockerEngineAnswers()) {
    const started = await provisioners.startContainers(databaseName);
    return {
      databaseUrl: databaseUrl ?? started.databaseUrl,
      kafkaBrokers: brokers ? splitBrokers(brokers) : started.kafkaBrokers,
      source: 'containers',
    };
  }
  return {
    databaseUrl: databaseUrl ?? (await provisioners.ensureLocalDatabase(databaseName)),
    kafkaBrokers: brokers ? splitBrokers(brokers) : await provisioners.ensureLocalKafka(),
    source: 'local',
  };
}

async function dockerEngineAnswers(): Promise<boolean> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/** PostgreSQL 15 and a KRaft Kafka in containers; testcontainers' reaper removes them after the process. */
async function startContainers(databaseName: string): Promise<{ databaseUrl: string; kafkaBrokers: string[] }> {
  const [{ PostgreSqlContainer }, { KafkaContainer }] = await Promise.all([import('@testcontainers/postgresql'), import('@testcontainers/kafka')]);
  const [postgres, kafka] = await Promise.all([
    new PostgreSqlContainer('postgres:15').withDatabase(databaseName).start(),
    new KafkaContainer('confluentinc/cp-kafka:7.8.0').withKraft().start(),
  ]);
  return { databaseUrl: postgres.getConnectionUri(), kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`] };
}

export function splitBrokers(value: string): string[] {
  return value
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts the machine's PostgreSQL cluster when it is installed but stopped. */
export async function ensureLocalPostgres(): Promise<void> {
  const serverUrl = `${LOCAL_DATABASE_SERVER}/postgres`;
  if (await canConnect(serverUrl)) return;
  if (!existsSync('/etc/postgresql')) {
    throw new Error('[environment] 未配置 DATABASE_URL，且本机未安装 PostgreSQL (no DATABASE_URL and no local PostgreSQL)');
  }
  for (const version of readdirSync('/etc/postgresql')) {
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']).catch(() => undefined);
  }
  for (let attempt = 0; attempt < 60; attempt++) {
    if (await canConnect(serverUrl)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('[environment] 本机 PostgreSQL 未能启动 (local PostgreSQL did not start on 127.0.0.1:5432)');
}

/** Makes sure the local server runs and the named database exists; returns its URL. */
export async function ensureLocalDatabase(databaseName: string): Promise<string> {
  await ensureLocalPostgres();
  const admin = new Client({ connectionString: `${LOCAL_DATABASE_SERVER}/postgres` });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${databaseName.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return `${LOCAL_DATABASE_SERVER}/${databaseName}`;
}

/** Downloads (once, from Maven Central) and starts the local Kafka broker in KRaft mode. */
export async function ensureLocalKafka(): Promise<string[]> {
  await run('bash', [join(REPOSITORY_ROOT, 'tools', 'kafka', 'kafka.sh'), 'ensure'], { maxBuffer: 16 * 1024 * 1024 });
  return [LOCAL_KAFKA];
}

const defaultProvisioners: Provisioners = { dockerEngineAnswers, startContainers, ensureLocalDatabase, ensureLocalKafka };

export async function dropLocalDatabase(databaseName: string): Promise<void> {
  const admin = new Client({ connectionString: `${LOCAL_DATABASE_SERVER}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName.replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
