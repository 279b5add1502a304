import { ignoreUnknownEvent } from '../meetings.types';
import type { Material } from '../meetings.types';
import type { SupervisionTaskEvent } from './supervision-task.events';

export interface SupervisionTaskDetails {
  readonly taskId: string;
  readonly meetingId: string;
  readonly itemId: string;
  readonly description: string;
  readonly ownerUnit: string;
  readonly ownerPersonId?: string;
  readonly deadline: string;
  readonly progress: readonly { readonly summary: string; readonly percentComplete?: number; readonly reportedAt: string }[];
}

export type SupervisionTaskState =
  | { readonly status: 'empty' }
  | (SupervisionTaskDetails & { readonly status: 'open' })
  | (SupervisionTaskDetails & { readonly status: 'overdue'; readonly markedOverdueAt: string })
  | (SupervisionTaskDetails & {
      readonly status: 'closed';
      readonly closedAt: string;
      readonly evidence: readonly Material[];
      readonly late: boolean;
    });

export const initialSupervisionTaskState = (): SupervisionTaskState => ({ status: 'empty' });

function details(state: SupervisionTaskDetails): SupervisionTaskDetails {
  const { taskId, meetingId, itemId, description, ownerUnit, ownerPersonId, deadline, progress } = state;
  return { taskId, meetingId, itemId, description, ownerUnit, ...(ownerPersonId !== undefined ? { ownerPersonId } : {}), deadline, progress };
}

export function evolveSupervisionTask(state: SupervisionTaskState, event: SupervisionTaskEvent): SupervisionTaskState {
  switch (event.type) {
    case 'SupervisionTaskCreated': {
      const { createdBy: _by, createdAt: _at, ...details } = event.data;
      return { status: 'open', ...details, progress: [] };
    }
    case 'SupervisionProgressReported': {
      if (state.status !== 'open' && state.status !== 'overdue') return state;
      const { summary, percentComplete, reportedAt } = event.data;
      return { ...state, progress: [...state.progress, { summary, ...(percentComplete !== undefined ? { percentComplete } : {}), reportedAt }] };
    }
    case 'SupervisionTaskMarkedOverdue':
      if (state.status !== 'open') return state;
      return { ...state, status: 'overdue', markedOverdueAt: event.data.markedAt };
    case 'SupervisionTaskClosed': {
      if (state.status !== 'open' && state.status !== 'overdue') return state;
      return { ...details(state), status: 'closed', closedAt: event.data.closedAt, evidence: event.data.evidence, late: event.data.late };
    }
    default:
      return ignoreUnknownEvent(event, state);
  }
}
