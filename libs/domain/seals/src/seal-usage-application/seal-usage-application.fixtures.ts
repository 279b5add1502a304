import type { Actor } from '@oa/core';
import { NOW, SEAL_ID, people } from '../seal/seal.fixtures';
import type { SealFacts } from '../seal/seal.state';
import type { SealKind } from '../seal/seal.kinds';
import type { DocumentRegistrationFacts, DocumentSignOffFacts } from './seal-usage-application.commands';
import { sealUsageApplicationEvent, type SealUsageApplicationEvent, type SealUsageDocumentFacts } from './seal-usage-application.events';

/** Test data for seal usage application specs (not exported from the library's index). */

export { NOW, SEAL_ID, command } from '../seal/seal.fixtures';

/** Events at their current schemaVersion, as decide writes them. */
export const usageEvent = sealUsageApplicationEvent;

export const APPLICATION_ID = 'app-1';
export const DOCUMENT_ID = 'doc-1';
export const APPROVED_AT = '2024-07-01T01:00:00.000Z';
/** APPROVED_AT + 7 days, the default validity. */
export const EXPIRES_AT = '2024-07-08T01:00:00.000Z';

export const applicationPeople = {
  ...people,
  applicant: { id: 'u-applicant', name: '吴经办', roles: ['handler'], orgUnit: '综合科' },
  approver: { id: 'u-approver', name: '郑审批', roles: ['sealApprover'] },
  director: { id: 'u-director', name: '李主任', roles: ['sealApprover', 'officeDirector'] },
  leaderApprover: { id: 'u-leader', name: '陈书记', roles: ['sealApprover', 'leader'] },
  keeperApprover: { id: 'u-keeper', name: '王保管', roles: ['sealKeeper', 'sealApprover', 'officeDirector'] },
  signer: { id: 'u-signer', name: '黄县长', roles: ['signer', 'leader'] },
} as const satisfies Record<string, Actor>;

export const sealFacts = (overrides: Partial<SealFacts> = {}): SealFacts => ({
  sealId: SEAL_ID,
  status: 'active',
  kind: 'special',
  keeperId: people.keeper.id,
  checkedOut: false,
  ...overrides,
});

export const SIGNED_OFF_AT = '2024-06-30T08:00:00.000Z';
export const DOCUMENT_NUMBER = '县政发〔2024〕7号';

export const signedOffDocument = (overrides: Partial<DocumentSignOffFacts> = {}): DocumentSignOffFacts => ({
  documentId: DOCUMENT_ID,
  signedOff: true,
  signerId: applicationPeople.signer.id,
  signerName: applicationPeople.signer.name,
  signedOffAt: SIGNED_OFF_AT,
  impressionsApprovedElsewhere: 0,
  impressionsUsedElsewhere: 0,
  ...overrides,
});

/** DOC-4 registered: 10 printed copies, one impression each unless stated. */
export const registration = (overrides: Partial<DocumentRegistrationFacts> = {}): DocumentRegistrationFacts => ({
  documentNumber: DOCUMENT_NUMBER,
  copies: 10,
  impressionsPerCopy: 1,
  registeredAt: '2024-06-30T09:00:00.000Z',
  ...overrides,
});

/** The facts an event records for the registered document of `registeredDocument()` (SEAL-7). */
export const recordedRegistration = (elsewhere: Pick<SealUsageDocumentFacts, 'impressionsApprovedElsewhere' | 'impressionsUsedElsewhere'>): SealUsageDocumentFacts => ({
  documentId: DOCUMENT_ID,
  signedOffAt: SIGNED_OFF_AT,
  documentNumber: DOCUMENT_NUMBER,
  registeredCopies: 10,
  impressionsPerCopy: 1,
  registeredImpressions: 10,
  ...elsewhere,
});

/** Signed off and registered: what a usage on the document needs (SEAL-7). */
export const registeredDocument = (overrides: Partial<DocumentSignOffFacts> = {}): DocumentSignOffFacts =>
  signedOffDocument({ registration: registration(), ...overrides });

export const applicationSubmitted = (
  overrides: { sealKind?: SealKind; impressions?: number; copies?: number; documentId?: string; applicationId?: string } = {},
): SealUsageApplicationEvent =>
  usageEvent('SealUsageApplicationSubmitted', {
    applicationId: overrides.applicationId ?? APPLICATION_ID,
    sealId: SEAL_ID,
    sealKind: overrides.sealKind ?? 'special',
    purpose: '签订采购合同',
    documentTitle: '办公设备采购合同',
    ...(overrides.documentId !== undefined ? { documentId: overrides.documentId } : {}),
    copies: overrides.copies ?? 2,
    impressions: overrides.impressions ?? 4,
    applicantId: applicationPeople.applicant.id,
    applicantName: applicationPeople.applicant.name,
    applicantUnit: '综合科',
    submittedAt: '2024-07-01T00:30:00.000Z',
  });

export const applicationApproved = (
  overrides: { impressions?: number; applicationId?: string; approver?: Actor } = {},
): SealUsageApplicationEvent =>
  usageEvent('SealUsageApplicationApproved', {
    applicationId: overrides.applicationId ?? APPLICATION_ID,
    sealId: SEAL_ID,
    basis: 'approval',
    approverId: (overrides.approver ?? applicationPeople.approver).id,
    approverName: (overrides.approver ?? applicationPeople.approver).name,
    approvedImpressions: overrides.impressions ?? 4,
    approvedAt: APPROVED_AT,
    expiresAt: EXPIRES_AT,
  });

export const usageRecorded = (
  usageId: string,
  impressions: number,
  remainingImpressions: number,
  overrides: { usedAt?: string; applicationId?: string; copies?: number; sealId?: string } = {},
): SealUsageApplicationEvent =>
  usageEvent('SealUsageRecorded', {
    applicationId: overrides.applicationId ?? APPLICATION_ID,
    usageId,
    sealId: overrides.sealId ?? SEAL_ID,
    copies: overrides.copies ?? 1,
    impressions,
    remainingImpressions,
    keeperId: people.keeper.id,
    keeperName: people.keeper.name,
    witnessId: people.witness.id,
    witnessName: people.witness.name,
    usedAt: overrides.usedAt ?? NOW,
  });
