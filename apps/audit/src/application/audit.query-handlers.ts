import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { REFUSAL_STREAM_TYPE, SECURITY_STREAM_TYPE, SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import { admits, streamLevels, type Reader } from './secrecy-levels';

/** One audit entry as auditors read it. */
export interface AuditEntryView {
  readonly eventId: string;
  readonly service: string;
  readonly streamType: string;
  readonly streamId: string;
  readonly streamVersion: number | null;
  readonly type: string;
  readonly actor: { readonly id: string | null; readonly name: string | null };
  readonly recordedAt: string | null;
  /** null when withheld. */
  readonly data: unknown;
  /** Only the actor when withheld. */
  readonly metadata: unknown;
  /** COMMON-3 true when the stream's secrecy level is above the reader's clearance: type, actor and time only. */
  readonly withheld?: true;
  readonly chainStatus: 'ok' | 'broken';
  readonly chainProblems: unknown;
  /** The Merkle leaf of this entry, H(0x00 ‖ canonical envelope): what an inclusion proof proves. */
  readonly leafHash: string;
  readonly log: string;
  readonly index: number;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

export interface FindingView {
  readonly id: string;
  readonly rule: string;
  readonly severity: string;
  readonly status: string;
  readonly title: string;
  readonly streamIds: readonly string[];
  readonly eventIds: readonly string[];
  /** null when withheld. */
  readonly detail: unknown;
  /** COMMON-3 true when a stream it concerns is above the reader's clearance. */
  readonly withheld?: true;
  readonly services: readonly string[];
  readonly units: readonly string[];
  readonly occurredAt: string | null;
  readonly detectedAt: string;
  readonly annotations: unknown;
}

export interface FindingFilter {
  readonly rule?: string;
  readonly status?: string;
  readonly severity?: string;
  readonly service?: string;
  readonly unit?: string;
  /** On the instant of the latest proving event. */
  readonly from?: string;
  readonly to?: string;
}

export interface EntryFilter {
  readonly service?: string;
  readonly type?: string;
  readonly actorId?: string;
  readonly streamId?: string;
  readonly streamType?: string;
  /** Only the refused and denied attempts on this item: its id in the request's path, or the item a probe asked for. */
  readonly concerning?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  /** Only what the checkpoint covers (an export's cut). */
  readonly checkpointId?: number;
}

interface EntryRow {
  event_id: string;
  service: string;
  stream_type: string;
  stream_id: string;
  stream_version: number | null;
  type: string;
  actor_id: string | null;
  actor_name: string | null;
  recorded_at: Date | null;
  envelope: string;
  chain_status: 'ok' | 'broken';
  chain_problems: unknown;
  leaf_hash: string;
  log: string;
  log_index: string;
  topic: string;
  partition: number;
  offset: string;
}

const DEFAULT_LIMIT = 1000;

/** Entries by service, type, actor, stream and period, in recording order; an export's cut when a checkpoint is named. */
export class AuditEntriesQuery extends Query<AuditEntryView[]> {
  constructor(
    readonly filter: EntryFilter,
    /** COMMON-3 who reads: what the entries show depends on their clearance. */
    readonly reader: Reader,
  ) {
    super();
  }
}

/** Every entry of a stream, in version order (then arrival), broken ones included and marked. */
export class AuditStreamHistoryQuery extends Query<AuditEntryView[]> {
  constructor(
    readonly streamId: string,
    readonly reader: Reader,
    readonly streamType?: string,
  ) {
    super();
  }
}

/** 合规发现 by rule, status, severity, service, unit and period, in detection order. */
export class FindingListQuery extends Query<FindingView[]> {
  constructor(
    readonly filter: FindingFilter,
    readonly reader: Reader,
  ) {
    super();
  }
}

/** One finding with its annotations (404 when there is none). */
export class FindingQuery extends Query<FindingView> {
  constructor(
    readonly findingId: string,
    readonly reader: Reader,
  ) {
    super();
  }
}

export interface AuditLogView {
  readonly log: string;
  readonly topic: string;
  readonly partition: number;
  readonly size: number;
}

/** The logs (one per topic partition) and their current sizes. */
export class AuditLogsQuery extends Query<AuditLogView[]> {}

/** COMMON-3 an entry of a stream above the reader's clearance: that it happened, its type, actor and time. */
function withheld(entry: AuditEntryView): AuditEntryView {
  return { ...entry, data: null, metadata: { actor: entry.actor }, withheld: true };
}

async function asReadBy(runtime: ServiceRuntime, reader: Reader, entries: AuditEntryView[]): Promise<AuditEntryView[]> {
  const levels = await streamLevels(runtime.dataSource, entries.map((entry) => entry.streamId));
  return entries.map((entry) => {
    const level = levels.get(entry.streamId);
    return level === undefined || admits(reader, level) ? entry : withheld(entry);
  });
}

/** COMMON-3 a finding on a stream above the reader's clearance keeps its rule, title, streams and events, not its detail (it may name the item). */
async function findingsReadBy(runtime: ServiceRuntime, reader: Reader, findings: FindingView[]): Promise<FindingView[]> {
  const levels = await streamLevels(runtime.dataSource, findings.flatMap((finding) => finding.streamIds));
  return findings.map((finding) => {
    const hidden = finding.streamIds.some((streamId) => {
      const level = levels.get(streamId);
      return level !== undefined && !admits(reader, level);
    });
    return hidden ? { ...finding, detail: null, withheld: true as const } : finding;
  });
}

function selectEntries(runtime: ServiceRuntime, filter: EntryFilter, order: string): Promise<AuditEntryView[]> {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const where = (column: string, operator: string, value: unknown) => {
    if (value === undefined) return;
    parameters.push(value);
    conditions.push(`${column} ${operator} $${parameters.length}`);
  };
  where('service', '=', filter.service);
  where('type', '=', filter.type);
  where('actor_id', '=', filter.actorId);
  where('stream_id', '=', filter.streamId);
  where('stream_type', '=', filter.streamType);
  if (filter.concerning !== undefined) {
    parameters.push(filter.concerning, [SECURITY_STREAM_TYPE, REFUSAL_STREAM_TYPE]);
    const id = `$${parameters.length - 1}`;
    conditions.push(
      `stream_type = ANY($${parameters.length}) AND (envelope::jsonb #>> '{data,itemId}' = ${id} OR strpos('/' || (envelope::jsonb #>> '{data,path}') || '/', '/' || ${id} || '/') > 0)`,
    );
  }
  where('recorded_at', '>=', filter.from);
  where('recorded_at', '<', filter.to);
  if (filter.checkpointId !== undefined) {
    // a log the checkpoint does not know yet gives NULL here, so none of its entries
    parameters.push(filter.checkpointId);
    conditions.push(`log_index < (SELECT size FROM "audit".checkpoint_logs c WHERE c.log = entries.log AND c.checkpoint_id = $${parameters.length})`);
  }
  parameters.push(filter.limit ?? DEFAULT_LIMIT);
  return runtime.dataSource
    .query(
      `SELECT event_id, service, stream_type, stream_id, stream_version, type, actor_id, actor_name, recorded_at, envelope, chain_status, chain_problems, leaf_hash,
              log, log_index, topic, partition, "offset"
         FROM "audit".entries ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY ${order} LIMIT $${parameters.length}`,
      parameters,
    )
    .then((rows: EntryRow[]) => rows.map(toEntryView));
}

const FINDING_FIELDS = 'id, rule, severity, status, title, stream_ids, event_ids, detail, services, units, occurred_at, detected_at, annotations';

@QueryHandler(AuditEntriesQuery)
export class AuditEntriesQueryHandler implements IQueryHandler<AuditEntriesQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute({ filter, reader }: AuditEntriesQuery): Promise<AuditEntryView[]> {
    return asReadBy(this.runtime, reader, await selectEntries(this.runtime, filter, 'recorded_at, id'));
  }
}

@QueryHandler(AuditStreamHistoryQuery)
export class AuditStreamHistoryQueryHandler implements IQueryHandler<AuditStreamHistoryQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute({ streamId, streamType, reader }: AuditStreamHistoryQuery): Promise<AuditEntryView[]> {
    return asReadBy(this.runtime, reader, await selectEntries(this.runtime, { streamId, streamType, limit: 100000 }, 'stream_version NULLS LAST, id'));
  }
}

@QueryHandler(FindingListQuery)
export class FindingListQueryHandler implements IQueryHandler<FindingListQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute({ filter, reader }: FindingListQuery): Promise<FindingView[]> {
    const rows: FindingRow[] = await this.runtime.dataSource.query(
      `SELECT ${FINDING_FIELDS} FROM "audit".findings
        WHERE ($1::text IS NULL OR rule = $1) AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR severity = $3)
          AND ($4::text IS NULL OR $4 = ANY (services)) AND ($5::text IS NULL OR $5 = ANY (units))
          AND ($6::timestamptz IS NULL OR occurred_at >= $6) AND ($7::timestamptz IS NULL OR occurred_at < $7)
        ORDER BY detected_at, id`,
      [filter.rule ?? null, filter.status ?? null, filter.severity ?? null, filter.service ?? null, filter.unit ?? null, filter.from ?? null, filter.to ?? null],
    );
    return findingsReadBy(this.runtime, reader, rows.map(toFindingView));
  }
}

@QueryHandler(FindingQuery)
export class FindingQueryHandler implements IQueryHandler<FindingQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute({ findingId, reader }: FindingQuery): Promise<FindingView> {
    const rows: FindingRow[] = await this.runtime.dataSource.query(`SELECT ${FINDING_FIELDS} FROM "audit".findings WHERE id = $1`, [findingId]);
    const [finding] = await findingsReadBy(this.runtime, reader, rows.map(toFindingView));
    if (!finding) throw new NotFoundException({ code: 'AUDIT.FINDING_NOT_FOUND', title: '发现不存在' });
    return finding;
  }
}

@QueryHandler(AuditLogsQuery)
export class AuditLogsQueryHandler implements IQueryHandler<AuditLogsQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute(): Promise<AuditLogView[]> {
    const rows: Array<{ log: string; topic: string; partition: number; size: string }> = await this.runtime.dataSource.query(`SELECT log, topic, partition, size FROM "audit".logs ORDER BY log`);
    return rows.map((row) => ({ ...row, size: Number(row.size) }));
  }
}

function toEntryView(row: EntryRow): AuditEntryView {
  const envelope = JSON.parse(row.envelope) as { data?: unknown; metadata?: unknown };
  return {
    eventId: row.event_id,
    service: row.service,
    streamType: row.stream_type,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    actor: { id: row.actor_id, name: row.actor_name },
    recordedAt: row.recorded_at?.toISOString() ?? null,
    data: envelope.data ?? null,
    metadata: envelope.metadata ?? null,
    chainStatus: row.chain_status,
    chainProblems: row.chain_problems,
    leafHash: row.leaf_hash,
    log: row.log,
    index: Number(row.log_index),
    topic: row.topic,
    partition: row.partition,
    offset: Number(row.offset),
  };
}

interface FindingRow {
  id: string;
  rule: string;
  severity: string;
  status: string;
  title: string;
  stream_ids: string[];
  event_ids: string[];
  detail: unknown;
  services: string[];
  units: string[];
  occurred_at: Date | null;
  detected_at: Date;
  annotations: unknown;
}

function toFindingView(row: FindingRow): FindingView {
  return {
    id: row.id,
    rule: row.rule,
    severity: row.severity,
    status: row.status,
    title: row.title,
    streamIds: row.stream_ids,
    eventIds: row.event_ids,
    detail: row.detail,
    services: row.services,
    units: row.units,
    occurredAt: row.occurred_at?.toISOString() ?? null,
    detectedAt: row.detected_at.toISOString(),
    annotations: row.annotations,
  };
}
