import { createKafka, eventsTopic } from '@oa/platform';
import { TopicCollector } from '@oa/testing';
import type { Acknowledged, WorkloadResult } from './workload';
import { SERVICES, eventually, type Service } from './stack';

type Query = <T = Record<string, unknown>>(sql: string, parameters?: unknown[]) => Promise<T[]>;

export interface DeliveryReport {
  /** Events in the five stores. */
  readonly events: number;
  /** Store events missing from their topic or from the audit; acknowledged commands missing from the store. */
  readonly losses: number;
  readonly lostFromTopics: string[];
  readonly lostFromAudit: string[];
  readonly lostCommands: Acknowledged[];
  /** eventIds on a topic more than once, or in the audit more than once. */
  readonly duplicates: number;
  readonly duplicatedOnTopics: string[];
  readonly duplicatedInAudit: string[];
  /** Streams whose events are not in version order on their topic. */
  readonly outOfOrder: string[];
  readonly messages: number;
}

/** What a delivery scenario records of its workload and its check (summary.jsonl). */
export function deliverySummary(result: WorkloadResult, report: DeliveryReport) {
  return {
    commands: result.commands,
    events: report.events,
    losses: report.losses,
    duplicates: report.duplicates,
    serverErrors: result.serverErrors.length,
    acknowledged: result.acknowledged.length,
    messages: report.messages,
    outOfOrder: report.outOfOrder.length,
    refusals: result.refusals,
  };
}

/** Every stored event once on its topic in stream order and once in the audit; no acknowledged command missing. */
export function expectDeliveredOnce(report: DeliveryReport): void {
  expect({ lostFromTopics: report.lostFromTopics, lostFromAudit: report.lostFromAudit, lostCommands: report.lostCommands }).toEqual({ lostFromTopics: [], lostFromAudit: [], lostCommands: [] });
  expect({ duplicatedOnTopics: report.duplicatedOnTopics, duplicatedInAudit: report.duplicatedInAudit, outOfOrder: report.outOfOrder }).toEqual({ duplicatedOnTopics: [], duplicatedInAudit: [], outOfOrder: [] });
}

/** Waits until every event of every store is in the audit trail (so every relay and the audit ingest have caught up). */
export async function waitForAuditTrail(query: Query, timeoutMillis = 300_000): Promise<void> {
  await eventually(
    async () => {
      for (const service of SERVICES) {
        const [{ missing }] = await query<{ missing: string }>(
          `SELECT count(*) AS missing FROM "${service}".events e WHERE NOT EXISTS (SELECT 1 FROM audit.entries a WHERE a.service = $1 AND a.event_id = e.event_id::text)`,
          [service],
        );
        if (Number(missing) > 0) return undefined;
      }
      return true;
    },
    'every stored event to reach the audit trail',
    timeoutMillis,
  );
}

/**
 * The stored events that are not in the audit trail and do not arrive within `graceMillis`:
 * an event stored by a job after the first wait is on its way, not lost.
 */
async function missingFromAudit(query: Query, storedEventIds: ReadonlyMap<Service, string[]>, graceMillis = 60_000): Promise<string[]> {
  const deadline = Date.now() + graceMillis;
  for (;;) {
    const missing: string[] = [];
    for (const [service, eventIds] of storedEventIds) {
      const rows = await query<{ event_id: string }>(
        `SELECT stored.event_id FROM unnest($2::text[]) AS stored(event_id) WHERE NOT EXISTS (SELECT 1 FROM audit.entries a WHERE a.service = $1 AND a.event_id = stored.event_id)`,
        [service, eventIds],
      );
      missing.push(...rows.map((row) => `${service} ${row.event_id}`));
    }
    if (missing.length === 0 || Date.now() > deadline) return missing;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Reads a topic from offset zero up to its end offsets as they are now. */
export async function readTopic(brokers: string[], topic: string): Promise<TopicCollector> {
  const admin = createKafka(brokers, 'reliability-scan').admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const collector = await new TopicCollector(brokers, topic).start();
  await collector.waitFor(
    (messages) => ends.every(({ partition, high }) => Number(high) === 0 || messages.some((message) => message.partition === partition && Number(message.offset) >= Number(high) - 1)),
    300_000,
  );
  await collector.stop();
  return collector;
}

/**
 * Issue 10's checks after a fault: every event of every store is on its topic exactly once
 * per eventId and in stream order, and in the audit store exactly once; every acknowledged
 * command's stream version is in its store.
 */
export async function checkDelivery(query: Query, brokers: string[], topicPrefix: string, acknowledged: readonly Acknowledged[]): Promise<DeliveryReport> {
  await waitForAuditTrail(query);
  const lostFromTopics: string[] = [];
  const duplicatedOnTopics: string[] = [];
  const outOfOrder: string[] = [];
  const stored = new Map<Service, Set<string>>();
  // the events read here, before the topic scans: jobs (findings, deadlines) may store more meanwhile
  const storedEventIds = new Map<Service, string[]>();
  let events = 0;
  let messages = 0;
  for (const service of SERVICES) {
    const rows = await query<{ event_id: string; stream_id: string; stream_version: number }>(`SELECT event_id::text, stream_id, stream_version FROM "${service}".events`);
    events += rows.length;
    stored.set(service, new Set(rows.map((row) => `${row.stream_id}#${row.stream_version}`)));
    storedEventIds.set(service, rows.map((row) => row.event_id));
    const collector = await readTopic(brokers, eventsTopic(service, topicPrefix));
    messages += collector.messages.length;
    const seen = new Map<string, number>();
    for (const message of collector.messages) seen.set(message.event.eventId, (seen.get(message.event.eventId) ?? 0) + 1);
    duplicatedOnTopics.push(...[...seen].filter(([, count]) => count > 1).map(([eventId]) => `${service} ${eventId}`));
    lostFromTopics.push(...rows.filter((row) => !seen.has(row.event_id)).map((row) => `${service} ${row.event_id}`));
    // one stream is one key, so one partition: its first deliveries must come in version order
    const firstDelivery = new Map<string, true>();
    const lastVersion = new Map<string, number>();
    const byOffset = [...collector.messages].sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
    for (const { event } of byOffset) {
      if (firstDelivery.has(event.eventId)) continue;
      firstDelivery.set(event.eventId, true);
      if ((lastVersion.get(event.streamId) ?? 0) >= event.streamVersion) outOfOrder.push(`${service} ${event.streamId}@${event.streamVersion}`);
      lastVersion.set(event.streamId, event.streamVersion);
    }
  }
  const lostFromAudit = await missingFromAudit(query, storedEventIds);
  const duplicatedInAudit = (await query<{ event_id: string }>(`SELECT event_id FROM audit.entries GROUP BY service, event_id HAVING count(*) > 1`)).map((row) => row.event_id);
  const lostCommands = acknowledged.filter(({ service, streamId, version }) => !stored.get(service)!.has(`${streamId}#${version}`));
  return {
    events,
    losses: lostFromTopics.length + lostFromAudit.length + lostCommands.length,
    lostFromTopics,
    lostFromAudit,
    lostCommands,
    duplicates: duplicatedOnTopics.length + duplicatedInAudit.length,
    duplicatedOnTopics,
    duplicatedInAudit,
    outOfOrder,
    messages,
  };
}

/**
 * The per-partition Merkle logs as a rebuild would make them: each log's entries are exactly the
 * indexes 0…size−1, and in index order their offsets rise (the partition's order, no message
 * entered twice or out of turn). Returns what is wrong, log by log.
 */
export async function checkAuditLogs(query: Query): Promise<string[]> {
  const rows = await query<{ log: string; size: string; entries: string; first: string | null; last: string | null; out_of_order: string }>(
    `SELECT l.log, l.size, count(e.log_index) AS entries, min(e.log_index) AS first, max(e.log_index) AS last,
            count(*) FILTER (WHERE e.previous_offset >= e."offset") AS out_of_order
       FROM audit.logs l
       LEFT JOIN (SELECT log, log_index, "offset", lag("offset") OVER (PARTITION BY log ORDER BY log_index) AS previous_offset FROM audit.entries) e ON e.log = l.log
      GROUP BY l.log, l.size`,
  );
  return rows
    .filter((row) => row.entries !== row.size || (Number(row.size) > 0 && (row.first !== '0' || Number(row.last) !== Number(row.size) - 1)) || row.out_of_order !== '0')
    .map((row) => `${row.log}: size ${row.size}, ${row.entries} entries at ${row.first}…${row.last}, ${row.out_of_order} out of offset order`);
}
