import type { Role } from '@oa/platform';

/** Who reads the audit trail, its proofs and findings, and signs a checkpoint on demand. */
export const AUDIT_READERS = ['auditor', 'securityAuditor'] as const satisfies readonly Role[];
