import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { fold, type Decider, type DomainEvent, type EventEnvelope } from '@oa/core';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import { admits, streamLevels, type Reader } from './secrecy-levels';
import { findingReviewDecider } from '@oa/domain-audit';
import { archivalCodeSequenceDecider, archiveItemDecider } from '@oa/domain-archives';
import { documentNumberLedgerDecider, incomingDocumentDecider, outgoingDocumentDecider } from '@oa/domain-documents';
import { committeeDecider, meetingDecider, minutesDecider, supervisionTaskDecider } from '@oa/domain-meetings';
import { personDecider, unitDecider } from '@oa/domain-directory';
import { dutyDayDecider, emergencyReportDecider, informationSubmissionDecider, instructionDecider, supervisionTaskDecider as affairsSupervisionDecider } from '@oa/domain-affairs';
import { sealDecider, sealUsageApplicationDecider } from '@oa/domain-seals';

export type AnyDecider = Pick<Decider<never, DomainEvent, unknown>, 'streamType' | 'initialState' | 'evolve'>;

/**
 * Every aggregate the trail holds, with the service that owns it and the same pure evolve the
 * service folds with (ARCHITECTURE.md: the audit never re-implements a rule).
 */
const foldable = (service: string, decider: unknown) => [service, decider as AnyDecider] as const;
const FOLDABLE: ReadonlyArray<readonly [service: string, decider: AnyDecider]> = [
  foldable('seals', sealDecider),
  foldable('seals', sealUsageApplicationDecider),
  foldable('documents', outgoingDocumentDecider),
  foldable('documents', incomingDocumentDecider),
  foldable('documents', documentNumberLedgerDecider),
  foldable('meetings', committeeDecider),
  foldable('meetings', meetingDecider),
  foldable('meetings', minutesDecider),
  foldable('meetings', supervisionTaskDecider),
  foldable('archives', archiveItemDecider),
  foldable('archives', archivalCodeSequenceDecider),
  foldable('audit', findingReviewDecider),
  foldable('directory', personDecider),
  foldable('directory', unitDecider),
  foldable('affairs', affairsSupervisionDecider),
  foldable('affairs', instructionDecider),
  foldable('affairs', dutyDayDecider),
  foldable('affairs', emergencyReportDecider),
  foldable('affairs', informationSubmissionDecider),
];

export const FOLDABLE_STREAM_TYPES = FOLDABLE.map(([, decider]) => decider.streamType);

/** The owning service and the decider of a stream type, if the audit can fold it. */
export const foldableOf = (streamType: string): readonly [service: string, decider: AnyDecider] | undefined => FOLDABLE.find(([, decider]) => decider.streamType === streamType);

export interface StreamStateView {
  readonly streamId: string;
  readonly streamType: string;
  readonly service: string;
  /** The version reached at `asOf` (the last event folded). */
  readonly version: number;
  readonly asOf: string;
  /** recordedAt of the last event folded. */
  readonly lastChangedAt: string;
  /** False when an event of the stream up to `asOf` arrived with a broken chain (AUD-10): the state is then not to be trusted. */
  readonly chainIntact: boolean;
  /** null when withheld. */
  readonly state: unknown;
  /** COMMON-3 true when the stream's secrecy level is above the reader's clearance: the version and times only. */
  readonly withheld?: true;
}

/** 状态回溯: a stream's state at an instant, folded from the trail. */
export class AuditStreamStateQuery extends Query<StreamStateView> {
  constructor(
    readonly streamId: string,
    readonly streamType: string,
    readonly asOf: string,
    readonly reader: Reader,
  ) {
    super();
  }
}

@QueryHandler(AuditStreamStateQuery)
export class AuditStreamStateQueryHandler implements IQueryHandler<AuditStreamStateQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute({ streamId, streamType, asOf, reader }: AuditStreamStateQuery): Promise<StreamStateView> {
    const [service, decider] = foldableOf(streamType) ?? [];
    if (!service || !decider) throw new NotFoundException({ code: 'AUDIT.STREAM_NOT_FOUND', title: '审计记录中没有该流' });
    // a version seen twice (a forged copy) counts once: the first arrival, as the ingest keeps it
    const rows: Array<{ envelope: string; chain_status: string }> = await this.runtime.dataSource.query(
      `SELECT DISTINCT ON (stream_version) envelope, chain_status FROM "audit".entries
        WHERE service = $1 AND stream_type = $2 AND stream_id = $3 AND recorded_at <= $4 AND stream_version IS NOT NULL
        ORDER BY stream_version, id`,
      [service, streamType, streamId, asOf],
    );
    const events = rows.map((row) => JSON.parse(row.envelope) as EventEnvelope);
    const last = events.at(-1);
    if (!last) throw new NotFoundException({ code: 'AUDIT.STREAM_NOT_FOUND', title: '审计记录中没有该流', detail: `${asOf} 之前该流尚无事件` });
    const view = {
      streamId,
      streamType,
      service,
      version: last.streamVersion,
      asOf,
      lastChangedAt: last.recordedAt,
      chainIntact: rows.every((row) => row.chain_status === 'ok'),
    };
    const level = (await streamLevels(this.runtime.dataSource, [streamId])).get(streamId);
    if (level !== undefined && !admits(reader, level)) return { ...view, state: null, withheld: true };
    return {
      ...view,
      state: fold(decider, events.map((event) => ({ type: event.type, data: event.data as object, schemaVersion: event.schemaVersion }))),
    };
  }
}
