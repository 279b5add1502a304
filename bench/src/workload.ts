import { Client } from 'pg';
import type { DomainEvent, EventEnvelope, EventMetadata } from '@oa/core';
import { asInlineProjection, newId, type InlineProjection, type StatementProjection } from '@oa/platform';

/** The one event every append figure writes: the size of a seal usage application (用印申请). */
export function applicationSubmitted(applicationId: string): DomainEvent {
  return {
    type: 'SealUsageApplicationSubmitted',
    schemaVersion: 1,
    data: {
      applicationId,
      sealId: '5b0c6e9a-1d4b-4c8e-9f0a-2b4c6d8e0f1a',
      sealName: '某某县人民政府办公室',
      purpose: '报送年度工作总结',
      documentTitle: '关于2026年度工作情况的报告',
      copies: 3,
      impressions: 3,
      paperKind: 'prepared',
      applicantId: 'u-drafter',
      applicantName: '张三',
      submittedAt: new Date().toISOString(),
    },
  };
}

export const benchMetadata: EventMetadata = {
  actor: { id: 'u-drafter', name: '张三', roles: ['drafter'] },
  requestId: '00000000-0000-4000-8000-000000000000',
  correlationId: '00000000-0000-4000-8000-000000000001',
};

export const STREAM_TYPE = 'sealUsageApplication';

export const READ_MODEL_DDL = `CREATE TABLE IF NOT EXISTS "bench".applications (id text PRIMARY KEY, status text NOT NULL, version integer NOT NULL, updated_at timestamptz NOT NULL)`;

/**
 * The read model's upsert, given the placeholders of its values (id, version, updated_at): `$n`
 * parameters for ours, format placeholders for Emmett's projection, which sends literals.
 */
export const applicationUpsert = (id: string, version: string, updatedAt: string): string =>
  `INSERT INTO "bench".applications (id, status, version, updated_at) VALUES (${id}, 'submitted', ${version}, ${updatedAt})
   ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`;

/**
 * The read model of the append figures, one upsert per stream, as a statement projection: the
 * store sends it in the append's own statement (ADR 0010).
 */
export const applicationStatements: StatementProjection = (events: readonly EventEnvelope[]) =>
  [...new Map(events.map((event) => [event.streamId, event])).values()].map((event) => ({
    sql: applicationUpsert('$1', '$2', '$3'),
    parameters: [event.streamId, event.streamVersion, event.recordedAt],
  }));

/** The same read model as a code projection inside a transaction: what services with code projections pay. */
export const applicationProjection: InlineProjection = asInlineProjection(applicationStatements);

/** A new application's id as the seals service mints it (time-ordered, UUIDv7). */
export const newStreamId = (): string => newId(benchMetadata.actor.id, {}, 'ApplyForSealUsage');

/**
 * Runs an INSERT … SELECT over generate_series($1, $2) in chunks on a connection of its own
 * (the services' pools stop statements after 30 s): the fast way to a large table.
 * `parameters` follow as $3, $4…; returns the seconds it took.
 */
export async function bulkInsert(url: string, label: string, count: number, statement: string, parameters: unknown[], chunk = 500_000): Promise<number> {
  const started = performance.now();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET statement_timeout = 0');
    for (let from = 0; from < count; from += chunk) {
      const to = Math.min(count, from + chunk) - 1;
      await client.query(statement, [from, to, ...parameters]);
      if (count > chunk) console.log(`  ${label}: ${to + 1}/${count}`);
    }
    await client.query(`ANALYZE`);
  } finally {
    await client.end();
  }
  return (performance.now() - started) / 1000;
}

/**
 * Fills the events table, 10 events per stream recorded one second apart up to now. The rows
 * have the size and the keys of real ones; their chains are not checked by the readers that
 * use them (the relay, the growth figure's appends).
 */
export function bulkEvents(url: string, count: number): Promise<number> {
  return bulkInsert(
    url,
    'bulk events',
    count,
    `INSERT INTO "bench".events (event_id, stream_type, stream_id, stream_version, type, schema_version, data, data_digest, metadata, recorded_at, prev_hash, hash)
     SELECT gen_random_uuid(), '${STREAM_TYPE}', 'bulk-' || (g / 10), g % 10 + 1, 'SealUsageApplicationSubmitted', 1, $3::jsonb,
            'sha256:' || md5(g::text) || md5(g::text), $4::jsonb, now() - make_interval(secs => $5 - g), repeat('0', 64), encode(sha256(g::text::bytea), 'hex')
       FROM generate_series($1::bigint, $2::bigint) AS g`,
    [JSON.stringify(applicationSubmitted('bulk').data), JSON.stringify(benchMetadata), count],
  );
}
