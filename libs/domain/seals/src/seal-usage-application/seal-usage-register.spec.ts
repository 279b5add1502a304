import { isRuleViolation } from '@oa/core';
import type { SealUsageApplicationEvent, SealUsageRecorded } from './seal-usage-application.events';
import {
  APPLICATION_ID,
  DOCUMENT_ID,
  SEAL_ID,
  applicationApproved,
  applicationPeople as people,
  applicationSubmitted,
  usageEvent,
  usageRecorded,
} from './seal-usage-application.fixtures';
import { sealUsageApplicationFacts, sealUsageRegister, sealUsageRegisterRows } from './seal-usage-register';

/** Two applications for seal-1 (one through a document sign-off), and a usage of another seal. */
const events = (): SealUsageApplicationEvent[] => [
  applicationSubmitted(),
  applicationApproved(),
  usageRecorded('use-2', 1, 1, { usedAt: '2024-07-02T03:00:00.000Z', copies: 1 }),
  usageRecorded('use-1', 2, 2, { usedAt: '2024-06-30T17:00:00.000Z', copies: 2 }),
  applicationSubmitted({ applicationId: 'app-2', documentId: DOCUMENT_ID, sealKind: 'administrative' }),
  usageEvent('SealUsageApplicationApproved', {
    applicationId: 'app-2',
    sealId: SEAL_ID,
    basis: 'documentSignOff',
    approverId: people.signer.id,
    approverName: people.signer.name,
    documentId: DOCUMENT_ID,
    approvedImpressions: 4,
    approvedAt: '2024-07-01T01:00:00.000Z',
    expiresAt: '2024-07-08T01:00:00.000Z',
  }),
  usageRecorded('use-3', 4, 0, { applicationId: 'app-2', usedAt: '2024-07-05T02:00:00.000Z', copies: 4 }),
  usageRecorded('use-9', 1, 0, { applicationId: 'app-9', sealId: 'seal-2', usedAt: '2024-07-03T02:00:00.000Z' }),
];

describe('SealUsageRegister: when exported per seal and period', () => {
  it('SEAL-9 lists every usage with date, purpose, document, copies, impressions, applicant, approver, keeper and witness', () => {
    const rows = sealUsageRegister(events(), { sealId: SEAL_ID });
    expect(rows.map((row) => row.usageId)).toEqual(['use-1', 'use-2', 'use-3']);
    expect(rows[0]).toEqual({
      date: '2024-07-01',
      usedAt: '2024-06-30T17:00:00.000Z',
      sealId: SEAL_ID,
      applicationId: APPLICATION_ID,
      usageId: 'use-1',
      purpose: '签订采购合同',
      document: '办公设备采购合同',
      copies: 2,
      impressions: 2,
      applicant: people.applicant.name,
      applicantId: people.applicant.id,
      approver: people.approver.name,
      approverId: people.approver.id,
      approvalBasis: 'approval',
      keeper: people.keeper.name,
      keeperId: people.keeper.id,
      witness: people.witness.name,
      witnessId: people.witness.id,
    });
  });

  it('SEAL-9 names the document signer as approver of a usage on a signed-off document', () => {
    const [row] = sealUsageRegister(events(), { sealId: SEAL_ID, from: '2024-07-05T00:00:00.000Z' });
    expect(row).toMatchObject({ usageId: 'use-3', documentId: DOCUMENT_ID, approver: people.signer.name, approvalBasis: 'documentSignOff' });
  });

  it('SEAL-9 DIR-6 names the deputy who stamped and the keeper they stood in for', () => {
    const [recorded] = [usageRecorded('use-1', 2, 2, { usedAt: '2024-06-30T17:00:00.000Z' })] as SealUsageRecorded[];
    const byDeputy = { ...recorded!, data: { ...recorded!.data, keeperId: 'u-deputy', keeperName: '周建军', deputyFor: { keeperId: people.keeper.id, keeperName: people.keeper.name, delegationGrantId: 'dl-1' } } };
    const [row] = sealUsageRegister([applicationSubmitted(), applicationApproved(), byDeputy], { sealId: SEAL_ID });
    expect(row).toMatchObject({ keeper: `周建军（代${people.keeper.name}）`, keeperId: 'u-deputy' });
  });

  it('SEAL-9 keeps to the period, from inclusive to exclusive', () => {
    const rows = sealUsageRegister(events(), { sealId: SEAL_ID, from: '2024-07-02T03:00:00.000Z', to: '2024-07-05T02:00:00.000Z' });
    expect(rows.map((row) => row.usageId)).toEqual(['use-2']);
  });

  it('SEAL-9 dates rows in the office time zone, Beijing time unless configured', () => {
    expect(sealUsageRegister(events(), { sealId: SEAL_ID })[0]?.date).toBe('2024-07-01');
    expect(sealUsageRegister(events(), { sealId: SEAL_ID, utcOffsetMinutes: 0 })[0]?.date).toBe('2024-06-30');
  });

  it('SEAL-9 leaves out other seals', () => {
    expect(sealUsageRegister(events(), { sealId: 'seal-2' }).map((row) => row.usageId)).toEqual(['use-9']);
  });

  it('SEAL-9 still lists a usage whose application facts are missing, with those columns empty', () => {
    const usage = usageRecorded('use-x', 1, 0, { applicationId: 'app-unknown' }) as SealUsageRecorded;
    const [row] = sealUsageRegisterRows([usage.data], sealUsageApplicationFacts([]), { sealId: SEAL_ID });
    expect(row).toMatchObject({ usageId: 'use-x', purpose: '', applicant: '', approver: '', keeper: people.keeper.name, witness: people.witness.name });
  });

  it('SEAL-9 refuses a malformed period rather than exporting everything', () => {
    let code: string | undefined;
    try {
      sealUsageRegister(events(), { sealId: SEAL_ID, from: '2024-07' });
    } catch (error) {
      code = isRuleViolation(error) ? error.code : String(error);
    }
    expect(code).toBe('SEAL.INVALID_INPUT');
  });

  it('SEAL-9 rows are JSON-safe (no undefined values)', () => {
    for (const row of sealUsageRegister(events(), { sealId: SEAL_ID })) {
      expect(Object.values(row)).not.toContain(undefined);
    }
  });
});
