import { Client } from 'pg';
import { LOCAL_DATABASE_SERVER, LOCAL_KAFKA, OWNER_ROLE, ensureLocalKafka, localServiceDatabase, splitBrokers } from '@oa/platform';
import { CliFailure } from './conventions';

const databaseName = () => process.env['OA_DATABASE_NAME'] ?? 'office';
/** `--local` (or OA_LOCAL=1): the command may install, start and create what is missing on this machine. */
const mayProvision = () => process.env['OA_LOCAL'] === '1';

/** A URL as it may be printed: the password hidden. */
export function shownUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * The database a command works on, as the owner role (the tools migrate, rebuild and restore):
 * DATABASE_OWNER_URL, else DATABASE_URL; else the local one `npm start` runs, only if it is
 * there (nothing is started or created without --local). Said on stderr, so stdout stays the
 * command's answer.
 */
export async function databaseUrl(): Promise<string> {
  const variable = process.env['DATABASE_OWNER_URL'] ? 'DATABASE_OWNER_URL' : 'DATABASE_URL';
  const configured = process.env[variable] || undefined;
  const url = configured ?? (mayProvision() ? (await localServiceDatabase(databaseName())).databaseOwnerUrl : localOwnerUrl());
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const reason = (error as { code?: string }).code === '3D000' ? '数据库不存在' : `无法连接（${(error as Error).message}）`;
    const hint = configured ? `请检查 ${variable}` : '请先 npm start，或设置 DATABASE_URL，或加 --local 在本机安装并建库';
    throw new CliFailure('DATABASE.UNREACHABLE', `数据库 ${shownUrl(url)} ${reason}：${hint}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  console.error(`数据库 (database): ${shownUrl(url)}（${configured ? variable : '本机 (local)'}）`);
  return url;
}

/** The local database `npm start` made, as its owner role. */
function localOwnerUrl(): string {
  const url = new URL(`${LOCAL_DATABASE_SERVER}/${databaseName()}`);
  url.username = OWNER_ROLE;
  return url.toString();
}

/** The brokers a command works with: KAFKA_BROKERS; else the local one `npm start` runs (started only with --local). */
export async function kafkaBrokers(): Promise<string[]> {
  const configured = process.env['KAFKA_BROKERS'] || undefined;
  const brokers = configured ? splitBrokers(configured) : mayProvision() ? await ensureLocalKafka() : [LOCAL_KAFKA];
  console.error(`Kafka: ${brokers.join(',')}（${configured ? 'KAFKA_BROKERS' : '本机 (local)'}）`);
  return brokers;
}
