/**
 * 准备本地环境 (provision): PostgreSQL running with the `office` database, the Kafka broker
 * started, every service schema migrated. Prints the resolved URLs as shell assignments.
 */
import 'reflect-metadata';
import { openServiceDataSource, resolveInfrastructure, SERVICES } from '@oa/platform';

async function main(): Promise<void> {
  const infrastructure = await resolveInfrastructure(process.env['OA_DATABASE_NAME'] ?? 'office');
  for (const schema of SERVICES) {
    const dataSource = await openServiceDataSource({ url: infrastructure.databaseUrl, schema });
    await dataSource.destroy();
  }
  console.log(`DATABASE_URL=${infrastructure.databaseUrl}`);
  console.log(`KAFKA_BROKERS=${infrastructure.kafkaBrokers.join(',')}`);
}

main().catch((error: unknown) => {
  console.error(`[provision] 环境准备失败 (provisioning failed): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
