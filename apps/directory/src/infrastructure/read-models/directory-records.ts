import type { DataSource } from 'typeorm';
import { STORED_EVENT_COLUMNS, rowToEnvelope, type EventStore } from '@oa/platform';
import { personStreamType, unitStreamType, type DirectoryRecord } from '@oa/domain-directory';

/**
 * Reads of the directory's own events that `authorityAt` and `holdersOfPost` fold: only the
 * streams an answer depends on, in one statement each, upcast by the store's registry.
 */

async function recordsOf(dataSource: DataSource, store: EventStore, sql: string, parameters: unknown[]): Promise<DirectoryRecord[]> {
  const rows = (await dataSource.query(sql, parameters)) as Parameters<typeof rowToEnvelope>[0][];
  return rows.map((row) => store.upcasters.upcast(rowToEnvelope(row)));
}

const events = (store: EventStore) => `"${store.schema}".events`;

/**
 * What the actor's own authority needs (roles, posts, active): their person stream and the units
 * of the posts they were ever assigned (a post of an abolished post or dissolved unit is not held).
 */
export function actorRecords(dataSource: DataSource, store: EventStore, personId: string): Promise<DirectoryRecord[]> {
  const table = events(store);
  return recordsOf(
    dataSource,
    store,
    `SELECT ${STORED_EVENT_COLUMNS} FROM ${table}
      WHERE (stream_type = $2 AND stream_id = $1)
         OR (stream_type = $3 AND stream_id IN (SELECT data->>'unitId' FROM ${table} WHERE stream_id = $1 AND type = 'PostAssigned'))
      ORDER BY position`,
    [personId, personStreamType, unitStreamType],
  );
}

/**
 * Everything `authorityAt` folds for one person, delegations included: the person, whoever
 * delegated to them and whoever they delegated to (DIR-6: both must be active), and the units of
 * all their posts (a delegation ends with the duty).
 */
export function authorityRecords(dataSource: DataSource, store: EventStore, personId: string): Promise<DirectoryRecord[]> {
  const table = events(store);
  return recordsOf(
    dataSource,
    store,
    `WITH persons AS (
            SELECT $1::text AS id
      UNION SELECT stream_id FROM ${table} WHERE type = 'DutyDelegated' AND data->>'deputyId' = $1
      UNION SELECT data->>'deputyId' FROM ${table} WHERE stream_id = $1 AND type = 'DutyDelegated'
     ), units AS (
       SELECT DISTINCT data->>'unitId' AS id FROM ${table} WHERE type = 'PostAssigned' AND stream_id IN (SELECT id FROM persons)
     )
     SELECT ${STORED_EVENT_COLUMNS} FROM ${table}
      WHERE (stream_type = $2 AND stream_id IN (SELECT id FROM persons))
         OR (stream_type = $3 AND stream_id IN (SELECT id FROM units))
      ORDER BY position`,
    [personId, personStreamType, unitStreamType],
  );
}

/** What `holdersOfPost` folds for one post: the unit, and every person ever assigned to it. */
export function postRecords(dataSource: DataSource, store: EventStore, unitId: string, postId: string): Promise<DirectoryRecord[]> {
  const table = events(store);
  return recordsOf(
    dataSource,
    store,
    `SELECT ${STORED_EVENT_COLUMNS} FROM ${table}
      WHERE (stream_type = $3 AND stream_id = $1)
         OR (stream_type = $4 AND stream_id IN (SELECT stream_id FROM ${table} WHERE type = 'PostAssigned' AND data->>'unitId' = $1 AND data->>'postId' = $2))
      ORDER BY position`,
    [unitId, postId, unitStreamType, personStreamType],
  );
}

/** Whether the directory holds anything yet (the bootstrap, a unit or a person). */
export async function directoryIsEmpty(dataSource: DataSource, store: EventStore): Promise<boolean> {
  const rows = (await dataSource.query(`SELECT 1 FROM ${events(store)} WHERE stream_type IN ('directoryBootstrap', $1, $2) LIMIT 1`, [unitStreamType, personStreamType])) as unknown[];
  return rows.length === 0;
}
