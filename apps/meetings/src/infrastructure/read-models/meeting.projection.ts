import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import type { InlineProjection } from '@oa/platform';
import { meetingDecider, type MeetingEvent } from '@oa/domain-meetings';
import { MeetingReadModel } from './meeting.entity';

/** The list's status after each lifecycle event; other events only move the version. */
const STATUS_AFTER: Partial<Record<MeetingEvent['type'], string>> = {
  MeetingOpened: 'inProgress',
  MeetingClosed: 'closed',
  MeetingCancelled: 'cancelled',
};

/** Keeps the meetings list in the append's transaction; an event that does not fit is skipped. */
export const meetingListProjection: InlineProjection = async (manager: EntityManager, events: readonly EventEnvelope[]) => {
  const repository = manager.getRepository(MeetingReadModel);
  for (const envelope of events) {
    if (envelope.streamType !== meetingDecider.streamType) continue;
    const event = { type: envelope.type, data: envelope.data } as MeetingEvent;
    const at = new Date(envelope.recordedAt);
    if (event.type === 'MeetingScheduled') {
      const { meetingId, committeeId, kind, title, place, chairId, recorderId, startsAt, endsAt } = event.data;
      await repository.upsert(
        { id: meetingId, committeeId, kind, title, status: 'scheduled', place, chairId, recorderId, startsAt: new Date(startsAt), endsAt: new Date(endsAt), version: envelope.streamVersion, updatedAt: at },
        ['id'],
      );
      continue;
    }
    const status = STATUS_AFTER[event.type];
    await repository.update({ id: envelope.streamId }, { version: envelope.streamVersion, updatedAt: at, ...(status !== undefined && { status }) });
  }
};
