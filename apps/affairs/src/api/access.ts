import type { Role } from '@oa/platform';

/** SUP-1: a leader assigns (交办) and accepts the closing (验收) of the tasks they assigned. */
export const ASSIGNERS = ['leader'] as const satisfies readonly Role[];
/** 督查督办: the office registers tasks from instructions and records instructions needing none. */
export const SUPERVISION_CLERKS = ['officeDirector', 'registrar'] as const satisfies readonly Role[];
/** SUP-2: who reports a task's progress and submits its closing: the office and the handlers of the owner units. */
export const SUPERVISION_REPORTERS = ['handler', 'officeDirector', 'registrar'] as const satisfies readonly Role[];
/** DUTY-1: the office director draws up the roster. */
export const ROSTER_KEEPERS = ['officeDirector'] as const satisfies readonly Role[];
/** DUTY-1 / INFO-1: the officers on duty hand over, keep the log and report emergencies, as the office director may. */
export const DUTY_OFFICERS = ['handler', 'registrar', 'officeDirector'] as const satisfies readonly Role[];
/** INFO-2: units' staff submit information. */
export const INFORMATION_SUBMITTERS = ['handler', 'drafter', 'registrar'] as const satisfies readonly Role[];
/** Who reads 办事: everyone who works it, leaders and the auditors (巡察). */
export const AFFAIRS_READERS = ['leader', 'officeDirector', 'registrar', 'handler', 'drafter', 'auditor'] as const satisfies readonly Role[];
