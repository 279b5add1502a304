import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { v7 as timeOrderedId } from 'uuid';
import { Client } from 'pg';
import { GENESIS_HASH, sealEnvelope } from '@oa/core';
import { ensureTopics, eventHeaders, eventsTopic, mintToken, startService, type RunningService } from '@oa/platform';
import { AuditModule, auditService } from '@oa/app-audit';
import type { BenchContext } from '../context';
import { median, now, sleep } from '../measure';
import { STREAM_TYPE, applicationSubmitted, benchMetadata, newStreamId } from '../workload';
import { roundTrips } from './append';

const STREAM_LENGTH = 10;
const REBUILD_GOAL_EVENTS = 1_000_000;
const REBUILD_GOAL_SECONDS = 300;
const JWT_SECRET = randomBytes(32).toString('hex');

/**
 * Publishes `count` events of valid hash chains (10 per stream) to the seals topic, as the
 * seals relay would: key = stream id, the relay's headers, event and stream ids time-ordered
 * as the services mint them (UUIDv7). Returns the seconds it took.
 */
async function publishChains(context: BenchContext, topic: string, count: number): Promise<number> {
  const started = now();
  await ensureTopics(context.kafka, [topic], { partitions: 3, replicationFactor: 1 });
  const producer = context.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  const recordedAt = new Date(Date.now() - 86400_000).toISOString();
  let batch: Array<{ key: string; value: string; headers: Record<string, string> }> = [];
  let streamId = '';
  let prevHash = GENESIS_HASH;
  for (let n = 0; n < count; n += 1) {
    const version = (n % STREAM_LENGTH) + 1;
    if (version === 1) {
      streamId = newStreamId();
      prevHash = GENESIS_HASH;
    }
    const { type, data } = applicationSubmitted(streamId);
    const event = sealEnvelope({ eventId: timeOrderedId(), streamType: STREAM_TYPE, streamId, streamVersion: version, type, schemaVersion: 1, data, metadata: benchMetadata, recordedAt, prevHash });
    prevHash = event.hash;
    batch.push({ key: streamId, value: JSON.stringify(event), headers: eventHeaders(event) });
    if (batch.length === 1000 || n === count - 1) {
      await producer.send({ topic, acks: -1, messages: batch });
      batch = [];
      if ((n + 1) % 100_000 === 0) console.log(`  audit: published ${n + 1}/${count}`);
    }
  }
  await producer.disconnect();
  return (now() - started) / 1000;
}

/** Entries ingested so far: the sum of the Merkle logs' sizes (cheaper than counting entries). */
async function ingested(client: Client): Promise<number> {
  const { rows } = await client.query<{ n: string | null }>(`SELECT sum(size)::text AS n FROM "audit".logs`).catch(() => ({ rows: [{ n: null }] }));
  return Number(rows[0]?.n ?? 0);
}

/** Starts an audit service on a fresh database with a fresh consumer generation: a rebuild from offset zero. */
async function auditFromZero(context: BenchContext, name: string, signingKey: string): Promise<{ service: RunningService; client: Client }> {
  const database = await context.database(name);
  const { url } = database;
  const service = await startService(auditService, AuditModule, {
    ...process.env,
    JWT_SECRET,
    PORT: '0',
    ...database.services,
    KAFKA_BROKERS: context.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: context.topicPrefix,
    SCHEDULE_INTERVAL_SECONDS: '0',
    AUDIT_SIGNING_KEY: signingKey,
    AUDIT_CONSUMER_GENERATION: name,
  });
  const client = new Client({ connectionString: url });
  await client.connect();
  return { service, client };
}

async function until(client: Client, count: number, label: string): Promise<void> {
  let last = -1;
  let lastChange = now();
  for (;;) {
    const n = await ingested(client);
    if (n >= count) return;
    if (n !== last) {
      if (Math.floor(n / 50_000) !== Math.floor(last / 50_000)) console.log(`  ${label}: ${n}/${count}`);
      last = n;
      lastChange = now();
    } else if (now() - lastChange > 60_000) throw new Error(`${label}: ingest stalled at ${n}/${count}`);
    await sleep(250);
  }
}

/** Every entry's chain checked out: the generated chains are valid, so any finding is a bench error. */
async function assertChainsOk(client: Client): Promise<void> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "audit".entries WHERE chain_status <> 'ok'`);
  if (Number(rows[0]!.n) > 0) throw new Error(`audit: ${rows[0]!.n} entries with chain problems`);
}

/**
 * Figure 5: the audit projection consuming the seals topic from offset zero — chain check,
 * leaf hash and log append per event — and a full rebuild with a signed checkpoint at the end.
 */
export async function auditFigures(context: BenchContext): Promise<void> {
  const { options } = context;
  const total = Math.max(options.auditEvents, options.rebuildEvents);
  const topic = eventsTopic('seals', context.topicPrefix);
  const publishSeconds = await publishChains(context, topic, total);
  console.log(`  audit: ${total} chained events published in ${publishSeconds.toFixed(1)} s`);
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  const rates: number[] = [];
  let statementsPerEvent = 0;
  for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
    const { service, client } = await auditFromZero(context, `audit_ingest_${repetition}`, signingKey);
    try {
      const before = await ingested(client);
      const statements = await roundTrips(service.runtime.dataSource, () => until(client, options.auditEvents, `audit ingest ${repetition + 1}`));
      statementsPerEvent = statements / ((await ingested(client)) - before);
      // from the first entry's transaction to the n-th's, start-up and group join excluded: the entries
      // written in that time are those before the n-th's transaction (a batch's entries share its start)
      const { rows } = await client.query<{ seconds: number; entries: number }>(
        `WITH first AS (SELECT ingested_at FROM "audit".entries ORDER BY id LIMIT $1)
         SELECT extract(epoch FROM max(ingested_at) - min(ingested_at))::float8 AS seconds,
                count(*) FILTER (WHERE ingested_at < (SELECT max(ingested_at) FROM first))::int AS entries
           FROM first`,
        [options.auditEvents],
      );
      rates.push(rows[0]!.entries / rows[0]!.seconds);
      await assertChainsOk(client);
    } finally {
      await service.close();
      await client.end();
    }
  }
  const rate = median(rates);
  context.report({ figure: '5', measurement: 'audit ingest (chain check + Merkle leaf + log)', value: rate, unit: 'events/s', goal: '≥ 5,000 events/s', met: rate >= 5000, note: `first ${options.auditEvents} entries of a rebuild from offset zero; ${statementsPerEvent.toPrecision(2)} PostgreSQL round trips per event` });

  const started = now();
  const { service, client } = await auditFromZero(context, 'audit_rebuild', signingKey);
  try {
    await until(client, options.rebuildEvents, 'audit rebuild');
    const consumed = (now() - started) / 1000;
    await assertChainsOk(client);
    const checkpointStarted = now();
    const auditor = await mintToken({ sub: 'u-auditor', name: '吴审计', orgUnit: '巡察组', roles: ['auditor'], clearance: 'none' }, { secret: JWT_SECRET });
    const response = await fetch(`${service.url}/api/v1/audit/checkpoints`, { method: 'POST', headers: { authorization: `Bearer ${auditor}` } });
    if (!response.ok) throw new Error(`audit checkpoint: HTTP ${response.status} ${await response.text()}`);
    const checkpointSeconds = (now() - checkpointStarted) / 1000;
    const seconds = consumed + checkpointSeconds;
    const projected = (seconds * REBUILD_GOAL_EVENTS) / options.rebuildEvents;
    context.report({
      figure: '5',
      measurement: `audit rebuild of ${options.rebuildEvents} events from offset zero`,
      value: seconds,
      unit: 's',
      goal: '1M in < 300 s',
      met: projected < REBUILD_GOAL_SECONDS,
      note: `${options.rebuildEvents === REBUILD_GOAL_EVENTS ? '' : `projected for 1M: ${projected.toFixed(0)} s; `}start-up, consumer group join and the signed checkpoint (${checkpointSeconds.toFixed(1)} s) included; publishing took ${publishSeconds.toFixed(1)} s`,
    });
  } finally {
    await service.close();
    await client.end();
  }
}
