import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import type { InlineProjection } from '@oa/platform';
import type { InformationSubmissionEvent, InstructionEvent, MeetingDecisionEvent, SupervisionSource, SupervisionTaskEvent } from '@oa/domain-affairs';

/** What a task's line points back to: the decision's item, the instruction, or nothing (a 交办). */
export function sourceRef(source: SupervisionSource): string | null {
  if (source.kind === 'meetingDecision') return `${source.meetingId}/${source.itemId}`;
  return source.kind === 'instruction' ? source.instructionId : null;
}

/**
 * The lists, kept in the append's transaction. A recorded event is a fact: one that does not
 * fit (no row yet, unknown type) is skipped, never thrown on.
 */
export const supervisionTaskListProjection: InlineProjection = async (manager: EntityManager, events: readonly EventEnvelope[]) => {
  for (const envelope of events) {
    if (envelope.streamType !== 'supervision') continue;
    const event = { type: envelope.type, data: envelope.data } as SupervisionTaskEvent;
    const at = envelope.recordedAt;
    switch (event.type) {
      case 'SupervisionTaskAssigned': {
        const { taskId, source, assigner, ownerUnit, responsiblePerson, requirement, deadline } = event.data;
        await manager.query(
          `INSERT INTO "affairs".supervision_tasks (id, source_kind, source_ref, assigner_name, owner_unit, responsible_name, requirement, deadline, status, assigned_at, version, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10, $9) ON CONFLICT (id) DO NOTHING`,
          [taskId, source.kind, sourceRef(source), assigner.name, ownerUnit, responsiblePerson.name, requirement, deadline, at, envelope.streamVersion],
        );
        break;
      }
      case 'SupervisionTaskEscalated':
        await manager.query(`UPDATE "affairs".supervision_tasks SET escalation = $2, version = $3, updated_at = $4 WHERE id = $1`, [envelope.streamId, event.data.step, envelope.streamVersion, at]);
        break;
      case 'SupervisionClosingSubmitted':
      case 'SupervisionClosingReturned': {
        const status = event.type === 'SupervisionClosingSubmitted' ? 'awaitingAcceptance' : 'open';
        await manager.query(`UPDATE "affairs".supervision_tasks SET status = $2, version = $3, updated_at = $4 WHERE id = $1`, [envelope.streamId, status, envelope.streamVersion, at]);
        break;
      }
      case 'SupervisionTaskAccepted':
        await manager.query(`UPDATE "affairs".supervision_tasks SET status = 'closed', closed_at = $2, late = $3, version = $4, updated_at = $2 WHERE id = $1`, [envelope.streamId, at, event.data.late, envelope.streamVersion]);
        break;
      default:
        await manager.query(`UPDATE "affairs".supervision_tasks SET version = $2, updated_at = $3 WHERE id = $1`, [envelope.streamId, envelope.streamVersion, at]);
    }
  }
};

export const instructionListProjection: InlineProjection = async (manager: EntityManager, events: readonly EventEnvelope[]) => {
  for (const envelope of events) {
    if (envelope.streamType !== 'leaderInstruction') continue;
    const event = { type: envelope.type, data: envelope.data } as InstructionEvent;
    if (event.type === 'InstructionRecorded') {
      const { instructionId, documentId, leader, text, dispositionDueOn } = event.data;
      await manager.query(
        `INSERT INTO "affairs".instructions (id, document_id, leader_name, text, due_on, status, version, updated_at) VALUES ($1, $2, $3, $4, $5, 'awaitingDisposition', $6, $7) ON CONFLICT (id) DO NOTHING`,
        [instructionId, documentId, leader.name, text, dispositionDueOn, envelope.streamVersion, envelope.recordedAt],
      );
    } else {
      const [status, taskId] = event.type === 'InstructionTurnedIntoTask' ? ['turnedIntoTask', event.data.taskId] : ['needsNoTask', null];
      await manager.query(`UPDATE "affairs".instructions SET status = $2, task_id = $3, version = $4, updated_at = $5 WHERE id = $1`, [envelope.streamId, status, taskId, envelope.streamVersion, envelope.recordedAt]);
    }
  }
};

export const informationSubmissionProjection: InlineProjection = async (manager: EntityManager, events: readonly EventEnvelope[]) => {
  for (const envelope of events) {
    if (envelope.streamType !== 'informationSubmission') continue;
    const { data } = { data: envelope.data } as { data: InformationSubmissionEvent['data'] };
    await manager.query(`INSERT INTO "affairs".information_submissions (id, unit_id, period, title) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`, [data.submissionId, data.unitId, data.period, data.title]);
  }
};

export const meetingDecisionListProjection: InlineProjection = async (manager: EntityManager, events: readonly EventEnvelope[]) => {
  for (const envelope of events) {
    if (envelope.streamType !== 'meetingDecision') continue;
    const { data } = { data: envelope.data } as { data: MeetingDecisionEvent['data'] };
    await manager.query(
      `INSERT INTO "affairs".meeting_decisions (id, meeting_id, item_id, title, outcome, chair_name, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
      [data.decisionId, data.meetingId, data.itemId, data.title, data.outcome, data.chair.name, data.decidedAt],
    );
  }
};
