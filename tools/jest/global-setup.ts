import { generateKeyPairSync, randomBytes } from 'node:crypto';
import './register-paths';

/**
 * Provisions the real infrastructure once per Jest run: the local PostgreSQL (started if
 * stopped) or DATABASE_SERVER_URL, the local Kafka broker (downloaded and started if needed) or
 * KAFKA_BROKERS, then a database and a topic prefix of this run's own.
 */
export default async function globalSetup(): Promise<void> {
  const { ensureLocalDatabase, ensureLocalKafka, ensureLocalPostgres, localServiceDatabase, splitBrokers } = await import('@oa/platform');
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const databaseName = `oa_test_${runId}`;
  const started = Date.now();
  if (process.env['DATABASE_URL']) throw new Error('tests create their own database: set no DATABASE_URL for npm test');
  await ensureLocalPostgres();
  const databaseUrl = await ensureLocalDatabase(databaseName);
  const brokers = process.env['KAFKA_BROKERS'] ? splitBrokers(process.env['KAFKA_BROKERS']) : await ensureLocalKafka();
  process.env['OA_TEST_DATABASE'] = databaseName;
  process.env['OA_TEST_DATABASE_URL'] = databaseUrl;
  // every service a test starts works as its runtime role, migrated by the owner: the suite runs under least privilege
  const { databaseUrl: runtimeUrl, databaseOwnerUrl } = await localServiceDatabase(databaseName);
  process.env['DATABASE_URL'] = runtimeUrl;
  process.env['DATABASE_OWNER_URL'] = databaseOwnerUrl;
  process.env['KAFKA_BROKERS'] = brokers.join(',');
  process.env['KAFKA_TOPIC_PREFIX'] = `test-${runId}.`;
  // a signing key of this run's own, so tokens minted by tests are valid only here
  // one JSON line per request from every service a test starts would bury the test output
  process.env['LOG_LEVEL'] ??= 'warn';
  process.env['JWT_SECRET'] ??= randomBytes(32).toString('hex');
  process.env['DOCUMENT_CONTENT_KEY'] ??= randomBytes(32).toString('hex');
  process.env['MEETING_CONTENT_KEY'] ??= randomBytes(32).toString('hex');
  process.env['ARCHIVE_CONTENT_KEY'] ??= randomBytes(32).toString('hex');
  // the relays sign what they publish and the audit checks it (a forged message with a valid chain is AUD-10)
  process.env['EVENT_SIGNING_KEY'] ??= generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  process.env['AUDIT_SIGNING_KEY'] ??= generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  console.log(`\n[test] PostgreSQL 数据库 ${databaseName}，Kafka ${brokers.join(',')}，准备用时 ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
