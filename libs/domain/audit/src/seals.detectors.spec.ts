import { stream } from './audit.fixtures';
import { detectSealFindings } from './seals.detectors';

const NOW = '2026-03-01T00:00:00.000Z';

function sealWithKeeper(keeperId: string) {
  const seal = stream('seal', 'seal-1');
  seal.add('SealRegistered', { sealId: 'seal-1', kind: 'official', name: '办公室公章', owningUnit: 'office', engravingApprovalReference: 'ref', impressionImageHash: 'h', registeredAt: '2026-01-05T01:00:00.000Z' });
  const keeper = seal.add('SealKeeperAssigned', { sealId: 'seal-1', keeperId, keeperName: keeperId, assignedAt: '2026-01-05T01:00:00.000Z' });
  seal.add('SealActivated', { sealId: 'seal-1', activatedAt: '2026-01-05T01:00:00.000Z' });
  return { seal, keeper };
}

function application(approve: { approverId: string; impressions: number } | undefined, usages: readonly number[], applicantId = 'alice') {
  const app = stream('sealUsageApplication', 'app-1');
  const submitted = app.add('SealUsageApplicationSubmitted', {
    applicationId: 'app-1', sealId: 'seal-1', sealKind: 'official', purpose: '合同', documentTitle: '合同', copies: 1, impressions: 2,
    applicantId, applicantName: applicantId, submittedAt: '2026-01-06T01:00:00.000Z',
  });
  const approved = approve
    ? app.add('SealUsageApplicationApproved', {
        applicationId: 'app-1', sealId: 'seal-1', basis: 'approval', approverId: approve.approverId, approverName: approve.approverId,
        approvedImpressions: approve.impressions, approvedAt: '2026-01-06T02:00:00.000Z', expiresAt: '2026-01-13T02:00:00.000Z',
      })
    : undefined;
  const used = usages.map((impressions, index) =>
    app.add('SealUsageRecorded', {
      applicationId: 'app-1', usageId: `use-${index + 1}`, sealId: 'seal-1', copies: 1, impressions, remainingImpressions: 0,
      keeperId: 'kim', keeperName: 'kim', witnessId: 'wu', witnessName: 'wu', usedAt: '2026-01-07T01:00:00.000Z',
    }),
  );
  return { app, submitted, approved, used };
}

describe('detectSealFindings', () => {
  it('AUD-1 raises a seal usage recorded without an approved application', () => {
    const { seal } = sealWithKeeper('kim');
    const { app, submitted, used } = application(undefined, [1]);
    const findings = detectSealFindings([...seal.events, ...app.events], NOW);
    expect(findings).toEqual([expect.objectContaining({ rule: 'AUD-1', severity: 'critical', eventIds: [submitted.eventId, used[0]!.eventId] })]);
  });

  it('AUD-1 raises a usage beyond the approved impressions', () => {
    const { seal } = sealWithKeeper('kim');
    const { app, approved, used } = application({ approverId: 'boss', impressions: 2 }, [1, 2]);
    const findings = detectSealFindings([...seal.events, ...app.events], NOW);
    expect(findings).toEqual([expect.objectContaining({ rule: 'AUD-1', severity: 'critical', eventIds: [approved!.eventId, used[1]!.eventId] })]);
  });

  it('AUD-1 does not raise usages within an approved application', () => {
    const { seal } = sealWithKeeper('kim');
    const { app } = application({ approverId: 'boss', impressions: 2 }, [1, 1]);
    expect(detectSealFindings([...seal.events, ...app.events], NOW)).toEqual([]);
  });

  it('AUD-2 raises a seal checkout not returned by the expected return', () => {
    const { seal } = sealWithKeeper('kim');
    const request = seal.add('SealCheckoutRequested', {
      sealId: 'seal-1', checkoutId: 'co-1', reason: '外出签约', destination: '市里', carrierId: 'carl', carrierName: 'carl',
      expectedReturnAt: '2026-02-01T09:00:00.000Z', requestedById: 'carl', requestedByName: 'carl', requestedAt: '2026-01-30T01:00:00.000Z',
    });
    const approval = seal.add('SealCheckoutApproved', { sealId: 'seal-1', checkoutId: 'co-1', approverId: 'lee', approverName: 'lee', approvedAt: '2026-01-30T02:00:00.000Z' });
    const findings = detectSealFindings(seal.events, NOW);
    expect(findings).toEqual([expect.objectContaining({ rule: 'AUD-2', severity: 'high', eventIds: [request.eventId, approval.eventId] })]);
    // before the expected return nothing is due
    expect(detectSealFindings(seal.events, '2026-02-01T08:00:00.000Z')).toEqual([]);
  });

  it('AUD-2 does not raise a checkout returned in time', () => {
    const { seal } = sealWithKeeper('kim');
    seal.add('SealCheckoutRequested', {
      sealId: 'seal-1', checkoutId: 'co-1', reason: '外出签约', destination: '市里', carrierId: 'carl', carrierName: 'carl',
      expectedReturnAt: '2026-02-01T09:00:00.000Z', requestedById: 'carl', requestedByName: 'carl', requestedAt: '2026-01-30T01:00:00.000Z',
    });
    seal.add('SealCheckoutApproved', { sealId: 'seal-1', checkoutId: 'co-1', approverId: 'lee', approverName: 'lee', approvedAt: '2026-01-30T02:00:00.000Z' });
    seal.add('SealReturned', { sealId: 'seal-1', checkoutId: 'co-1', receivedById: 'kim', receivedByName: 'kim', returnedAt: '2026-02-01T08:00:00.000Z', late: false });
    expect(detectSealFindings(seal.events, NOW)).toEqual([]);
  });

  it('AUD-3 raises self-approval of a seal usage application', () => {
    const { seal } = sealWithKeeper('kim');
    const { app, submitted, approved } = application({ approverId: 'alice', impressions: 2 }, [], 'alice');
    const findings = detectSealFindings([...seal.events, ...app.events], NOW);
    expect(findings).toEqual([expect.objectContaining({ rule: 'AUD-3', severity: 'high', eventIds: [submitted.eventId, approved!.eventId] })]);
  });

  it('AUD-3 raises a keeper approving usage of the seal they keep', () => {
    const { seal, keeper } = sealWithKeeper('kim');
    const { app, approved } = application({ approverId: 'kim', impressions: 2 }, []);
    const findings = detectSealFindings([...seal.events, ...app.events], NOW);
    expect(findings).toEqual([expect.objectContaining({ rule: 'AUD-3', severity: 'high', eventIds: [keeper.eventId, approved!.eventId] })]);
  });

  it('AUD-3 does not raise an approval by someone other than the applicant and the keeper', () => {
    const { seal } = sealWithKeeper('kim');
    const { app } = application({ approverId: 'boss', impressions: 2 }, []);
    expect(detectSealFindings([...seal.events, ...app.events], NOW)).toEqual([]);
  });

  // a usage application approved by a person who later became the keeper is no AUD-3
  it('AUD-3 reads the keeper at the time of approval', () => {
    const { seal } = sealWithKeeper('kim');
    seal.add('SealHandedOver', {
      sealId: 'seal-1', handoverId: 'h-1', outgoingKeeperId: 'kim', incomingKeeperId: 'boss', incomingKeeperName: 'boss',
      witnessId: 'wu', witnessName: 'wu', handedOverAt: '2026-02-01T01:00:00.000Z',
    });
    const { app } = application({ approverId: 'boss', impressions: 2 }, []);
    expect(detectSealFindings([...seal.events, ...app.events], NOW)).toEqual([]);
  });
});

describe('detectSealFindings: usages for an official document (SEAL-7)', () => {
  /** The document's stream: signed off on 01-06, optionally voided, rechecked and registered (version 1: one impression per copy unless given). */
  function document(steps: { voidedAt?: string; registeredAt?: string; copies?: number; impressionsPerCopy?: number }) {
    const doc = stream('outgoingDocument', 'doc-1');
    const signedOff = doc.add('OutgoingDocumentSignedOff', { documentId: 'doc-1', title: '通知', signerId: 'lee', signerName: 'lee', signedOffAt: '2026-01-06T00:00:00.000Z' }, { at: '2026-01-06T00:00:00.000Z' });
    const voided = steps.voidedAt ? doc.add('OutgoingDocumentSignOffVoided', { documentId: 'doc-1', reason: '实质性修改', voidedAt: steps.voidedAt }, { at: steps.voidedAt }) : undefined;
    const registered = steps.registeredAt
      ? doc.add(
          'OutgoingDocumentRegistered',
          { documentId: 'doc-1', documentNumber: '县委办发〔2026〕3号', issuerCode: '县委办发', year: 2026, sequence: 3, copies: steps.copies ?? 3, ...(steps.impressionsPerCopy !== undefined && { impressionsPerCopy: steps.impressionsPerCopy }), registeredAt: steps.registeredAt },
          { at: steps.registeredAt },
        )
      : undefined;
    return { doc, signedOff, voided, registered };
  }

  function documentApplication(applicationId: string, usages: ReadonlyArray<{ impressions: number; at: string }>) {
    const app = stream('sealUsageApplication', applicationId);
    app.add('SealUsageApplicationSubmitted', {
      applicationId, sealId: 'seal-1', sealKind: 'official', purpose: '印发', documentTitle: '通知', documentId: 'doc-1', copies: 3, impressions: 9,
      applicantId: 'alice', applicantName: 'alice', submittedAt: '2026-01-06T01:00:00.000Z',
    });
    app.add('SealUsageApplicationApproved', {
      applicationId, sealId: 'seal-1', basis: 'documentSignOff', approverId: 'lee', approverName: 'lee', documentId: 'doc-1',
      approvedImpressions: 9, approvedAt: '2026-01-06T01:00:00.000Z', expiresAt: '2026-01-13T01:00:00.000Z',
    });
    const used = usages.map(({ impressions, at }, index) =>
      app.add('SealUsageRecorded', {
        applicationId, usageId: `${applicationId}-use-${index + 1}`, sealId: 'seal-1', copies: 1, impressions, remainingImpressions: 9 - impressions,
        keeperId: 'kim', keeperName: 'kim', witnessId: 'wu', witnessName: 'wu', usedAt: at,
      }, { at }),
    );
    return { app, used };
  }

  it('AUD-1 raises the usages of all applications for a document beyond what its registration fixed (copies × impressions per copy)', () => {
    const { doc, registered } = document({ registeredAt: '2026-01-07T00:00:00.000Z', copies: 3, impressionsPerCopy: 2 });
    const first = documentApplication('app-1', [{ impressions: 4, at: '2026-01-08T00:00:00.000Z' }]);
    const second = documentApplication('app-2', [{ impressions: 2, at: '2026-01-08T01:00:00.000Z' }, { impressions: 1, at: '2026-01-08T02:00:00.000Z' }]);
    const findings = detectSealFindings([...doc.events, ...first.app.events, ...second.app.events], NOW);
    expect(findings).toEqual([expect.objectContaining({ rule: 'AUD-1', severity: 'critical', title: '超出公文登记次数用印', eventIds: [registered!.eventId, second.used[1]!.eventId] })]);
  });

  it('AUD-1 reads a version-1 registration as one impression per copy', () => {
    const { doc } = document({ registeredAt: '2026-01-07T00:00:00.000Z', copies: 3 });
    const first = documentApplication('app-1', [{ impressions: 4, at: '2026-01-08T00:00:00.000Z' }]);
    expect(detectSealFindings([...doc.events, ...first.app.events], NOW)).toEqual([expect.objectContaining({ rule: 'AUD-1', title: '超出公文登记次数用印' })]);
  });

  it('AUD-1 raises a usage after the sign-off was voided at recheck, and one before registration', () => {
    const voided = document({ voidedAt: '2026-01-06T12:00:00.000Z' });
    const late = documentApplication('app-1', [{ impressions: 1, at: '2026-01-07T00:00:00.000Z' }]);
    expect(detectSealFindings([...voided.doc.events, ...late.app.events], NOW)).toEqual([
      expect.objectContaining({ rule: 'AUD-1', severity: 'critical', title: '签发无效时用印', eventIds: [voided.voided!.eventId, late.used[0]!.eventId] }),
    ]);
    const unregistered = document({ registeredAt: '2026-01-09T00:00:00.000Z' });
    const early = documentApplication('app-1', [{ impressions: 1, at: '2026-01-07T00:00:00.000Z' }]);
    expect(detectSealFindings([...unregistered.doc.events, ...early.app.events], NOW)).toEqual([
      expect.objectContaining({ rule: 'AUD-1', severity: 'high', title: '公文登记前用印', eventIds: [unregistered.signedOff.eventId, early.used[0]!.eventId] }),
    ]);
  });

  it('AUD-1 does not raise usages after sign-off and registration within the registered impressions', () => {
    const { doc } = document({ registeredAt: '2026-01-07T00:00:00.000Z', copies: 3, impressionsPerCopy: 2 });
    const first = documentApplication('app-1', [{ impressions: 4, at: '2026-01-08T00:00:00.000Z' }]);
    const second = documentApplication('app-2', [{ impressions: 2, at: '2026-01-08T01:00:00.000Z' }]);
    expect(detectSealFindings([...doc.events, ...first.app.events, ...second.app.events], NOW)).toEqual([]);
  });
});
