import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import type { InlineProjection } from '@oa/platform';
import type { IncomingDocumentEvent } from '@oa/domain-documents';

/**
 * DOC-10 the handling deadline of each incoming document in handling, kept in the append's
 * transaction for the reminder job: a (re)assignment sets the deadline (a new deadline starts a
 * new round, as in the domain), a reminder / an escalation records the deadline it was raised
 * for, completion takes the document off.
 */
export const incomingDeadlinesProjection: InlineProjection = async (manager: EntityManager, events: readonly EventEnvelope[]) => {
  for (const envelope of events) {
    if (envelope.streamType !== 'incomingDocument') continue;
    const event = { type: envelope.type, data: envelope.data } as IncomingDocumentEvent;
    switch (event.type) {
      case 'IncomingDocumentHandlingAssigned':
        await manager.query(
          `INSERT INTO "documents".incoming_deadlines (document_id, deadline) VALUES ($1, $2)
           ON CONFLICT (document_id) DO UPDATE SET deadline = EXCLUDED.deadline`,
          [envelope.streamId, event.data.deadline],
        );
        break;
      case 'IncomingDocumentReminderRaised':
        await manager.query(`UPDATE "documents".incoming_deadlines SET reminded_for = $2 WHERE document_id = $1`, [envelope.streamId, event.data.deadline]);
        break;
      case 'IncomingDocumentEscalated':
        await manager.query(`UPDATE "documents".incoming_deadlines SET escalated_for = $2 WHERE document_id = $1`, [envelope.streamId, event.data.deadline]);
        break;
      case 'IncomingDocumentCompleted':
        await manager.query(`DELETE FROM "documents".incoming_deadlines WHERE document_id = $1`, [envelope.streamId]);
        break;
      default:
        break;
    }
  }
};
