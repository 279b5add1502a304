import type { FastifyInstance } from 'fastify';
import type { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** How a command ended: `noop` decided nothing (nothing appended), `replayed` answered a retried Idempotency-Key. */
export type CommandOutcome = 'accepted' | 'noop' | 'replayed' | 'refused' | 'conflict' | 'failed';

/** What the lag gauges read when scraped: the relay's checkpoint and the consumers' offsets, both in the service schema. */
export interface LagSources {
  readonly dataSource: DataSource;
  readonly kafka: Kafka;
  readonly schema: string;
  readonly relayName: string;
}

/** Rows of a query, from a TypeORM DataSource or a plain pg client alike (the CLI reads the same lags). */
export type SqlRows = (sql: string, parameters: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** A scrape must answer even when Kafka does not: the consumer lag is then left out. */
const KAFKA_SCRAPE_TIMEOUT_MILLIS = 2000;

/**
 * The Prometheus metrics of one service, in a registry of its own (several services can run
 * in one process, as the tests do). Counters are counted where things happen; the lags are
 * read from PostgreSQL and Kafka at scrape time, so they are never stale.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'oa_http_request_duration_seconds',
    help: 'HTTP 请求耗时 (HTTP request latency), by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'oa_commands_total',
    help: '命令数 (commands handled), by command type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly appended = new Counter({
    name: 'oa_events_appended_total',
    help: '写入事件数 (events appended and committed), by stream type and event type',
    labelNames: ['stream_type', 'type'] as const,
    registers: [this.registry],
  });

  /** DIR-4: how long after the directory stored a change this service acts on it (a revocation is refused from then on). */
  readonly directoryLag = new Histogram({
    name: 'oa_directory_lag_seconds',
    help: '目录变更生效延迟 (seconds from a directory change to this service acting on it)',
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'oa_process_' });
  }

  /** Times every request the HTTP server answers (Fastify's own clock); the route is the pattern (`/api/v1/seals/:id`), never the ids in it. */
  timeRequests(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      this.httpDuration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
      done();
    });
  }

  countAppended(events: ReadonlyArray<{ readonly streamType: string; readonly type: string }>): void {
    for (const event of events) this.appended.inc({ stream_type: event.streamType, type: event.type });
  }

  /** A gauge a service reads from its own tables when Prometheus scrapes (the audit's findings by rule). */
  observeRows<L extends string>(name: string, help: string, labelNames: readonly L[], read: () => Promise<ReadonlyArray<{ readonly labels: Record<L, string>; readonly value: number }>>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await read()) this.set(row.labels, row.value);
      },
    });
  }

  /**
   * The service's PostgreSQL connections: requests waiting for one while all are busy say
   * DATABASE_POOL_SIZE is too small for the load (or the database too slow for it).
   */
  observePool(pool: Pool): void {
    new Gauge({
      name: 'oa_database_pool_size',
      help: '数据库连接池上限 (connections the pool may open: DATABASE_POOL_SIZE)',
      registers: [this.registry],
      collect() {
        this.set(pool.options.max ?? 0);
      },
    });
    new Gauge({
      name: 'oa_database_pool_connections',
      help: '数据库连接数 (open PostgreSQL connections), busy or idle',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        this.set({ state: 'busy' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
      },
    });
    new Gauge({
      name: 'oa_database_pool_waiting',
      help: '等待数据库连接的请求数 (queries waiting for a free connection)',
      registers: [this.registry],
      collect() {
        this.set(pool.waitingCount);
      },
    });
  }

  /** The relay's and the consumers' lag, read when Prometheus scrapes. */
  observeLag(sources: LagSources): void {
    const rows: SqlRows = (sql, parameters) => sources.dataSource.query(sql, parameters);
    new Gauge({
      name: 'oa_relay_lag_events',
      help: '尚未转发到 Kafka 的事件数 (events behind the relay checkpoint)',
      registers: [this.registry],
      async collect() {
        this.set((await relayLag(rows, sources.schema, sources.relayName)).events);
      },
    });
    new Gauge({
      name: 'oa_relay_lag_seconds',
      help: '最早一条未转发事件的等待时长 (age of the oldest event not yet published), 0 when none',
      registers: [this.registry],
      async collect() {
        this.set((await relayLag(rows, sources.schema, sources.relayName)).seconds);
      },
    });
    // ARCHITECTURE.md: a long transaction holds back pg_snapshot_xmin, so every gap-free reader (the relay first) waits for it
    new Gauge({
      name: 'oa_oldest_transaction_age_seconds',
      help: '数据库中最早未结束事务的时长 (age of the oldest open transaction in the database; it stalls the relay)',
      registers: [this.registry],
      async collect() {
        const [row]: Array<{ seconds: string | null }> = await sources.dataSource.query(
          `SELECT extract(epoch FROM now() - min(xact_start)) AS seconds FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
        this.set(Math.max(0, Number(row?.seconds ?? 0)));
      },
    });
    this.observeRows('oa_consumer_lag_messages', '消费滞后 (messages on the topic after the consumer’s recorded offset), by consumer, topic and partition', ['consumer', 'topic', 'partition'], async () =>
      (await consumerLag(rows, sources.kafka, sources.schema)).map((lag) => ({ labels: { consumer: lag.consumer, topic: lag.topic, partition: String(lag.partition) }, value: lag.messages })),
    );
  }
}

/** Events of the service's store not yet on Kafka, and how long the oldest of them has waited. */
export async function relayLag(rows: SqlRows, schema: string, relayName: string): Promise<{ events: number; seconds: number }> {
  const [row] = (await rows(
    `SELECT count(*) AS events, extract(epoch FROM now() - min(e.recorded_at)) AS seconds
       FROM "${schema}".events e
       LEFT JOIN "${schema}".relay_checkpoints c ON c.name = $1
      WHERE c.name IS NULL OR (e.transaction_id, e.position) > (c.transaction_id, c.position)`,
    [relayName],
  )) as Array<{ events: string; seconds: string | null }>;
  return { events: Number(row?.events ?? 0), seconds: Math.max(0, Number(row?.seconds ?? 0)) };
}

export interface ConsumerLag {
  readonly consumer: string;
  readonly topic: string;
  readonly partition: number;
  readonly messages: number;
}

/** High watermark minus the next offset each consumer recorded (in PostgreSQL, with its effects). */
export async function consumerLag(rows: SqlRows, kafka: Kafka, schema: string): Promise<ConsumerLag[]> {
  const offsets = (await rows(`SELECT consumer, topic, partition, "offset" FROM "${schema}".consumer_offsets`, [])) as Array<{ consumer: string; topic: string; partition: number; offset: string }>;
  if (offsets.length === 0) return [];
  const admin = kafka.admin();
  let timer: NodeJS.Timeout | undefined;
  try {
    const read = (async () => {
      await admin.connect();
      const topics = [...new Set(offsets.map((row) => row.topic))];
      return new Map(await Promise.all(topics.map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)] as const)));
    })();
    const watermarks = await Promise.race([read, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('Kafka timeout')), KAFKA_SCRAPE_TIMEOUT_MILLIS)))]);
    return offsets.map((row) => {
      const high = watermarks.get(row.topic)?.find((partition) => partition.partition === row.partition)?.high ?? row.offset;
      return { consumer: row.consumer, topic: row.topic, partition: row.partition, messages: Math.max(0, Number(high) - Number(row.offset) - 1) };
    });
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}
