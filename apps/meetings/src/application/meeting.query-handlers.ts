import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventStore, historyOf, readableOrHidden, type FoldedStream, type HistoryEntry, type Versioned } from '@oa/platform';
import { mayRead, type Actor } from '@oa/core';
import {
  isClassified,
  meetingDecider,
  meetingNeedToKnow,
  meetingSecrecyLevel,
  minutesAsOf,
  minutesDecider,
  minutesEventTime,
  type MeetingState,
  type MinutesContent,
  type MinutesEvent,
  type MinutesState,
  type SupervisionTaskDetails,
} from '@oa/domain-meetings';
import { MeetingTexts, unsealed } from '../infrastructure/texts/meeting-text.store';
import { MeetingReadStore, type MeetingListFilter } from '../infrastructure/read-models/meeting-read-store';
import { SupervisionTaskReadStore, type SupervisionTaskListFilter } from '../infrastructure/read-models/supervision-task-read-store';
import { minutesStreamId, notFound } from '../meetings.service-definition';

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

export interface SupervisionTaskListItem extends Pick<SupervisionTaskDetails, 'meetingId' | 'itemId' | 'description' | 'ownerUnit' | 'ownerPersonId' | 'deadline'> {
  readonly id: string;
  readonly status: string;
  readonly lastProgress?: string;
  readonly version: number;
}

export interface MinutesHistory {
  readonly meetingId: string;
  readonly status: string;
  readonly versions: unknown[];
  readonly amendments: AmendmentRecord[];
  readonly events: HistoryEntry[];
}

const minutesNotFound = notFound('会议记录');
const meetingNotFound = notFound('会议');

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

/** COMMON-3 (MTG-10) the need-to-know of minutes: the chair, the recorder, and the members and attendees they record. */
function minutesNeedToKnow(state: Exclude<MinutesState, { status: 'empty' }>): string[] {
  const contents = state.status === 'drafted' ? [state.draft] : state.versions.map((version) => version.content);
  const people = contents.flatMap((content) => [...content.present, ...content.absent].map((member) => member.memberId).concat(content.nonVotingAttendees.map((person) => person.personId)));
  return [...new Set([state.chairId, state.recorderId, ...people])];
}

/**
 * COMMON-3: 内部 minutes need the reader's clearance, 秘密 and above a place on the list; otherwise
 * the answer is the 404 of missing minutes, word for word, and the probe is recorded (AUD-11).
 */
function readable(state: MinutesState, meetingId: string, actor: Actor): void {
  if (state.status === 'empty') return;
  readableOrHidden(actor, meetingId, { secrecyLevel: state.secrecyLevel, needToKnow: minutesNeedToKnow(state) }, { streamType: minutesDecider.streamType, itemId: minutesStreamId(meetingId), notFound: minutesNotFound });
}

/** COMMON-3 (MTG-10) a meeting at its level in force, for the members, chair, recorder and attendees; anyone else a missing meeting's 404, the probe on record (AUD-11). */
function readableMeeting(state: MeetingState, meetingId: string, actor: Actor): void {
  // the answer for a meeting that does not exist, word for word: a 403 would say it is there
  if (state.status === 'empty') return;
  readableOrHidden(actor, meetingId, { secrecyLevel: meetingSecrecyLevel(state), needToKnow: meetingNeedToKnow(state) }, { streamType: meetingDecider.streamType, notFound: meetingNotFound });
}

/** 会议 now or as of an instant, as the actor may read it (COMMON-3); a classified meeting's texts opened from their digests. */
export class MeetingStateQuery extends Query<Versioned<MeetingState>> {
  constructor(
    readonly meetingId: string,
    readonly actor: Actor,
    readonly asOf?: string,
  ) {
    super();
  }
}

/** 会议的全部事件 as the actor may read them (COMMON-3): the events as recorded, digests and all. */
export class MeetingHistoryQuery extends Query<HistoryEntry[]> {
  constructor(
    readonly meetingId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(MeetingStateQuery)
export class MeetingStateQueryHandler implements IQueryHandler<MeetingStateQuery> {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(MeetingTexts) private readonly texts: MeetingTexts,
  ) {}

  async execute({ meetingId, actor, asOf }: MeetingStateQuery): Promise<Versioned<MeetingState>> {
    const { state, version } = await this.store.foldStream(meetingDecider, meetingId, asOf === undefined ? {} : { asOf });
    if (state.status === 'empty') throw meetingNotFound(meetingId, asOf);
    readableMeeting(state, meetingId, actor);
    return { id: meetingId, version, state: isClassified(meetingSecrecyLevel(state)) ? unsealed(state, await this.texts.open(meetingId)) : state };
  }
}

@QueryHandler(MeetingHistoryQuery)
export class MeetingHistoryQueryHandler implements IQueryHandler<MeetingHistoryQuery> {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async execute({ meetingId, actor }: MeetingHistoryQuery): Promise<HistoryEntry[]> {
    const folded = await this.store.foldStream(meetingDecider, meetingId);
    if (folded.events.length === 0) throw meetingNotFound(meetingId);
    readableMeeting(folded.state, meetingId, actor);
    return historyOf(folded.events);
  }
}

/** 会议列表 by committee and status, from the read model. */
export class MeetingListQuery extends Query<MeetingListItem[]> {
  constructor(
    readonly filter: MeetingListFilter,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** 督办台账 by owner unit, open or all, from the read model. */
export class SupervisionTaskListQuery extends Query<SupervisionTaskListItem[]> {
  constructor(readonly filter: SupervisionTaskListFilter) {
    super();
  }
}

/** MTG-6 the minutes now, or as they stood at an instant (minutesAsOf), as the actor may read them. */
export class MinutesViewQuery extends Query<MinutesView> {
  constructor(
    readonly meetingId: string,
    readonly actor: Actor,
    readonly asOf?: string,
  ) {
    super();
  }
}

/** MTG-6 every finalized version (the original stays readable), every amendment, every event. */
export class MinutesHistoryQuery extends Query<MinutesHistory> {
  constructor(
    readonly meetingId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(MeetingListQuery)
export class MeetingListQueryHandler implements IQueryHandler<MeetingListQuery> {
  constructor(
    @Inject(MeetingReadStore) private readonly readStore: MeetingReadStore,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  /**
   * COMMON-3 (MTG-10): a meeting the actor may not read is left out, digest and all. Its level in
   * force and its need-to-know are the meeting stream's (a 干部任免 item raises it), so each listed
   * meeting is folded: a list is one committee's or one status's meetings, and long streams are kept.
   */
  async execute({ filter, actor }: MeetingListQuery): Promise<MeetingListItem[]> {
    const rows = await this.readStore.list(filter);
    const states = await Promise.all(rows.map(async (row) => (await this.store.foldStream(meetingDecider, row.id)).state));
    const readable = rows.filter((_, index) => {
      const state = states[index]!;
      return state.status === 'empty' || mayRead(actor, { secrecyLevel: meetingSecrecyLevel(state), needToKnow: meetingNeedToKnow(state) });
    });
    return readable.map((row) => ({
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
}

@QueryHandler(SupervisionTaskListQuery)
export class SupervisionTaskListQueryHandler implements IQueryHandler<SupervisionTaskListQuery> {
  constructor(@Inject(SupervisionTaskReadStore) private readonly readStore: SupervisionTaskReadStore) {}

  async execute({ filter }: SupervisionTaskListQuery): Promise<SupervisionTaskListItem[]> {
    return (await this.readStore.list(filter)).map((row) => ({
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
}

@QueryHandler(MinutesViewQuery)
export class MinutesViewQueryHandler implements IQueryHandler<MinutesViewQuery> {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(MeetingTexts) private readonly texts: MeetingTexts,
  ) {}

  async execute({ meetingId, actor, asOf }: MinutesViewQuery): Promise<MinutesView> {
    const folded = await this.store.foldStream(minutesDecider, minutesStreamId(meetingId));
    readable(folded.state, meetingId, actor);
    const all = minutesEventsOf(folded);
    const cutoff = asOf !== undefined ? Date.parse(asOf) : undefined;
    const kept = cutoff === undefined ? all : all.filter((event) => Date.parse(minutesEventTime(event)) <= cutoff);
    const state = asOf !== undefined ? minutesAsOf(all, asOf) : folded.state;
    if (state.status === 'empty') throw minutesNotFound(meetingId, asOf);
    const version = folded.events[kept.length - 1]?.streamVersion ?? 0;
    const current = state.status === 'finalized' ? state.versions.at(-1) : undefined;
    const view: MinutesView = {
      meetingId,
      version,
      state,
      content: current?.content ?? (state.status === 'drafted' ? state.draft : ({} as MinutesContent)),
      ...(current !== undefined && { minutesVersion: current.version }),
      signatures: signaturesOf(kept),
    };
    // MTG-10 a cleared reader on the list reads the texts kept beside the stream
    return isClassified(state.secrecyLevel) ? unsealed(view, await this.texts.open(meetingId)) : view;
  }
}

@QueryHandler(MinutesHistoryQuery)
export class MinutesHistoryQueryHandler implements IQueryHandler<MinutesHistoryQuery> {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async execute({ meetingId, actor }: MinutesHistoryQuery): Promise<MinutesHistory> {
    const folded = await this.store.foldStream(minutesDecider, minutesStreamId(meetingId));
    if (folded.state.status === 'empty') throw minutesNotFound(meetingId);
    readable(folded.state, meetingId, actor);
    const events = minutesEventsOf(folded);
    return {
      meetingId,
      status: folded.state.status,
      versions: folded.state.status === 'finalized' ? [...folded.state.versions] : [],
      amendments: amendmentsOf(events),
      events: historyOf(folded.events),
    };
  }
}
