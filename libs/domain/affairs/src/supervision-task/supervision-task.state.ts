import type { CreateSupervisionTask, Evidence } from './supervision-task.commands';
import type { EscalationStep, SupervisionTaskEvent } from './supervision-task.events';

/** The task's terms as assigned (SUP-1), and where its schedule stands. */
export interface SupervisionTaskRecord extends Readonly<CreateSupervisionTask['data']> {
  readonly progressEveryDays?: number;
  /** SUP-2 the day the next progress report is due, on a schedule. */
  readonly progressDueOn?: string;
  readonly escalation?: { readonly step: EscalationStep; readonly at: string };
}

/** 办理中 → 待验收 (closing submitted) → 已办结; a returned closing goes back to 办理中. */
export type SupervisionTaskState =
  | { readonly status: 'empty' }
  | (SupervisionTaskRecord & { readonly status: 'open' })
  | (SupervisionTaskRecord & { readonly status: 'awaitingAcceptance'; readonly closing: { readonly summary: string; readonly evidence: readonly Evidence[]; readonly submittedAt: string } })
  | (SupervisionTaskRecord & { readonly status: 'closed'; readonly closedAt: string; readonly late: boolean });

export const initialSupervisionTaskState = (): SupervisionTaskState => ({ status: 'empty' });

export function evolveSupervisionTask(state: SupervisionTaskState, event: SupervisionTaskEvent): SupervisionTaskState {
  if (event.type === 'SupervisionTaskAssigned') {
    if (state.status !== 'empty') return state;
    const { taskId, source, assigner, ownerUnit, responsiblePerson, requirement, deadline, progressEveryDays, progressDueOn } = event.data;
    return {
      status: 'open',
      taskId,
      source,
      assigner,
      ownerUnit,
      responsiblePerson,
      requirement,
      deadline,
      ...(progressEveryDays !== undefined && { progressEveryDays }),
      ...(progressDueOn !== undefined && { progressDueOn }),
    };
  }
  if (state.status === 'empty' || state.status === 'closed') return state;
  switch (event.type) {
    case 'SupervisionTaskProgressReported':
      return event.data.nextProgressDueOn === undefined ? state : { ...state, progressDueOn: event.data.nextProgressDueOn };
    case 'SupervisionTaskEscalated':
      return { ...state, escalation: { step: event.data.step, at: event.data.escalatedAt } };
    case 'SupervisionClosingSubmitted': {
      const { summary, evidence, submittedAt } = event.data;
      return { ...state, status: 'awaitingAcceptance', closing: { summary, evidence, submittedAt } };
    }
    case 'SupervisionClosingReturned': {
      if (state.status !== 'awaitingAcceptance') return state;
      const { closing: _returned, ...open } = state;
      return { ...open, status: 'open' };
    }
    case 'SupervisionTaskAccepted': {
      const { closing: _accepted, ...record } = state.status === 'awaitingAcceptance' ? state : { ...state, closing: undefined };
      return { ...record, status: 'closed', closedAt: event.data.closedAt, late: event.data.late };
    }
    default:
      return state;
  }
}
