import type { DataSource } from 'typeorm';
import type { EventMetadata } from '@oa/core';
import { testRun } from '@oa/testing';
import { EMPTY_STREAM, EventStore } from '../event-store/event-store';
import { dropLocalDatabase, localServiceEnvironment } from '../environment/resolve-environment';
import { SchemaNotMigratedError, openServiceDataSource } from './data-source';
import { OWNER_ROLE, runtimeRole, serviceDatabaseUrl } from './database-roles';

const metadata: EventMetadata = { actor: { id: 'u-1', name: '李四', roles: ['sealKeeper'], orgUnit: '办公室' }, requestId: 'req-roles' };

/** The error code PostgreSQL answers a statement with, or 'ok'. */
async function attempt(dataSource: DataSource, sql: string): Promise<string> {
  try {
    await dataSource.query(sql);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('database roles: the owner migrates, a service works as its runtime role (real PostgreSQL)', () => {
  const databaseName = `${testRun().databaseName}_roles`;
  let runtime: DataSource;
  let store: EventStore;
  let database: { DATABASE_URL: string; DATABASE_OWNER_URL: string };

  beforeAll(async () => {
    database = await localServiceEnvironment(databaseName);
    runtime = await openServiceDataSource({ url: serviceDatabaseUrl(database.DATABASE_URL, 'seals'), schema: 'seals', migrate: { ownerUrl: database.DATABASE_OWNER_URL }, poolSize: 2 });
    store = new EventStore(runtime, 'seals');
    await store.append({ streamType: 'seal', streamId: 's-1', expected: EMPTY_STREAM, events: [{ type: 'SealRegistered', data: { name: '办公室印章' } }], metadata, recordedAt: '2026-12-04T08:00:00.000Z' });
  });
  afterAll(async () => {
    await runtime?.destroy();
    await dropLocalDatabase(databaseName);
  });

  it('connects as oa_seals, owning nothing, while the owner role owns the schema and its events', async () => {
    const [who] = (await runtime.query(`SELECT current_user AS role, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`)) as Array<{ role: string; superuser: boolean }>;
    expect(who).toEqual({ role: runtimeRole('seals'), superuser: false });
    const [owners] = (await runtime.query(`SELECT pg_get_userbyid(n.nspowner) AS schema, pg_get_userbyid(c.relowner) AS events FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'seals' AND c.relname = 'events'`)) as Array<{ schema: string; events: string }>;
    expect(owners).toEqual({ schema: OWNER_ROLE, events: OWNER_ROLE });
  });

  it('reads and appends events, and keeps its read models', async () => {
    expect((await store.readStream('s-1')).map((event) => event.type)).toEqual(['SealRegistered']);
    expect(await attempt(runtime, `UPDATE seals.relay_checkpoints SET position = position`)).toBe('ok');
    expect(await attempt(runtime, `DELETE FROM seals.idempotency_keys WHERE key = 'none'`)).toBe('ok');
  });

  it('cannot change, delete or truncate events, nor switch their triggers off or alter the schema (42501, insufficient privilege)', async () => {
    const refused = {
      update: await attempt(runtime, `UPDATE seals.events SET data = '{}'::jsonb`),
      delete: await attempt(runtime, `DELETE FROM seals.events`),
      truncate: await attempt(runtime, `TRUNCATE seals.events`),
      disableTriggers: await attempt(runtime, `ALTER TABLE seals.events DISABLE TRIGGER USER`),
      dropTrigger: await attempt(runtime, `DROP TRIGGER events_no_update_delete ON seals.events`),
      replicationRole: await attempt(runtime, `SET session_replication_role = replica`),
      createTable: await attempt(runtime, `CREATE TABLE seals.shadow (id int)`),
      dropTable: await attempt(runtime, `DROP TABLE seals.events`),
    };
    expect(refused).toEqual({
      update: '42501',
      delete: '42501',
      truncate: '42501',
      disableTriggers: '42501',
      dropTrigger: '42501',
      replicationRole: '42501',
      createTable: '42501',
      dropTable: '42501',
    });
    expect((await store.readStream('s-1')).length).toBe(1);
  });

  it('a replica without the owner never migrates: it starts on a migrated schema and refuses one behind its code', async () => {
    const replica = await openServiceDataSource({ url: serviceDatabaseUrl(database.DATABASE_URL, 'seals'), schema: 'seals', migrate: 'never', poolSize: 1 });
    await replica.destroy();
    const behind = openServiceDataSource({ url: serviceDatabaseUrl(database.DATABASE_URL, 'meetings'), schema: 'meetings', migrate: 'never', poolSize: 1 });
    await expect(behind).rejects.toBeInstanceOf(SchemaNotMigratedError);
    await expect(behind).rejects.toThrow('DATABASE.NOT_MIGRATED');
  });
});
