import { Inject, Injectable } from '@nestjs/common';
import type { Decider, DomainEvent, EventEnvelope } from '@oa/core';
import { EventStore, type FoldedStream, type ReadOptions } from '@oa/platform';
import {
  committeeDecider,
  meetingDecider,
  minutesDecider,
  refuse,
  supervisionTaskDecider,
  type CommitteeState,
  type ExistingMeeting,
  type MeetingState,
  type MinutesEvent,
  type MinutesState,
  type SupervisionTaskState,
} from '@oa/domain-meetings';

export type Folded<S> = FoldedStream<S>;

export const asEvent = <E>(envelope: EventEnvelope): E => ({ type: envelope.type, data: envelope.data, schemaVersion: envelope.schemaVersion }) as E;

/**
 * The minutes of a meeting are their own stream; the store keys versions by stream id alone,
 * so the minutes stream id is derived from the meeting's id (its events carry `meetingId`).
 */
export const minutesStreamId = (meetingId: string): string => `minutes-${meetingId}`;

/** Loads and folds the meetings service's streams: for reads, and for facts before a command. */
@Injectable()
export class MeetingStreams {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  private load<E extends DomainEvent, S>(
    decider: Pick<Decider<never, E, S>, 'streamType' | 'initialState' | 'evolve'>,
    streamId: string,
    options: ReadOptions,
  ): Promise<Folded<S>> {
    return this.store.foldStream(decider, streamId, options);
  }

  committee(committeeId: string, options: ReadOptions = {}): Promise<Folded<CommitteeState>> {
    return this.load(committeeDecider, committeeId, options);
  }

  meeting(meetingId: string, options: ReadOptions = {}): Promise<Folded<MeetingState>> {
    return this.load(meetingDecider, meetingId, options);
  }

  minutes(meetingId: string, options: ReadOptions = {}): Promise<Folded<MinutesState>> {
    return this.load(minutesDecider, minutesStreamId(meetingId), options);
  }

  minutesEvents(folded: Folded<MinutesState>): MinutesEvent[] {
    return folded.events.map(asEvent<MinutesEvent>);
  }

  supervisionTask(taskId: string, options: ReadOptions = {}): Promise<Folded<SupervisionTaskState>> {
    return this.load(supervisionTaskDecider, taskId, options);
  }

  /** The meeting as its stream says now, or 404. */
  async existingMeeting(meetingId: string): Promise<ExistingMeeting> {
    const { state } = await this.meeting(meetingId);
    if (state.status === 'none') throw refuse('MEETINGS.NOT_FOUND', 'notFound', `会议 ${meetingId} 不存在`);
    return state;
  }
}
