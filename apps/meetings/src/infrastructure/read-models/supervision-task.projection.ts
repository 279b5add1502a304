import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import type { InlineProjection } from '@oa/platform';
import { supervisionTaskDecider, type SupervisionTaskEvent } from '@oa/domain-meetings';
import { SupervisionTaskReadModel } from './supervision-task.entity';

/**
 * Keeps the supervision list in the append's transaction. A recorded event is a fact: an
 * event that does not fit (no row yet, unknown type) is skipped, never thrown on.
 */
export const supervisionTaskListProjection: InlineProjection = async (manager: EntityManager, events: readonly EventEnvelope[]) => {
  const repository = manager.getRepository(SupervisionTaskReadModel);
  for (const envelope of events) {
    if (envelope.streamType !== supervisionTaskDecider.streamType) continue;
    const event = { type: envelope.type, data: envelope.data } as SupervisionTaskEvent;
    const at = new Date(envelope.recordedAt);
    const changes: Partial<SupervisionTaskReadModel> = { version: envelope.streamVersion, updatedAt: at };
    switch (event.type) {
      case 'SupervisionTaskCreated': {
        const { taskId, meetingId, itemId, description, ownerUnit, ownerPersonId, deadline } = event.data;
        await repository.upsert(
          {
            id: taskId,
            meetingId,
            itemId,
            description,
            ownerUnit,
            ownerPersonId: ownerPersonId ?? null,
            deadline,
            status: 'open',
            lastProgress: null,
            version: envelope.streamVersion,
            createdAt: at,
            updatedAt: at,
          },
          ['id'],
        );
        continue;
      }
      case 'SupervisionProgressReported':
        changes.lastProgress = event.data.summary;
        break;
      case 'SupervisionTaskMarkedOverdue':
        changes.status = 'overdue';
        break;
      case 'SupervisionTaskClosed':
        changes.status = 'closed';
        break;
      default:
        break;
    }
    await repository.update({ id: envelope.streamId }, changes);
  }
};
