import { Kafka, KafkaJSError, logLevel, type Admin, type KafkaConfig } from 'kafkajs';

/** The services whose events are published, each on its own topic. */
export const SERVICES = ['documents', 'meetings', 'archives', 'seals', 'audit', 'directory', 'affairs'] as const;
export type ServiceName = (typeof SERVICES)[number];

export function eventsTopic(service: string, prefix = ''): string {
  return `${prefix}oa.${service}.events`;
}

export function createKafka(brokers: readonly string[], clientId: string, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId,
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 200, retries: 8 },
    ...overrides,
  });
}

/**
 * How long a consumer lets the broker hold an empty fetch. A consumer's stop waits for the fetch in
 * flight, so KafkaJS's default (5 s) held every stop that long; with data the broker answers at once.
 */
export const FETCH_WAIT_MILLIS = 500;

export interface TopicSettings {
  readonly partitions: number;
  readonly replicationFactor: number;
}

/**
 * Creates missing topics. Retention is infinite: the topics are the compliance record
 * (ARCHITECTURE.md), so nothing may age out of them.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly string[], settings: TopicSettings): Promise<void> {
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    // on a cluster the broker asked for the leaders may not know the new topic yet: KafkaJS gives
    // up at once (UNKNOWN_TOPIC_OR_PARTITION), so the leaders are awaited in the cluster's metadata
    await admin
      .createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: settings.partitions,
          replicationFactor: settings.replicationFactor,
          configEntries: [
            { name: 'retention.ms', value: '-1' },
            { name: 'retention.bytes', value: '-1' },
            { name: 'min.insync.replicas', value: String(Math.min(2, settings.replicationFactor)) },
          ],
        })),
      })
      .catch(async (error: unknown) => {
        if (!(error instanceof KafkaJSError && error.retriable)) throw error;
        await leadersElected(admin, missing);
      });
  } finally {
    await admin.disconnect();
  }
}

/** Resolves once every partition of `topics` has a leader in the cluster's metadata; gives up after `timeoutMillis`. */
async function leadersElected(admin: Admin, topics: readonly string[], timeoutMillis = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    const metadata = await admin.fetchTopicMetadata({ topics: [...topics] }).catch((error: unknown) => {
      if (error instanceof KafkaJSError && error.retriable && Date.now() < deadline) return undefined;
      throw error;
    });
    if (metadata?.topics.every(({ partitions }) => partitions.length > 0 && partitions.every(({ leader }) => leader >= 0))) return;
    if (Date.now() >= deadline) throw new Error(`主题 ${topics.join(', ')} 的分区没有首领 (no partition leaders within ${timeoutMillis} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
