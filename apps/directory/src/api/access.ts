import type { Role } from '@oa/platform';

/** DIR-1: the system administrator maintains units, people, posts and role grants. */
export const DIRECTORY_MAINTAINERS = ['sysAdmin'] as const satisfies readonly Role[];
/** DIR-2 / COMMON-2: only the security administrator grants, changes and revokes clearances. */
export const CLEARANCE_OFFICERS = ['securityAdmin'] as const satisfies readonly Role[];
/** Who reads the directory: the three administrators and the auditors (巡察). */
export const DIRECTORY_READERS = ['sysAdmin', 'securityAdmin', 'securityAuditor', 'auditor'] as const satisfies readonly Role[];
/** DIR-6: a delegation is approved by a leader of the unit (the directory checks the post). */
export const DELEGATION_APPROVERS = ['leader'] as const satisfies readonly Role[];
/** DIR-6: a delegation is withdrawn by the delegator (anyone on staff), a leader of the unit, or the sysAdmin. */
export const DELEGATION_REVOKERS = [
  'drafter',
  'reviewer',
  'signer',
  'registrar',
  'handler',
  'officeDirector',
  'leader',
  'meetingSecretary',
  'committeeMember',
  'sealKeeper',
  'sealApprover',
  'archivist',
  'appraisalCommittee',
  'sysAdmin',
] as const satisfies readonly Role[];
