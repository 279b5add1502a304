import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canonicalJson, merkleLeafHash, type EventEnvelope } from '@oa/core';
import type { KeyObject } from 'node:crypto';
import { SERVICE_RUNTIME, checkEventSignature, eventVerificationKey, type ConsumedMessage, type ServiceRuntime } from '@oa/platform';
import { checkArrival, nextHead, PROBLEM_NAMES, type StreamHead } from '../application/chain-check';
import { AUDIT_SETTINGS, type AuditSettings } from './audit-settings';
import { recordFinding } from './findings.store';

/** The name of the Merkle log of one topic partition. */
export const logName = (topic: string, partition: number) => `${topic}/${partition}`;

/**
 * Appends a consumed event to the log of its topic partition, inside the consumer's
 * transaction (so the entry, the offset and the eventId commit together). Entries of one
 * partition arrive in offset order, so the log order, and every root, is the same on a rebuild
 * from offset zero. A chain problem (AUD-10) is recorded as a critical finding and the entry is
 * kept, marked `broken`.
 */
@Injectable()
export class AuditLogStore {
  /** The public half of EVENT_SIGNING_KEY: without it, publishers are not checked (development). */
  private readonly verificationKey?: KeyObject;

  constructor(
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
  ) {
    this.verificationKey = runtime.eventSigningKey && eventVerificationKey(runtime.eventSigningKey);
  }

  async append(manager: EntityManager, service: string, event: EventEnvelope, source: ConsumedMessage): Promise<void> {
    // the consumer dedupes per consumer; this also covers a rebuild's consumer meeting old rows
    if (await this.redelivered(manager, service, event, source)) return;
    const log = logName(source.topic, source.partition);
    const streamType = String(event.streamType ?? '');
    const streamId = String(event.streamId ?? '');
    const heads: Array<{ version: number; hash: string; event_id: string }> = await manager.query(
      `SELECT version, hash, event_id FROM "audit".stream_heads WHERE service = $1 AND stream_type = $2 AND stream_id = $3 FOR UPDATE`,
      [service, streamType, streamId],
    );
    const head: StreamHead | undefined = heads[0] && { version: heads[0].version, hash: heads[0].hash, eventId: heads[0].event_id };
    const signature = this.verificationKey && checkEventSignature(this.verificationKey, event.hash, source.signature);
    const problems = checkArrival(head, event, this.settings.chainAlgorithm, signature);
    const [{ index }]: Array<{ index: string }> = await manager.query(
      `INSERT INTO "audit".logs (log, topic, partition, size) VALUES ($1, $2, $3, 1)
       ON CONFLICT (log) DO UPDATE SET size = "audit".logs.size + 1 RETURNING size - 1 AS index`,
      [log, source.topic, source.partition],
    );
    const envelope = canonicalJson(event);
    const actor = event.metadata?.actor;
    await manager.query(
      `INSERT INTO "audit".entries (log, log_index, service, topic, partition, "offset", event_id, stream_type, stream_id, stream_version, type,
         actor_id, actor_name, recorded_at, envelope, leaf_hash, chain_status, chain_problems)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
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
      ],
    );
    const next = problems.some((problem) => problem.kind === 'malformed') ? undefined : nextHead(head, event);
    if (next) {
      await manager.query(
        `INSERT INTO "audit".stream_heads (service, stream_type, stream_id, version, hash, event_id) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (service, stream_type, stream_id) DO UPDATE SET version = EXCLUDED.version, hash = EXCLUDED.hash, event_id = EXCLUDED.event_id`,
        [service, streamType, streamId, next.version, next.hash, next.eventId],
      );
    }
    if (problems.length > 0) await this.finding(manager, event, streamId, head ? [head.eventId, event.eventId] : [event.eventId], { service, streamType, log, index: Number(index), problems });
  }

  /**
   * An eventId already in this service's log arrives again. The same content is a harmless redelivery;
   * other content under a known id is a forgery or a rewrite: an AUD-10 finding that keeps the
   * message (the entry stays the first one). Returns whether the id was known.
   */
  async redelivered(manager: EntityManager, service: string, event: EventEnvelope, source: ConsumedMessage): Promise<boolean> {
    const rows: Array<{ envelope: string; log: string; log_index: string; stream_id: string }> = await manager.query(
      `SELECT envelope, log, log_index, stream_id FROM "audit".entries WHERE service = $1 AND event_id = $2`,
      [service, event.eventId],
    );
    const original = rows[0];
    if (!original) return false;
    if (original.envelope !== canonicalJson(event)) {
      const problem = { kind: 'conflictingDuplicate' as const, topic: source.topic, partition: source.partition, offset: source.offset };
      await this.finding(
        manager,
        event,
        original.stream_id,
        [event.eventId],
        { service, log: original.log, index: Number(original.log_index), problems: [problem], envelope: event },
        `${source.topic}/${source.partition}@${source.offset}`,
      );
    }
    return true;
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
      title: `哈希链异常：${detail.problems.map((problem) => PROBLEM_NAMES[problem.kind]).join('、')}`,
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
