import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { EMPTY_STREAM, EventStore, mintToken, startService } from '@oa/platform';
import { AuditModule, auditService } from '@oa/app-audit';
import { GENESIS_HASH, sealEnvelope } from '@oa/core';
import type { DataSource } from 'typeorm';
import { urlOf, type BenchContext } from '../context';
import { closedLoop, latencies, median, medianOf, now, type Throughput } from '../measure';
import { READ_MODEL_DDL, STREAM_TYPE, applicationSubmitted, benchMetadata, bulkEvents, bulkInsert, newStreamId } from '../workload';
import { appendOurs } from './append';

const CONCURRENCY = 8;
const ACTORS = 2000;
const TRAIL_START = '2025-01-01T00:00:00Z';
const TRAIL_SECONDS = 2 * 365 * 86400;

/**
 * Figure 7: does the store slow down as it fills? The append of figure 1 on a store holding
 * N events against an empty one, side by side; and an auditor's query (one actor, one month)
 * over an audit trail of N entries.
 */
export async function growthFigures(context: BenchContext): Promise<void> {
  const { options } = context;
  const empty = await context.store('growth_empty', CONCURRENCY);
  const full = await context.store('growth_full', CONCURRENCY);
  for (const dataSource of [empty, full]) await dataSource.query(READ_MODEL_DDL);
  const bulkSeconds = await bulkEvents(urlOf(full), options.growthEvents);
  console.log(`  growth: ${options.growthEvents} events stored in ${bulkSeconds.toFixed(0)} s`);
  const runs: { empty: Throughput[]; full: Throughput[] } = { empty: [], full: [] };
  const append = (dataSource: DataSource, count: number) => {
    const store = new EventStore(dataSource, 'bench');
    return closedLoop(CONCURRENCY, count, async () => void (await appendOurs(dataSource, store, newStreamId(), EMPTY_STREAM)));
  };
  for (const dataSource of [empty, full]) await append(dataSource, Math.ceil(options.appendOps / 10)); // warm-up
  for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
    // alternating which goes first, so neither always runs on a warmer machine
    const order = repetition % 2 === 0 ? ([['empty', empty], ['full', full]] as const) : ([['full', full], ['empty', empty]] as const);
    for (const [name, dataSource] of order) {
      runs[name].push(await append(dataSource, options.appendOps));
    }
  }
  const emptyRate = medianOf(runs.empty).perSecond;
  const fullRate = medianOf(runs.full).perSecond;
  context.report({
    figure: '7',
    measurement: `append with ${options.growthEvents} stored events, c=${CONCURRENCY}`,
    value: fullRate,
    unit: 'events/s',
    reference: { name: 'empty store', value: emptyRate },
    ratio: fullRate / emptyRate,
    goal: '≥ 90% of empty',
    met: fullRate >= 0.9 * emptyRate,
    note: `${options.growthEvents} events generated in ${bulkSeconds.toFixed(0)} s`,
  });
  await empty.destroy();
  await full.destroy();
  await auditQuery(context);
}

/** An audit trail of N entries (2,000 actors over two years), filled in SQL, queried over HTTP as an auditor does. */
async function auditQuery(context: BenchContext): Promise<void> {
  const { options } = context;
  const secret = randomBytes(32).toString('hex');
  const database = await context.database('growth_audit');
  const { url } = database;
  const service = await startService(auditService, AuditModule, {
    ...process.env,
    JWT_SECRET: secret,
    PORT: '0',
    ...database.services,
    KAFKA_BROKERS: context.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: context.topicPrefix,
    CONSUMERS_ENABLED: 'false',
    SCHEDULE_INTERVAL_SECONDS: '0',
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  });
  try {
    const dataSource = service.runtime.dataSource;
    const sample = sealEnvelope({ ...applicationSubmitted(newStreamId()), eventId: newStreamId(), streamType: STREAM_TYPE, streamId: newStreamId(), streamVersion: 1, schemaVersion: 1, metadata: benchMetadata, recordedAt: TRAIL_START, prevHash: GENESIS_HASH });
    await dataSource.query(`INSERT INTO "audit".logs (log, topic, partition, size) VALUES ('bench/0', 'bench', 0, $1)`, [options.growthEvents]);
    const bulkSeconds = await bulkInsert(
      url,
      'growth audit trail',
      options.growthEvents,
      `INSERT INTO "audit".entries (log, log_index, service, topic, partition, "offset", event_id, stream_type, stream_id, stream_version, type,
         actor_id, actor_name, recorded_at, envelope, leaf_hash, chain_status)
       SELECT 'bench/0', g, 'seals', 'bench', 0, g, gen_random_uuid()::text, '${STREAM_TYPE}', 'bulk-' || (g / 10), g % 10 + 1, 'SealUsageApplicationSubmitted',
              'u-' || (g % ${ACTORS}), '用户' || (g % ${ACTORS}), $3::timestamptz + make_interval(secs => g * $4::float8 / $5), $6, encode(sha256(g::text::bytea), 'hex'), 'ok'
         FROM generate_series($1::bigint, $2::bigint) AS g`,
      [TRAIL_START, TRAIL_SECONDS, options.growthEvents, JSON.stringify(sample)],
    );
    const auditor = await mintToken({ sub: 'u-auditor', name: '吴审计', orgUnit: '巡察组', roles: ['auditor'], clearance: 'none' }, { secret });
    const p95s: number[] = [];
    let rows = 0;
    for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
      const samples: number[] = [];
      for (let n = 0; n < options.growthQueries; n += 1) {
        const actor = `u-${(n * 7 + repetition) % ACTORS}`;
        const month = `2025-${String((n % 12) + 1).padStart(2, '0')}`;
        const next = (n % 12) + 2 > 12 ? '2026-01' : `2025-${String((n % 12) + 2).padStart(2, '0')}`;
        const begin = now();
        const response = await fetch(`${service.url}/api/v1/audit/actors/${actor}/entries?from=${month}-01T00:00:00Z&to=${next}-01T00:00:00Z`, { headers: { authorization: `Bearer ${auditor}` } });
        const body = (await response.json()) as unknown[];
        samples.push(now() - begin);
        if (!response.ok) throw new Error(`audit query: HTTP ${response.status} ${JSON.stringify(body)}`);
        rows = body.length;
      }
      p95s.push(latencies(samples).p95);
    }
    const p95 = median(p95s);
    context.report({
      figure: '7',
      measurement: `audit query (one actor, one month) over ${options.growthEvents} entries, p95`,
      value: p95,
      unit: 'ms',
      goal: '< 50 ms',
      met: p95 < 50,
      note: `HTTP with JWT; about ${rows} entries per answer; trail generated in ${bulkSeconds.toFixed(0)} s`,
    });
  } finally {
    await service.close();
  }
}
