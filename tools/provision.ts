/**
 * 准备本地环境 (provision): PostgreSQL running with the `office` database and its roles, the
 * Kafka broker started, every service schema migrated by the owner role and granted to the
 * service's runtime role. Prints the resolved connections as shell assignments.
 */
import 'reflect-metadata';
import { openServiceDataSource, resolveInfrastructure, serviceDatabaseUrl, SERVICES } from '@oa/platform';

async function main(): Promise<void> {
  const infrastructure = await resolveInfrastructure(process.env['OA_DATABASE_NAME'] ?? 'office');
  const ownerUrl = infrastructure.databaseOwnerUrl;
  for (const schema of SERVICES) {
    const url = serviceDatabaseUrl(infrastructure.databaseUrl, schema);
    const dataSource = await openServiceDataSource({ url, schema, migrate: ownerUrl ? { ownerUrl } : 'self' });
    await dataSource.destroy();
  }
  console.log(`DATABASE_URL=${infrastructure.databaseUrl}`);
  if (ownerUrl) console.log(`DATABASE_OWNER_URL=${ownerUrl}`);
  console.log(`KAFKA_BROKERS=${infrastructure.kafkaBrokers.join(',')}`);
}

main().catch((error: unknown) => {
  console.error(`[provision] 环境准备失败 (provisioning failed): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
