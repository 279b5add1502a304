import type { Role } from '@oa/platform';

/** Who manages the seals (刻制备案, lifecycle, keepers): the office director. */
export const SEAL_ADMINISTRATORS = ['officeDirector'] as const satisfies readonly Role[];
/** Who may apply for a usage: any member of staff who prepares or handles papers. */
export const STAFF = ['drafter', 'reviewer', 'signer', 'registrar', 'handler', 'officeDirector', 'leader', 'meetingSecretary', 'archivist', 'sealKeeper'] as const satisfies readonly Role[];
/** Who reads seals, their history and their usage register. */
export const SEAL_READERS = ['auditor', 'officeDirector', 'leader', 'sealKeeper', 'sealApprover'] as const satisfies readonly Role[];
/** Who reads an application: its applicant's peers, the approvers, keepers and auditors. */
export const APPLICATION_READERS = [...new Set([...STAFF, ...SEAL_READERS])] as unknown as readonly [Role, ...Role[]];
