import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import type { InlineProjection } from '@oa/platform';
import { findingReviewStreamType, type FindingReviewEvent } from '@oa/domain-audit';

const STATUS_AFTER: Record<FindingReviewEvent['type'], string> = { FindingAcknowledged: 'acknowledged', FindingDisputed: 'disputed', FindingResolved: 'resolved' };

/** The finding's status and annotations, in the review's transaction. */
export const findingReviewProjection: InlineProjection = async (manager: EntityManager, events: readonly EventEnvelope[]) => {
  for (const envelope of events) {
    if (envelope.streamType !== findingReviewStreamType) continue;
    const event = { type: envelope.type, data: envelope.data } as FindingReviewEvent;
    const annotation = { action: STATUS_AFTER[event.type], note: event.data.note, by: event.data.by, byName: envelope.metadata.actor.name, at: event.data.at, eventId: envelope.eventId };
    await manager.query(`UPDATE "audit".findings SET status = $2, annotations = annotations || $3::jsonb WHERE id = $1`, [
      envelope.streamId,
      STATUS_AFTER[event.type],
      JSON.stringify([annotation]),
    ]);
  }
};
