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
