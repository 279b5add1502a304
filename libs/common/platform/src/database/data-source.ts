import type { Pool } from 'pg';
import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import { consumerMigration } from '../consumer/consumer.migration';
import { eventStoreMigration } from '../event-store/event-store.migration';
import { directoryRecordsMigration } from '../directory/directory-records.migration';

export interface ServiceDataSourceOptions {
  readonly url: string;
  /** The service's own PostgreSQL schema: its events, checkpoints and read models. */
  readonly schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: ReadonlyArray<Function | EntitySchema>;
  /** The service's read-model migrations; the event store's, the consumer's and the directory records' come first, always. */
  readonly migrations?: ReadonlyArray<new () => MigrationInterface>;
  /** Connections in the pool; DEFAULT_DATABASE_POOL_SIZE when not given. */
  readonly poolSize?: number;
}

/** A service's connections to PostgreSQL unless DATABASE_POOL_SIZE says otherwise. */
export const DEFAULT_DATABASE_POOL_SIZE = 10;

/** A TypeORM data source on one service schema, migrated before use (no synchronize). */
export async function openServiceDataSource(options: ServiceDataSourceOptions): Promise<DataSource> {
  const bootstrap = new DataSource({ type: 'postgres', url: options.url });
  await bootstrap.initialize();
  try {
    // The migrations table lives in the schema, so the schema must exist before migrating.
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
  } finally {
    await bootstrap.destroy();
  }
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: [...(options.entities ?? [])],
    migrations: [eventStoreMigration(options.schema), consumerMigration(options.schema), directoryRecordsMigration(options.schema), ...(options.migrations ?? [])],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // JIT off: our statements are short, and where statistics are missing (a fresh or
    // rebuilding store; autovacuum off) inflated cost estimates made PostgreSQL compile them,
    // 0.5 s of JIT for a 30 ms lookup (issue 9, figure 5)
    extra: { max: options.poolSize ?? DEFAULT_DATABASE_POOL_SIZE, connectionTimeoutMillis: 5000, statement_timeout: 30000, options: '-c jit=off' },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}

/** The node-postgres pool under a TypeORM data source (TypeORM's driver calls it `master`). */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}
