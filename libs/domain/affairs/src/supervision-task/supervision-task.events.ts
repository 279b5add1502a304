import type { DomainEvent } from '@oa/core';
import type { Evidence, NamedPerson, SupervisionSource } from './supervision-task.commands';

/** 催办 → 通报 → 约谈. */
export const ESCALATION_STEPS = ['reminder', 'notice', 'interview'] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

type Event<T extends string, D extends object> = DomainEvent<T, D> & { readonly schemaVersion: 1 };

export type SupervisionTaskAssigned = Event<
  'SupervisionTaskAssigned',
  {
    readonly taskId: string;
    readonly source: SupervisionSource;
    readonly assigner: NamedPerson;
    /** DIR-4 the directory's grant of the assigning leader's role, when the assigner is the actor (交办). */
    readonly assignerGrantId?: string;
    readonly ownerUnit: string;
    readonly responsiblePerson: NamedPerson;
    readonly requirement: string;
    readonly deadline: string;
    /** SUP-2 progress every this many days (a task longer than two weeks), none otherwise, the first report due on this day. */
    readonly progressEveryDays?: number;
    readonly progressDueOn?: string;
    readonly createdBy: NamedPerson;
    readonly createdAt: string;
  }
>;
export type SupervisionTaskProgressReported = Event<
  'SupervisionTaskProgressReported',
  {
    readonly taskId: string;
    readonly summary: string;
    readonly percentComplete?: number;
    readonly reportedBy: NamedPerson;
    readonly reportedAt: string;
    /** SUP-2 reported after the day it was due. */
    readonly late: boolean;
    readonly nextProgressDueOn?: string;
  }
>;
export type SupervisionTaskEscalated = Event<
  'SupervisionTaskEscalated',
  { readonly taskId: string; readonly step: EscalationStep; readonly ownerUnit: string; readonly responsiblePerson: NamedPerson; readonly deadline: string; readonly escalatedAt: string }
>;
export type SupervisionClosingSubmitted = Event<
  'SupervisionClosingSubmitted',
  { readonly taskId: string; readonly summary: string; readonly evidence: readonly Evidence[]; readonly submittedBy: NamedPerson; readonly submittedAt: string }
>;
export type SupervisionClosingReturned = Event<'SupervisionClosingReturned', { readonly taskId: string; readonly reason: string; readonly returnedBy: NamedPerson; readonly returnedAt: string }>;
export type SupervisionTaskAccepted = Event<
  'SupervisionTaskAccepted',
  {
    readonly taskId: string;
    readonly opinion: string;
    readonly evidence: readonly Evidence[];
    readonly acceptedBy: NamedPerson;
    /** DIR-6 when the assigner's deputy accepted: the delegation relied on. */
    readonly acceptedAsDeputyUnder?: string;
    /** Closed after its deadline day. */
    readonly late: boolean;
    readonly closedAt: string;
  }
>;

export type SupervisionTaskEvent =
  | SupervisionTaskAssigned
  | SupervisionTaskProgressReported
  | SupervisionTaskEscalated
  | SupervisionClosingSubmitted
  | SupervisionClosingReturned
  | SupervisionTaskAccepted;
