import type { Pool } from 'pg';
import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import { consumerMigration } from '../consumer/consumer.migration';
import { eventStoreMigration, streamHeadCheckMigration } from '../event-store/event-store.migration';
import { directoryRecordsMigration } from '../directory/directory-records.migration';
import { grantRuntimeAccess, quoteIdentifier, roleOf } from './database-roles';

export interface ServiceDataSourceOptions {
  /** The connection the data source works through. */
  readonly url: string;
  /** The service's own PostgreSQL schema: its events, checkpoints and read models. */
  readonly schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: ReadonlyArray<Function | EntitySchema>;
  /** The service's read-model migrations; the event store's (with its stream head check), the consumer's and the directory records' come first, always. */
  readonly migrations?: ReadonlyArray<new () => MigrationInterface>;
  /** Connections in the pool; DEFAULT_DATABASE_POOL_SIZE when not given. */
  readonly poolSize?: number;
  /**
   * Who migrates: `self` (the tools, as the owner), `{ ownerUrl }` (the owner migrates and grants
   * `url`'s role its runtime access first), or `never` (a replica: the schema must already be
   * at this version).
   */
  readonly migrate?: 'self' | 'never' | { readonly ownerUrl: string };
}

/** A service's connections to PostgreSQL unless DATABASE_POOL_SIZE says otherwise. */
export const DEFAULT_DATABASE_POOL_SIZE = 10;

/** A schema behind the code's migrations: the owner has not run `oa migrate` for this version. */
export class SchemaNotMigratedError extends Error {}

/** A TypeORM data source on one service schema, migrated before use (no synchronize). */
export async function openServiceDataSource(options: ServiceDataSourceOptions): Promise<DataSource> {
  const migrate = options.migrate ?? 'self';
  if (typeof migrate === 'object') {
    const owner = serviceDataSource({ ...options, url: migrate.ownerUrl, poolSize: 1 });
    await migrateSchema(owner, options.schema);
    try {
      await grantRuntimeAccess(owner, options.schema, roleOf(options.url));
    } finally {
      await owner.destroy();
    }
  }
  const dataSource = serviceDataSource(options);
  if (migrate === 'self') {
    await migrateSchema(dataSource, options.schema);
    return dataSource;
  }
  await dataSource.initialize();
  // a replica never migrates: it refuses to work on a schema its code does not match
  const [{ migrations }] = (await dataSource.query(`SELECT to_regclass($1) AS migrations`, [`${quoteIdentifier(options.schema)}.migrations`])) as Array<{ migrations: string | null }>;
  if (migrations === null || (await dataSource.showMigrations())) {
    await dataSource.destroy();
    throw new SchemaNotMigratedError(`数据库结构 "${options.schema}" 未迁移到本版本 (DATABASE.NOT_MIGRATED)：先以所有者角色执行 oa migrate`);
  }
  return dataSource;
}

function serviceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: [...(options.entities ?? [])],
    migrations: [eventStoreMigration(options.schema), consumerMigration(options.schema), directoryRecordsMigration(options.schema), streamHeadCheckMigration(options.schema), ...(options.migrations ?? [])],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // JIT off: our statements are short, and where statistics are missing (a fresh or
    // rebuilding store; autovacuum off) inflated cost estimates made PostgreSQL compile them,
    // 0.5 s of JIT for a 30 ms lookup (issue 9, figure 5)
    extra: { max: options.poolSize ?? DEFAULT_DATABASE_POOL_SIZE, connectionTimeoutMillis: 5000, statement_timeout: 30000, options: '-c jit=off' },
  });
}

/** Initializes the data source and brings its schema to the code's version. */
async function migrateSchema(dataSource: DataSource, schema: string): Promise<void> {
  await dataSource.initialize();
  // The migrations table lives in the schema, so the schema must exist before migrating.
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
  await dataSource.runMigrations();
}

/** The node-postgres pool under a TypeORM data source (TypeORM's driver calls it `master`). */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}
