import { EventStore, historyOf, type FoldedStream, type HistoryEntry } from '@oa/platform';
import { Inject, Injectable } from '@nestjs/common';
import { readableOrNotFound, type Actor } from '@oa/core';
import {
  committeeDecider,
  meetingDecider,
  minutesAsOf,
  minutesDecider,
  minutesEventTime,
  refuse,
  supervisionTaskDecider,
  type ExistingMeeting,
  type MinutesContent,
  type MinutesEvent,
  type MinutesState,
  type SupervisionTaskState,
  type CommitteeState,
} from '@oa/domain-meetings';
import { MeetingReadStore, type MeetingListFilter } from '../infrastructure/read-models/meeting-read-store';
import { SupervisionTaskReadStore, type SupervisionTaskListFilter } from '../infrastructure/read-models/supervision-task-read-store';
import { minutesStreamId } from '../meetings.service-definition';

export interface Versioned<S> {
  readonly id: string;
  readonly version: number;
  readonly state: S;
}

export interface Signature {
  readonly role: 'recorder' | 'chair';
  readonly signedBy: string;
  readonly signedAt: string;
}

/** The minutes as they stand (or stood): the state, the text then readable, and the signatures. */
export interface MinutesView {
  readonly meetingId: string;
  readonly version: number;
  readonly state: Exclude<MinutesState, { status: 'empty' }>;
  /** The draft before finalization, afterwards the version in force. */
  readonly content: MinutesContent;
  /** The finalized version number of `content` (absent for a draft). */
  readonly minutesVersion?: number;
  readonly signatures: readonly Signature[];
}

export interface AmendmentRecord {
  readonly amendmentId: string;
  readonly status: 'proposed' | 'approved' | 'rejected';
  readonly reason: string;
  readonly baseVersion: number;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  readonly version?: number;
  readonly rejectionReason?: string;
}

export interface MeetingListItem {
  readonly id: string;
  readonly committeeId: string;
  readonly kind: string;
  readonly title: string;
  readonly status: string;
  readonly place: string;
  readonly chairId: string;
  readonly recorderId: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly version: number;
}

export interface SupervisionTaskListItem {
  readonly id: string;
  readonly meetingId: string;
  readonly itemId: string;
  readonly description: string;
  readonly ownerUnit: string;
  readonly ownerPersonId?: string;
  readonly deadline: string;
  readonly status: string;
  readonly lastProgress?: string;
  readonly version: number;
}

const notFound = (what: string, id: string, asOf?: string) =>
  refuse('MEETINGS.NOT_FOUND', 'notFound', asOf !== undefined ? `${what} ${id} 在 ${asOf} 时尚不存在` : `${what} ${id} 不存在`);

function signaturesOf(events: readonly MinutesEvent[]): Signature[] {
  return events.flatMap((event) => (event.type === 'MinutesSigned' ? [{ role: event.data.role, signedBy: event.data.signedBy, signedAt: event.data.signedAt }] : []));
}

function amendmentsOf(events: readonly MinutesEvent[]): AmendmentRecord[] {
  const records = new Map<string, AmendmentRecord>();
  for (const event of events) {
    if (event.type === 'MinutesAmendmentProposed') {
      const { amendmentId, reason, baseVersion, proposedBy, proposedAt } = event.data;
      records.set(amendmentId, { amendmentId, status: 'proposed', reason, baseVersion, proposedBy, proposedAt });
    }
    const earlier = event.type === 'MinutesAmended' || event.type === 'MinutesAmendmentRejected' ? records.get(event.data.amendmentId) : undefined;
    if (earlier && event.type === 'MinutesAmended') {
      records.set(earlier.amendmentId, { ...earlier, status: 'approved', decidedBy: event.data.approvedBy, decidedAt: event.data.amendedAt, version: event.data.version });
    }
    if (earlier && event.type === 'MinutesAmendmentRejected') {
      records.set(earlier.amendmentId, { ...earlier, status: 'rejected', decidedBy: event.data.rejectedBy, decidedAt: event.data.rejectedAt, rejectionReason: event.data.reason });
    }
  }
  return [...records.values()];
}

const minutesEventsOf = (folded: FoldedStream<MinutesState>): MinutesEvent[] => folded.events.map(({ type, data }) => ({ type, data }) as MinutesEvent);

const asOfOption = (asOf: string | undefined) => (asOf !== undefined ? { asOf } : {});

/** The reads of the meetings service: streams folded on demand, the supervision list from its read model. */
@Injectable()
export class MeetingQueries {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(SupervisionTaskReadStore) private readonly supervisionTasks: SupervisionTaskReadStore,
    @Inject(MeetingReadStore) private readonly meetingList: MeetingReadStore,
  ) {}

  async meetings(filter: MeetingListFilter): Promise<MeetingListItem[]> {
    return (await this.meetingList.list(filter)).map((row) => ({
      id: row.id,
      committeeId: row.committeeId,
      kind: row.kind,
      title: row.title,
      status: row.status,
      place: row.place,
      chairId: row.chairId,
      recorderId: row.recorderId,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      version: row.version,
    }));
  }

  async committee(committeeId: string, asOf?: string): Promise<Versioned<Exclude<CommitteeState, { status: 'empty' }>>> {
    const { state, version } = await this.store.foldStream(committeeDecider, committeeId, asOfOption(asOf));
    if (state.status === 'empty') throw notFound('委员会', committeeId, asOf);
    return { id: committeeId, version, state };
  }

  async committeeHistory(committeeId: string): Promise<HistoryEntry[]> {
    return this.history(await this.store.foldStream(committeeDecider, committeeId), '委员会', committeeId);
  }

  async meeting(meetingId: string, asOf?: string): Promise<Versioned<ExistingMeeting>> {
    const { state, version } = await this.store.foldStream(meetingDecider, meetingId, asOfOption(asOf));
    if (state.status === 'empty') throw notFound('会议', meetingId, asOf);
    return { id: meetingId, version, state };
  }

  async meetingHistory(meetingId: string): Promise<HistoryEntry[]> {
    return this.history(await this.store.foldStream(meetingDecider, meetingId), '会议', meetingId);
  }

  /**
   * MTG-6 the minutes now, or as they stood at an instant (minutesAsOf). COMMON-3: 内部
   * minutes need the reader's clearance; otherwise the answer is the 404 of a missing item.
   */
  async minutes(meetingId: string, actor: Actor, asOf?: string): Promise<MinutesView> {
    const folded = await this.store.foldStream(minutesDecider, minutesStreamId(meetingId));
    this.readable(folded.state, meetingId, actor);
    const all = minutesEventsOf(folded);
    const cutoff = asOf !== undefined ? Date.parse(asOf) : undefined;
    const kept = cutoff === undefined ? all : all.filter((event) => Date.parse(minutesEventTime(event)) <= cutoff);
    const state = asOf !== undefined ? minutesAsOf(all, asOf) : folded.state;
    if (state.status === 'empty') throw notFound('会议记录', meetingId, asOf);
    const version = folded.events[kept.length - 1]?.streamVersion ?? 0;
    const current = state.status === 'finalized' ? state.versions.at(-1) : undefined;
    return {
      meetingId,
      version,
      state,
      content: current?.content ?? (state.status === 'drafted' ? state.draft : ({} as MinutesContent)),
      ...(current !== undefined && { minutesVersion: current.version }),
      signatures: signaturesOf(kept),
    };
  }

  /** MTG-6 every finalized version (the original stays readable), every amendment, every event. */
  async minutesHistory(meetingId: string, actor: Actor): Promise<{
    readonly meetingId: string;
    readonly status: string;
    readonly versions: unknown[];
    readonly amendments: AmendmentRecord[];
    readonly events: HistoryEntry[];
  }> {
    const folded = await this.store.foldStream(minutesDecider, minutesStreamId(meetingId));
    if (folded.state.status === 'empty') throw notFound('会议记录', meetingId);
    this.readable(folded.state, meetingId, actor);
    const events = minutesEventsOf(folded);
    return {
      meetingId,
      status: folded.state.status,
      versions: folded.state.status === 'finalized' ? [...folded.state.versions] : [],
      amendments: amendmentsOf(events),
      events: historyOf(folded.events),
    };
  }

  async supervisionTask(taskId: string, asOf?: string): Promise<Versioned<Exclude<SupervisionTaskState, { status: 'empty' }>>> {
    const { state, version } = await this.store.foldStream(supervisionTaskDecider, taskId, asOfOption(asOf));
    if (state.status === 'empty') throw notFound('督办事项', taskId, asOf);
    return { id: taskId, version, state };
  }

  async supervisionTaskHistory(taskId: string): Promise<HistoryEntry[]> {
    return this.history(await this.store.foldStream(supervisionTaskDecider, taskId), '督办事项', taskId);
  }

  async supervisionTaskList(filter: SupervisionTaskListFilter): Promise<SupervisionTaskListItem[]> {
    return (await this.supervisionTasks.list(filter)).map((row) => ({
      id: row.id,
      meetingId: row.meetingId,
      itemId: row.itemId,
      description: row.description,
      ownerUnit: row.ownerUnit,
      ...(row.ownerPersonId !== null && { ownerPersonId: row.ownerPersonId }),
      deadline: row.deadline,
      status: row.status,
      ...(row.lastProgress !== null && { lastProgress: row.lastProgress }),
      version: row.version,
    }));
  }

  private readable(state: MinutesState, meetingId: string, actor: Actor): void {
    if (state.status !== 'empty') readableOrNotFound(actor, meetingId, { secrecyLevel: state.secrecyLevel, needToKnow: [state.chairId, state.recorderId] });
  }

  private history(folded: FoldedStream<unknown>, what: string, id: string): HistoryEntry[] {
    if (folded.events.length === 0) throw notFound(what, id);
    return historyOf(folded.events);
  }
}
