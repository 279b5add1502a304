import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canonicalJson, merkleLeafHash, type ChainHead, type EventEnvelope } from '@oa/core';
import type { KeyObject } from 'node:crypto';
import { SERVICE_RUNTIME, checkEventSignature, type ConsumedMessage, type ServiceRuntime } from '@oa/platform';
import { checkArrivals, PROBLEM_NAMES } from '../application/chain-check';
import { AUDIT_SETTINGS, type AuditSettings } from './audit-settings';
import { CatalogStore } from './catalog.store';
import { recordFinding } from './findings.store';

/** The name of the Merkle log of one topic partition. */
export const logName = (topic: string, partition: number) => `${topic}/${partition}`;

/** A consumed event of one service's topic, as the ingest hands it to the store. */
export interface ConsumedEntry {
  readonly service: string;
  readonly event: EventEnvelope;
  readonly source: ConsumedMessage;
}

/** The first entry of an eventId in a service's log; `index` is known once its log has grown. */
interface Original {
  readonly envelope: string;
  readonly log: string;
  readonly streamId: string;
  index: number;
}

/** A row of "audit".entries about to be written, in arrival order. */
interface NewEntry extends Original {
  readonly consumed: ConsumedEntry;
  readonly stream: string;
  readonly streamType: string;
}

const streamKey = (service: string, streamType: string, streamId: string) => JSON.stringify([service, streamType, streamId]);

/**
 * Appends consumed events to the logs of their topic partitions, inside the consumer's
 * transaction (so the entries, the offset and the eventIds commit together), a whole batch in a
 * few statements: the known eventIds in one query, the streams' heads locked and read once, the
 * logs grown once, the entries as one multi-row INSERT, the moved heads in one upsert. Entries
 * of one partition arrive in offset order, so the log order, and every root, is the same on a
 * rebuild from offset zero and whatever the batches were. A chain problem (AUD-10) is recorded
 * as a critical finding and the entry is kept, marked `broken`.
 */
@Injectable()
export class AuditLogStore {
  /** The public half of EVENT_SIGNING_KEY and the keys a rotation replaced: without them, publishers are not checked (development). */
  private readonly verificationKeys: readonly KeyObject[];

  constructor(
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(CatalogStore) private readonly catalog: CatalogStore,
  ) {
    this.verificationKeys = runtime.eventVerificationKeys;
  }

  async append(manager: EntityManager, consumed: readonly ConsumedEntry[]): Promise<void> {
    // the consumer dedupes per consumer; this also covers a rebuild's consumer meeting old rows, and an id twice in the batch
    const originals = await this.originals(manager, consumed);
    const entries: NewEntry[] = [];
    const conflicts: Array<{ consumed: ConsumedEntry; original: Original }> = [];
    for (const item of consumed) {
      const { service, event, source } = item;
      const envelope = canonicalJson(event);
      const original = originals.get(`${service}/${event.eventId}`);
      if (original) {
        if (original.envelope !== envelope) conflicts.push({ consumed: item, original });
        continue;
      }
      const streamType = String(event.streamType ?? '');
      const streamId = String(event.streamId ?? '');
      const entry = { consumed: item, envelope, log: logName(source.topic, source.partition), streamId, streamType, stream: streamKey(service, streamType, streamId), index: -1 };
      originals.set(`${service}/${event.eventId}`, entry);
      entries.push(entry);
    }
    if (entries.length > 0) await this.write(manager, entries);
    for (const { consumed: { service, event, source }, original } of conflicts) {
      // other content under a known id is a forgery or a rewrite: a finding that keeps the message (the entry stays the first one)
      const problem = { kind: 'conflictingDuplicate' as const, topic: source.topic, partition: source.partition, offset: source.offset };
      await this.finding(
        manager,
        event,
        original.streamId,
        [event.eventId],
        { service, log: original.log, index: original.index, problems: [problem], envelope: event },
        `${source.topic}/${source.partition}@${source.offset}`,
      );
    }
  }

  /** The entries already in the services' logs under the batch's eventIds, by service and eventId. */
  private async originals(manager: EntityManager, consumed: readonly ConsumedEntry[]): Promise<Map<string, Original>> {
    const rows: Array<{ service: string; event_id: string; envelope: string; log: string; log_index: string; stream_id: string }> = await manager.query(
      // one index probe per id whatever the statistics say (OFFSET 0 keeps the planner from
      // turning it into a join): with none yet (a rebuild into a fresh store, autovacuum off)
      // `event_id = ANY($1)` was planned as a full scan of the entries per batch
      `SELECT e.service, e.event_id, e.envelope, e.log, e.log_index, e.stream_id
         FROM unnest($1::text[]) AS batch(event_id)
        CROSS JOIN LATERAL (SELECT * FROM "audit".entries WHERE entries.event_id = batch.event_id OFFSET 0) AS e`,
      [[...new Set(consumed.map(({ event }) => event.eventId))]],
    );
    const wanted = new Set(consumed.map(({ service, event }) => `${service}/${event.eventId}`));
    return new Map(
      rows
        .filter((row) => wanted.has(`${row.service}/${row.event_id}`))
        .map((row) => [`${row.service}/${row.event_id}`, { envelope: row.envelope, log: row.log, index: Number(row.log_index), streamId: row.stream_id }]),
    );
  }

  /** Chain-checks the new entries in order against their streams' heads, grows their logs, and writes entries, heads and findings. */
  private async write(manager: EntityManager, entries: readonly NewEntry[]): Promise<void> {
    const heads = await this.lockHeads(manager, entries);
    const arrivals = entries.map(({ stream, consumed: { event, source } }) => ({
      stream,
      event,
      ...(this.verificationKeys.length > 0 && { signature: checkEventSignature(this.verificationKeys, event.hash, source.signature) }),
    }));
    const { checked, moved } = checkArrivals(heads, arrivals, this.settings.chainAlgorithm);

    const counts = new Map<string, { topic: string; partition: number; count: number }>();
    for (const { log, consumed: { source } } of entries) {
      const grown = counts.get(log) ?? { topic: source.topic, partition: source.partition, count: 0 };
      counts.set(log, { ...grown, count: grown.count + 1 });
    }
    const logs = [...counts];
    const sizes: Array<{ log: string; size: string }> = await manager.query(
      `INSERT INTO "audit".logs (log, topic, partition, size) SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[])
       ON CONFLICT (log) DO UPDATE SET size = "audit".logs.size + EXCLUDED.size RETURNING log, size`,
      [logs.map(([log]) => log), logs.map(([, { topic }]) => topic), logs.map(([, { partition }]) => partition), logs.map(([, { count }]) => count)],
    );
    // each log's new entries take the indexes after its previous size, in arrival order
    const next = new Map(sizes.map(({ log, size }) => [log, Number(size) - counts.get(log)!.count]));
    for (const entry of entries) {
      entry.index = next.get(entry.log)!;
      next.set(entry.log, entry.index + 1);
    }

    const rows = entries.map(({ consumed: { service, event, source }, log, index, streamType, streamId, envelope }, position) => {
      const actor = event.metadata?.actor;
      const { problems } = checked[position]!;
      return [
        log,
        index,
        service,
        source.topic,
        source.partition,
        source.offset,
        event.eventId,
        streamType,
        streamId,
        Number.isInteger(event.streamVersion) ? event.streamVersion : null,
        event.type,
        typeof actor?.id === 'string' ? actor.id : null,
        typeof actor?.name === 'string' ? actor.name : null,
        validInstant(event.recordedAt),
        envelope,
        merkleLeafHash(envelope, this.settings.logAlgorithm),
        problems.length === 0 ? 'ok' : 'broken',
        JSON.stringify(problems),
      ];
    });
    // one array per column: the rows go in as one INSERT, in arrival order
    await manager.query(
      `INSERT INTO "audit".entries (log, log_index, service, topic, partition, "offset", event_id, stream_type, stream_id, stream_version, type,
         actor_id, actor_name, recorded_at, envelope, leaf_hash, chain_status, chain_problems)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::int[], $11::text[],
         $12::text[], $13::text[], $14::timestamptz[], $15::text[], $16::text[], $17::text[], $18::jsonb[])`,
      rows[0]!.map((_, column) => rows.map((row) => row[column])),
    );

    if (moved.size > 0) {
      const keys = [...moved].map((stream) => JSON.parse(stream) as [string, string, string]);
      const movedHeads = [...moved].map((stream) => heads.get(stream)!);
      await manager.query(
        `INSERT INTO "audit".stream_heads (service, stream_type, stream_id, version, hash, event_id)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[])
         ON CONFLICT (service, stream_type, stream_id) DO UPDATE SET version = EXCLUDED.version, hash = EXCLUDED.hash, event_id = EXCLUDED.event_id`,
        [keys.map(([service]) => service), keys.map(([, streamType]) => streamType), keys.map(([, , streamId]) => streamId), movedHeads.map((head) => head.version), movedHeads.map((head) => head.hash), movedHeads.map((head) => head.eventId)],
      );
    }

    await this.catalog.refresh(manager, entries.map(({ consumed: { service }, streamType, streamId }) => ({ service, streamType, streamId })));

    for (const [index, { head, problems }] of checked.entries()) {
      if (problems.length === 0) continue;
      const { consumed: { service, event }, streamId, streamType, log, index: logIndex } = entries[index]!;
      await this.finding(manager, event, streamId, head ? [head.eventId, event.eventId] : [event.eventId], { service, streamType, log, index: logIndex, problems });
    }
  }

  /**
   * The heads of the entries' streams as they stand, each stream locked for the transaction (a
   * stream not seen yet too, so two partitions' batches never both take it as new). The locks are
   * taken in one order, so concurrent batches wait for each other but never deadlock.
   */
  private async lockHeads(manager: EntityManager, entries: readonly NewEntry[]): Promise<Map<string, ChainHead>> {
    const streams = [...new Set(entries.map((entry) => entry.stream))];
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtext('audit.stream_heads'), key) FROM (SELECT DISTINCT hashtext(stream) AS key FROM unnest($1::text[]) AS stream) AS keys ORDER BY key`,
      [streams],
    );
    const keys = streams.map((stream) => JSON.parse(stream) as [string, string, string]);
    const rows: Array<{ service: string; stream_type: string; stream_id: string; version: number; hash: string; event_id: string }> = await manager.query(
      `SELECT h.service, h.stream_type, h.stream_id, h.version, h.hash, h.event_id
         FROM unnest($1::text[], $2::text[], $3::text[]) AS batch(service, stream_type, stream_id)
        CROSS JOIN LATERAL (
          SELECT * FROM "audit".stream_heads
           WHERE stream_heads.service = batch.service AND stream_heads.stream_type = batch.stream_type AND stream_heads.stream_id = batch.stream_id
          OFFSET 0
        ) AS h`,
      [keys.map(([service]) => service), keys.map(([, streamType]) => streamType), keys.map(([, , streamId]) => streamId)],
    );
    return new Map(rows.map((row) => [streamKey(row.service, row.stream_type, row.stream_id), { version: row.version, hash: row.hash, eventId: row.event_id }]));
  }

  /** AUD-10, critical, open: the stream, the proving events, and what was wrong. */
  private async finding(
    manager: EntityManager,
    event: EventEnvelope,
    streamId: string,
    eventIds: readonly string[],
    detail: { readonly service: string; readonly problems: ReadonlyArray<{ readonly kind: keyof typeof PROBLEM_NAMES }> } & Record<string, unknown>,
    where?: string,
  ): Promise<void> {
    const unit = event.metadata?.actor?.orgUnit;
    await recordFinding(manager, {
      rule: 'AUD-10',
      severity: 'critical',
      title: `哈希链异常：${detail.problems.map((problem) => `${PROBLEM_NAMES[problem.kind]} (${problem.kind})`).join('、')}`,
      streamIds: [streamId],
      eventIds,
      detail,
      services: [detail.service],
      units: typeof unit === 'string' ? [unit] : [],
      occurredAt: validInstant(event.recordedAt),
      ...(where !== undefined && { where }),
    });
  }
}

function validInstant(value: unknown): string | null {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
}
