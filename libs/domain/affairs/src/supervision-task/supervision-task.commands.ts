import { isBlank, type Command } from '@oa/core';

/** A person as a task names them: the directory's id and the name it holds. */
export interface NamedPerson {
  readonly id: string;
  readonly name: string;
}

/** The id and name only, of an actor or a person given in a command (nothing else goes into an event). */
export const named = (person: NamedPerson): NamedPerson => ({ id: person.id, name: person.name });

/** Both the id and the name given. */
export const isNamed = (person: NamedPerson | undefined): person is NamedPerson => person !== undefined && !isBlank(person.id) && !isBlank(person.name);

/** SUP-1 where a task comes from: a meeting decision (MTG-7), a leader's 批示 on an incoming document, or a leader's 交办. */
export type SupervisionSource =
  | { readonly kind: 'meetingDecision'; readonly meetingId: string; readonly itemId: string }
  | { readonly kind: 'instruction'; readonly documentId: string; readonly instructionId: string }
  | { readonly kind: 'assignment' };

/** 佐证材料: a stored file, by its digest. */
export interface Evidence {
  readonly name: string;
  readonly hash: string;
}

export type CreateSupervisionTask = Command<
  'CreateSupervisionTask',
  {
    readonly taskId: string;
    readonly source: SupervisionSource;
    /** Who assigned it and accepts its closing: the chair of the meeting, the instructing leader, the assigning leader (the actor). */
    readonly assigner: NamedPerson;
    readonly ownerUnit: string;
    readonly responsiblePerson: NamedPerson;
    readonly requirement: string;
    /** 办结时限, a day. */
    readonly deadline: string;
  }
>;
export type ReportSupervisionProgress = Command<'ReportSupervisionProgress', { readonly summary: string; readonly percentComplete?: number }>;
/** The schedule's step for an overdue task: one level up (催办 → 通报 → 约谈), or nothing. */
export type EscalateSupervisionTask = Command<'EscalateSupervisionTask', Record<string, never>>;
export type SubmitSupervisionClosing = Command<'SubmitSupervisionClosing', { readonly summary: string; readonly evidence: readonly Evidence[] }>;
export type AcceptSupervisionClosing = Command<'AcceptSupervisionClosing', { readonly opinion: string }>;
export type ReturnSupervisionClosing = Command<'ReturnSupervisionClosing', { readonly reason: string }>;

export type SupervisionTaskCommand =
  | CreateSupervisionTask
  | ReportSupervisionProgress
  | EscalateSupervisionTask
  | SubmitSupervisionClosing
  | AcceptSupervisionClosing
  | ReturnSupervisionClosing;
