import type { Material, MeetingsEvent } from '../meetings.types';

export type SupervisionTaskCreated = MeetingsEvent<
  'SupervisionTaskCreated',
  {
    readonly taskId: string;
    readonly meetingId: string;
    readonly itemId: string;
    readonly description: string;
    readonly ownerUnit: string;
    readonly ownerPersonId?: string;
    readonly deadline: string;
    readonly createdBy: string;
    readonly createdAt: string;
  }
>;

export type SupervisionProgressReported = MeetingsEvent<
  'SupervisionProgressReported',
  {
    readonly taskId: string;
    readonly summary: string;
    readonly percentComplete?: number;
    readonly reportedBy: string;
    readonly reportedAt: string;
  }
>;

export type SupervisionTaskClosed = MeetingsEvent<
  'SupervisionTaskClosed',
  {
    readonly taskId: string;
    readonly summary: string;
    readonly evidence: readonly Material[];
    /** Closed after the deadline: still a finding for the period it was overdue. */
    readonly late: boolean;
    readonly closedBy: string;
    readonly closedAt: string;
  }
>;

/** MTG-7 overdue tasks are findings; raised once by the scheduled job. */
export type SupervisionTaskMarkedOverdue = MeetingsEvent<
  'SupervisionTaskMarkedOverdue',
  { readonly taskId: string; readonly meetingId: string; readonly ownerUnit: string; readonly deadline: string; readonly markedAt: string }
>;

export type SupervisionTaskEvent = SupervisionTaskCreated | SupervisionProgressReported | SupervisionTaskClosed | SupervisionTaskMarkedOverdue;
