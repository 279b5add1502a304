import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { OWNER_ROLE, quoteIdentifier, runtimeRole } from '../database/database-roles';
import { SERVICES } from '../kafka/topics';

const run = promisify(execFile);

/** Where PostgreSQL and Kafka are, and how they were found. */
export interface Infrastructure {
  /** The services' runtime connection; `{service}` in it stands for the service's name (its role, oa_<service>). */
  readonly databaseUrl: string;
  /** The owner's connection (DATABASE_OWNER_URL, or the local database's owner): with it a service migrates before it works; without it it never does. */
  readonly databaseOwnerUrl?: string;
  readonly kafkaBrokers: readonly string[];
  readonly source: 'environment' | 'containers' | 'local';
}

/** The folder holding package.json: the repository, or the install whose dist/ runs (from source and compiled alike). */
export const REPOSITORY_ROOT = installRoot(__dirname);

function installRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`[environment] 找不到 package.json (no package.json above ${start})`);
  }
}
export const LOCAL_DATABASE_SERVER = 'postgres://postgres@127.0.0.1:5432';
export const LOCAL_KAFKA = '127.0.0.1:9092';

/** How each kind of infrastructure is reached; injectable so the choice itself is testable. */
export interface Provisioners {
  dockerEngineAnswers(): Promise<boolean>;
  startContainers(databaseName: string): Promise<{ databaseUrl: string; kafkaBrokers: string[] }>;
  localServiceDatabase(databaseName: string): Promise<ServiceDatabase>;
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
  const configured: Partial<ServiceDatabase> = databaseUrl ? { databaseUrl, ...(env['DATABASE_OWNER_URL'] && { databaseOwnerUrl: env['DATABASE_OWNER_URL'] }) } : {};
  const brokers = env['KAFKA_BROKERS'];
  if (databaseUrl && brokers) return { databaseUrl, ...configured, kafkaBrokers: splitBrokers(brokers), source: 'environment' };
  if (await provisioners.dockerEngineAnswers()) {
    const started = await provisioners.startContainers(databaseName);
    return {
      ...(databaseUrl ? { databaseUrl, ...configured } : { databaseUrl: started.databaseUrl, databaseOwnerUrl: started.databaseUrl }),
      kafkaBrokers: brokers ? splitBrokers(brokers) : started.kafkaBrokers,
      source: 'containers',
    };
  }
  return {
    ...(databaseUrl ? { databaseUrl, ...configured } : await provisioners.localServiceDatabase(databaseName)),
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

/** Where services work and who migrates: the runtime URL (with `{service}`) and the owner's. */
export interface ServiceDatabase {
  readonly databaseUrl: string;
  readonly databaseOwnerUrl: string;
}

/**
 * Makes sure the local server runs, the owner and runtime roles exist and the named database
 * exists, owned by the owner role; returns the superuser's URL of it (the tools' and the tests'
 * own hand, never a service's).
 */
export async function ensureLocalDatabase(databaseName: string): Promise<string> {
  await ensureLocalPostgres();
  const admin = new Client({ connectionString: `${LOCAL_DATABASE_SERVER}/postgres` });
  await admin.connect();
  try {
    for (const role of [OWNER_ROLE, ...SERVICES.map(runtimeRole)]) {
      // local trust authentication: no password (a server installed by docs/deployment.md gives each one);
      // the owner may create databases: `oa restore` restores into a new one beside
      await ignoringDuplicates(admin.query(`CREATE ROLE ${role} LOGIN${role === OWNER_ROLE ? ' CREATEDB' : ''}`), role);
    }
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (!rowCount) await ignoringDuplicates(admin.query(`CREATE DATABASE ${quoteIdentifier(databaseName)} OWNER ${OWNER_ROLE}`), databaseName);
  } finally {
    await admin.end();
  }
  return `${LOCAL_DATABASE_SERVER}/${databaseName}`;
}

/** The local database as the services use it: each as its runtime role, the owner migrating. */
export async function localServiceDatabase(databaseName: string): Promise<ServiceDatabase> {
  await ensureLocalDatabase(databaseName);
  const server = new URL(LOCAL_DATABASE_SERVER);
  return {
    // one URL for all six: serviceDatabaseUrl puts each service's name in for `{service}`
    databaseUrl: `postgres://${runtimeRole('{service}')}@${server.host}/${databaseName}`,
    databaseOwnerUrl: `postgres://${OWNER_ROLE}@${server.host}/${databaseName}`,
  };
}

/** The variables that start services on a local database as they run in production: each as its runtime role, the owner migrating first. */
export async function localServiceEnvironment(databaseName: string): Promise<{ DATABASE_URL: string; DATABASE_OWNER_URL: string }> {
  const { databaseUrl, databaseOwnerUrl } = await localServiceDatabase(databaseName);
  return { DATABASE_URL: databaseUrl, DATABASE_OWNER_URL: databaseOwnerUrl };
}

/** Another process (a parallel test file, a second `npm start`) may create the same role or database at the same moment. */
async function ignoringDuplicates(statement: Promise<unknown>, name: string): Promise<void> {
  try {
    await statement;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '42710' && code !== '42P04' && code !== '23505') throw new Error(`[environment] 无法创建 ${name}: ${(error as Error).message}`);
  }
}

/** Downloads (once, from Maven Central) and starts the local Kafka broker in KRaft mode. */
export async function ensureLocalKafka(): Promise<string[]> {
  await run('bash', [join(REPOSITORY_ROOT, 'tools', 'kafka', 'kafka.sh'), 'ensure'], { maxBuffer: 16 * 1024 * 1024 });
  return [LOCAL_KAFKA];
}

const defaultProvisioners: Provisioners = { dockerEngineAnswers, startContainers, localServiceDatabase, ensureLocalKafka };

export async function dropLocalDatabase(databaseName: string): Promise<void> {
  const admin = new Client({ connectionString: `${LOCAL_DATABASE_SERVER}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName.replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
