import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { sql } from '@event-driven-io/dumbo';
import { STREAM_DOES_NOT_EXIST, projections, type Event, type ReadEvent } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, postgreSQLRawSQLProjection, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { DEFAULT_DATABASE_POOL_SIZE, EMPTY_STREAM, EventStore, type StreamHead } from '@oa/platform';
import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import { POOL_IDLE_MILLIS, urlOf, type BenchContext } from '../context';
import { closedLoop, median, medianOf, now, latencies, type Throughput } from '../measure';
import { READ_MODEL_DDL, STREAM_TYPE, applicationProjection, applicationStatements, applicationSubmitted, applicationUpsert, benchMetadata, newStreamId } from '../workload';

/** An append as the store makes it: hash chain, insert and read-model upsert in one statement (ADR 0010). */
export async function appendOurs(dataSource: DataSource, store: EventStore, streamId: string, head: StreamHead): Promise<EventEnvelope> {
  const appended = await store.append(
    { streamType: STREAM_TYPE, streamId, expected: head, events: [applicationSubmitted(streamId)], metadata: benchMetadata, recordedAt: new Date().toISOString() },
    dataSource.manager,
    applicationStatements,
  );
  return appended[0]!;
}

/** The same append with the read model as a code projection, in a transaction: what a service with code projections pays. */
async function appendInTransaction(dataSource: DataSource, store: EventStore, streamId: string, head: StreamHead): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const appended = await store.append(
      { streamType: STREAM_TYPE, streamId, expected: head, events: [applicationSubmitted(streamId)], metadata: benchMetadata, recordedAt: new Date().toISOString() },
      manager,
    );
    await applicationProjection(manager, appended);
  });
}

const RAW_COLUMNS = 'event_id, stream_type, stream_id, stream_version, type, schema_version, data, data_digest, metadata, recorded_at, prev_hash, hash';
export const RAW_INSERT = `INSERT INTO "bench".raw_events (${RAW_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`;

/** An application's event row of the events table's size and keys, with no hashing or projection: the physical minimum. */
export function rawEventRow(streamId: string, data: object): unknown[] {
  const digest = 'sha256:'.padEnd(71, 'a');
  return [randomUUID(), STREAM_TYPE, streamId, 1, 'SealUsageApplicationSubmitted', 1, JSON.stringify(data), digest, JSON.stringify(benchMetadata), new Date().toISOString(), '0'.repeat(64), 'f'.repeat(64)];
}

function rawRow(): unknown[] {
  const streamId = newStreamId();
  return rawEventRow(streamId, applicationSubmitted(streamId).data);
}

/** The table of the baselines: the events table's columns and keys (position, event id, stream and version). */
export const RAW_DDL = `CREATE TABLE IF NOT EXISTS "bench".raw_events (
  position bigserial PRIMARY KEY, transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(), event_id uuid NOT NULL UNIQUE,
  stream_type text NOT NULL, stream_id text NOT NULL, stream_version integer NOT NULL CHECK (stream_version > 0), type text NOT NULL,
  schema_version integer NOT NULL, data jsonb, data_digest text NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL,
  prev_hash text NOT NULL, hash text NOT NULL, UNIQUE (stream_id, stream_version))`;

/**
 * Counts the statements one call sends, by watching the `pg` client TypeORM loaded (each
 * query of the extended protocol is one round trip; node-postgres does not pipeline).
 */
export async function roundTrips(dataSource: DataSource, call: () => Promise<unknown>): Promise<number> {
  const client = (dataSource.driver as unknown as { postgres: { Client: { prototype: { query: (...args: unknown[]) => unknown } } } }).postgres.Client.prototype;
  const query = client.query;
  let count = 0;
  client.query = function (this: unknown, ...args: unknown[]) {
    count += 1;
    return query.apply(this, args);
  };
  try {
    await call();
  } finally {
    client.query = query;
  }
  return count;
}

type Contender = { name: string; run: (concurrency: number, total: number) => Promise<Throughput> };

/**
 * Figure 1's read model as Emmett writes one inline: a raw SQL projection run in the append's
 * transaction, the same upsert into the same table as ours (`READ_MODEL_DDL`).
 */
export const emmettApplicationProjection = postgreSQLRawSQLProjection<Event<'SealUsageApplicationSubmitted', { applicationId: string; submittedAt: string }>>({
  name: 'applications',
  canHandle: ['SealUsageApplicationSubmitted'],
  // Emmett hands the projection its read events, which carry their stream position
  evolve: (event) => sql(applicationUpsert('%L', '%s', '%L'), event.data.applicationId, Number((event as ReadEvent<typeof event>).metadata.streamPosition), event.data.submittedAt),
});

/** Emmett's append of one event to `streamId`, from `version` (undefined: a new stream); the stream's next version. */
type EmmettAppend = (streamId: string, version: bigint | undefined) => Promise<bigint>;

function emmettAppendOf(store: PostgresEventStore): EmmettAppend {
  return async (streamId, version) => {
    const result = await store.appendToStream(`${STREAM_TYPE}-${streamId}`, [applicationSubmitted(streamId) as never], version === undefined ? { expectedStreamVersion: STREAM_DOES_NOT_EXIST } : { expectedStreamVersion: version });
    return result.nextExpectedStreamVersion;
  };
}

/**
 * Figures 1 and 2: our append against the raw `pg` limit and against Emmett, side by side,
 * each repetition running every contender once at each concurrency.
 */
export async function appendFigures(context: BenchContext): Promise<void> {
  const { options } = context;
  const maxConcurrency = Math.max(...options.concurrency);
  // ours through a service's pool (DATABASE_POOL_SIZE's default), as every service appends; the
  // raw baselines and Emmett keep a connection per worker, their fastest at c=32 (bench/README.md)
  const dataSource = await context.store('append', DEFAULT_DATABASE_POOL_SIZE);
  await dataSource.query(READ_MODEL_DDL);
  await dataSource.query(RAW_DDL);
  const store = new EventStore(dataSource, 'bench');
  const pool = new Pool({ connectionString: urlOf(dataSource), max: maxConcurrency, idleTimeoutMillis: POOL_IDLE_MILLIS });
  const emmettDatabase = await context.database('emmett');
  const emmettPool = new Pool({ connectionString: emmettDatabase.url, max: maxConcurrency, idleTimeoutMillis: POOL_IDLE_MILLIS });
  const emmett: PostgresEventStore = getPostgreSQLEventStore(emmettDatabase.url, { connectionOptions: { pooled: true, pool: emmettPool } });
  await emmett.schema.migrate();
  // the same workload as ours: the read-model upsert inline, in the append's transaction
  const emmettProjecting: PostgresEventStore = getPostgreSQLEventStore(emmettDatabase.url, {
    connectionOptions: { pooled: true, pool: emmettPool },
    projections: projections.inline([emmettApplicationProjection]),
  });
  await emmettPool.query('CREATE SCHEMA IF NOT EXISTS "bench"');
  await emmettPool.query(READ_MODEL_DDL);
  const trips = await roundTrips(dataSource, () => appendOurs(dataSource, store, newStreamId(), EMPTY_STREAM));

  /** Existing streams: each worker appends to its own stream, knowing its head as a command handler would after loading. */
  const existing = <H>(initial: () => H, append: (streamId: string, head: H) => Promise<H>) => async (concurrency: number, total: number) => {
    const streams = Array.from({ length: concurrency }, () => ({ id: newStreamId(), head: initial() }));
    for (const stream of streams) stream.head = await append(stream.id, stream.head);
    return closedLoop(concurrency, total, async (worker) => {
      const stream = streams[worker]!;
      stream.head = await append(stream.id, stream.head);
    });
  };
  const emmettAppend = emmettAppendOf(emmett);
  const emmettProjectingAppend = emmettAppendOf(emmettProjecting);

  const contenders: Contender[] = [
    { name: 'raw autocommit INSERT', run: (c, total) => closedLoop(c, total, async () => void (await pool.query(RAW_INSERT, rawRow()))) },
    {
      name: 'raw BEGIN/INSERT/COMMIT',
      run: (c, total) =>
        closedLoop(c, total, async () => {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            await client.query(RAW_INSERT, rawRow());
            await client.query('COMMIT');
          } finally {
            client.release();
          }
        }),
    },
    { name: 'ours, new stream', run: (c, total) => closedLoop(c, total, async () => void (await appendOurs(dataSource, store, newStreamId(), EMPTY_STREAM))) },
    { name: 'ours, in a transaction with a code projection', run: (c, total) => closedLoop(c, total, () => appendInTransaction(dataSource, store, newStreamId(), EMPTY_STREAM)) },
    { name: 'Emmett, new stream', run: (c, total) => closedLoop(c, total, async () => void (await emmettAppend(newStreamId(), undefined))) },
    { name: 'Emmett with the inline projection, new stream', run: (c, total) => closedLoop(c, total, async () => void (await emmettProjectingAppend(newStreamId(), undefined))) },
    { name: 'ours, existing stream', run: existing(() => EMPTY_STREAM, async (id, head) => EventStore.headOf([await appendOurs(dataSource, store, id, head)])) },
    { name: 'Emmett, existing stream', run: existing<bigint | undefined>(() => undefined, emmettAppend) },
    { name: 'Emmett with the inline projection, existing stream', run: existing<bigint | undefined>(() => undefined, emmettProjectingAppend) },
  ];

  // warm-up, not recorded: JIT, pools, the tables' first pages
  for (const contender of contenders) await contender.run(8, Math.ceil(options.appendOps / 10));
  const projected = await emmettPool.query<{ count: string }>('SELECT count(*) FROM "bench".applications');
  if (Number(projected.rows[0]!.count) === 0) throw new Error("append figures: Emmett's inline projection wrote no read-model row");
  const results = new Map<string, Throughput[]>();
  for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
    for (const concurrency of options.concurrency) {
      for (const contender of contenders) {
        if (concurrency === 1 && contender.name.startsWith('Emmett')) continue;
        const key = `${contender.name} @${concurrency}`;
        results.set(key, [...(results.get(key) ?? []), await contender.run(concurrency, options.appendOps)]);
      }
    }
    console.log(`  append: repetition ${repetition + 1}/${options.repetitions} done`);
  }
  const figure = (name: string, concurrency: number) => medianOf(results.get(`${name} @${concurrency}`) ?? []);

  for (const concurrency of options.concurrency) {
    const ours = figure('ours, new stream', concurrency);
    const autocommit = figure('raw autocommit INSERT', concurrency);
    const transaction = figure('raw BEGIN/INSERT/COMMIT', concurrency);
    const inTransaction = figure('ours, in a transaction with a code projection', concurrency);
    const goal = concurrency >= 8 ? '≥ 75% of raw autocommit' : undefined;
    context.report({ figure: '1', measurement: `raw autocommit INSERT, c=${concurrency}`, value: autocommit.perSecond, unit: 'events/s', note: `p50 ${autocommit.p50.toFixed(2)} ms, p99 ${autocommit.p99.toFixed(2)} ms` });
    context.report({ figure: '1', measurement: `raw BEGIN/INSERT/COMMIT, c=${concurrency}`, value: transaction.perSecond, unit: 'events/s', reference: { name: 'raw autocommit', value: autocommit.perSecond }, ratio: transaction.perSecond / autocommit.perSecond });
    context.report({
      figure: '1',
      measurement: `event store append (chain + inline projection), c=${concurrency}`,
      value: ours.perSecond,
      unit: 'events/s',
      reference: { name: 'raw autocommit', value: autocommit.perSecond },
      ratio: ours.perSecond / autocommit.perSecond,
      ...(goal && { goal, met: ours.perSecond >= 0.75 * autocommit.perSecond }),
      note: `${trips} round trips per append (raw autocommit: 1), ${DEFAULT_DATABASE_POOL_SIZE} connections (raw: ${maxConcurrency}); p50 ${ours.p50.toFixed(2)} ms, p99 ${ours.p99.toFixed(2)} ms; vs BEGIN/INSERT/COMMIT ${((ours.perSecond / transaction.perSecond) * 100).toFixed(0)}%`,
    });
    context.report({
      figure: '1',
      measurement: `event store append in a transaction with a code projection, c=${concurrency}`,
      value: inTransaction.perSecond,
      unit: 'events/s',
      reference: { name: 'raw autocommit', value: autocommit.perSecond },
      ratio: inTransaction.perSecond / autocommit.perSecond,
      note: 'BEGIN, INSERT, projection, COMMIT: 4 round trips (for comparison; not the goal row)',
    });
  }
  for (const concurrency of options.concurrency.filter((c) => c > 1)) {
    for (const kind of ['new', 'existing']) {
      const ours = figure(`ours, ${kind} stream`, concurrency);
      // the goal's peer does figure 1's work: one event and its read-model upsert, atomically
      const peer = figure(`Emmett with the inline projection, ${kind} stream`, concurrency);
      const bare = figure(`Emmett, ${kind} stream`, concurrency);
      context.report({
        figure: '2',
        measurement: `append, ${kind} streams, c=${concurrency}`,
        value: ours.perSecond,
        unit: 'events/s',
        reference: { name: 'Emmett, same inline projection', value: peer.perSecond },
        ratio: ours.perSecond / peer.perSecond,
        goal: '≥ 2× Emmett',
        met: ours.perSecond >= 2 * peer.perSecond,
      });
      context.report({
        figure: '2',
        measurement: `append p99, ${kind} streams, c=${concurrency}`,
        value: ours.p99,
        unit: 'ms',
        reference: { name: 'Emmett, same inline projection', value: peer.p99 },
        ratio: ours.p99 / peer.p99,
        goal: 'p99 ≤ Emmett',
        met: ours.p99 <= peer.p99,
      });
      context.report({
        figure: '2',
        measurement: `append, ${kind} streams, c=${concurrency}, vs Emmett appending only`,
        value: ours.perSecond,
        unit: 'events/s',
        reference: { name: 'Emmett, no projection', value: bare.perSecond },
        ratio: ours.perSecond / bare.perSecond,
        note: `less work than ours (no read model), for comparison; p99 ours ${ours.p99.toFixed(2)} ms, Emmett ${bare.p99.toFixed(2)} ms`,
      });
    }
  }

  await readFigure(context, dataSource, store, emmett, emmettAppend);
  await emmett.close();
  await emmettProjecting.close();
  await pool.end();
  await emmettPool.end().catch(() => undefined);
  await dataSource.destroy();
}

/**
 * Figure 2, reads: a stream of N events read whole, ours and Emmett's, alternating. Ours twice:
 * as a service reads a stream it read before (the store keeps long streams and asks the database
 * only for the events after them and whether the kept rows are unchanged), and as a first read
 * in a process (a store that kept nothing: every row fetched and parsed).
 */
async function readFigure(
  context: BenchContext,
  dataSource: DataSource,
  store: EventStore,
  emmett: PostgresEventStore,
  emmettAppend: EmmettAppend,
): Promise<void> {
  const { readStreamEvents, readOps, repetitions } = context.options;
  const streamId = newStreamId();
  let head = EMPTY_STREAM;
  let version: bigint | undefined;
  for (let n = 0; n < readStreamEvents; n += 1) {
    head = EventStore.headOf([await appendOurs(dataSource, store, streamId, head)]);
    version = await emmettAppend(streamId, version);
  }
  const reads = {
    kept: () => store.readStream(streamId),
    first: () => new EventStore(dataSource, store.schema).readStream(streamId),
    emmett: async () => (await emmett.readStream(`${STREAM_TYPE}-${streamId}`)).events,
  };
  const readers = ['kept', 'first', 'emmett'] as const;
  const timesPerReader = () => ({ kept: [] as number[], first: [] as number[], emmett: [] as number[] });
  const p50s = timesPerReader();
  for (let repetition = 0; repetition < repetitions; repetition += 1) {
    const runs = timesPerReader();
    for (let n = 0; n < readOps; n += 1) {
      for (const reader of readers) {
        const begin = now();
        const events = await reads[reader]();
        runs[reader].push(now() - begin);
        if (events.length !== readStreamEvents) throw new Error(`read figure: ${reader} read ${events.length} of ${readStreamEvents} events`);
      }
    }
    for (const reader of readers) p50s[reader].push(latencies(runs[reader]).p50);
  }
  const peerP50 = median(p50s.emmett);
  for (const [reader, label] of [
    ['kept', 'read again (kept: the check and the events after)'],
    ['first', 'first read in a process (every row fetched)'],
  ] as const) {
    const oursP50 = median(p50s[reader]);
    context.report({
      figure: '2',
      measurement: `read a ${readStreamEvents}-event stream, ${label}, p50`,
      value: oursP50,
      unit: 'ms',
      reference: { name: 'Emmett', value: peerP50 },
      ratio: oursP50 / peerP50,
      goal: '≤ 50% of Emmett',
      met: oursP50 <= 0.5 * peerP50,
    });
  }
}
