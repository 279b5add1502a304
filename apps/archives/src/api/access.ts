import type { Role } from '@oa/platform';

/** Who files, records returns, destroys and transfers (ARC-1, ARC-5, ARC-6, ARC-7). */
export const ARCHIVISTS = ['archivist'] as const satisfies readonly Role[];
/** Who may approve or reject a loan; the decider narrows classified items to the office director (ARC-5). */
export const LOAN_APPROVERS = ['archivist', 'officeDirector'] as const satisfies readonly Role[];
/** Who may borrow: any member of staff (the decider checks their clearance, ARC-5). */
export const BORROWERS = [
  'drafter', 'reviewer', 'signer', 'registrar', 'handler', 'officeDirector', 'leader', 'meetingSecretary', 'committeeMember', 'archivist', 'sealKeeper', 'sealApprover', 'appraisalCommittee',
] as const satisfies readonly Role[];
/** Who reads the candidates, catalogue, items, histories and manifests. */
export const ARCHIVE_READERS = ['archivist', 'officeDirector', 'leader', 'appraisalCommittee', 'auditor'] as const satisfies readonly Role[];
