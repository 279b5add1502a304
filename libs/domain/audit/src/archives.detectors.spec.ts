import { stream } from './audit.fixtures';
import { detectArchiveFindings } from './archives.detectors';

function handedOff(documentDate: string) {
  const s = stream('outgoingDocument', 'doc-1');
  const handOff = s.add('OutgoingDocumentHandedOffForFiling', {
    documentId: 'doc-1', documentNumber: '办发〔2025〕1号', type: 'notice', title: '通知', issuerCode: '办', coIssuers: [], secrecyLevel: 'none',
    documentDate, contentHash: 'h', attachments: [], handedOffAt: '2025-12-01T01:00:00.000Z',
  });
  return { events: s.events, handOff };
}

function filed(filedAt: string) {
  const s = stream('archiveItem', 'arc-1');
  s.add('FilingCandidateRegistered', {
    itemId: 'arc-1', source: { service: 'documents', sourceId: 'doc-1', sourceState: 'distributed', sourceEventId: 'x', sourceEventHash: 'y' },
    title: '通知', date: '2025-11-30', secrecyLevel: 'none', responsibleParty: '办公室', components: [], registeredAt: '2025-12-01T01:00:00.000Z',
  });
  const filing = s.add('ArchiveItemFiled', { itemId: 'arc-1', archivalCode: 'A-2025-0001', late: false, filingDeadline: '2026-06-30', filedById: 'arch', filedByName: 'arch', filedAt });
  return { s, filing };
}

function loan(s: ReturnType<typeof filed>['s'], returnedAt?: string) {
  const request = s.add('ArchiveItemLoanRequested', {
    itemId: 'arc-1', loanId: 'loan-1', borrowerId: 'bob', borrowerName: 'bob', borrowerClearance: 'none', purpose: '查阅', dueAt: '2026-02-10T09:00:00.000Z', requestedAt: '2026-02-01T01:00:00.000Z',
  });
  const approval = s.add('ArchiveItemLoanApproved', { itemId: 'arc-1', loanId: 'loan-1', approverId: 'arch', approverName: 'arch', approvedAt: '2026-02-01T02:00:00.000Z' });
  const returned = returnedAt === undefined ? undefined : s.add('ArchiveItemReturned', { itemId: 'arc-1', loanId: 'loan-1', receivedById: 'arch', receivedByName: 'arch', late: false, returnedAt });
  return { request, approval, returned };
}

describe('detectArchiveFindings', () => {
  it('AUD-9 raises a document of 2025 not filed by 30 June 2026', () => {
    const d = handedOff('2025-11-30');
    // 30 June 2026 ends at 2026-06-30T16:00Z (UTC+8)
    expect(detectArchiveFindings(d.events, '2026-06-30T15:00:00.000Z')).toEqual([]);
    expect(detectArchiveFindings(d.events, '2026-07-01T00:00:00.000Z')).toEqual([
      expect.objectContaining({ rule: 'AUD-9', severity: 'medium', eventIds: [d.handOff.eventId] }),
    ]);
  });

  it('AUD-9 raises a document filed after the deadline', () => {
    const d = handedOff('2025-11-30');
    const { s, filing } = filed('2026-08-01T01:00:00.000Z');
    expect(detectArchiveFindings([...d.events, ...s.events], '2026-09-01T00:00:00.000Z')).toEqual([
      expect.objectContaining({ rule: 'AUD-9', severity: 'low', eventIds: [d.handOff.eventId, filing.eventId] }),
    ]);
  });

  it('AUD-9 does not raise a document filed in time', () => {
    const d = handedOff('2025-11-30');
    const { s } = filed('2026-03-01T01:00:00.000Z');
    expect(detectArchiveFindings([...d.events, ...s.events], '2026-09-01T00:00:00.000Z')).toEqual([]);
  });

  it('AUD-12 raises a borrowed archive not returned by its due time', () => {
    const { s } = filed('2026-01-10T01:00:00.000Z');
    const l = loan(s);
    expect(detectArchiveFindings(s.events, '2026-02-10T08:00:00.000Z')).toEqual([]);
    expect(detectArchiveFindings(s.events, '2026-02-11T00:00:00.000Z')).toEqual([
      expect.objectContaining({ rule: 'AUD-12', severity: 'high', eventIds: [l.request.eventId, l.approval.eventId] }),
    ]);
  });

  it('AUD-12 does not raise a borrowed archive returned in time', () => {
    const { s } = filed('2026-01-10T01:00:00.000Z');
    loan(s, '2026-02-09T01:00:00.000Z');
    expect(detectArchiveFindings(s.events, '2026-03-01T00:00:00.000Z')).toEqual([]);
  });
});
