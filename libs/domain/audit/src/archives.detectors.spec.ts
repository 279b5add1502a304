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

  it('AUD-9 raises a distributed outgoing document of 2025 never handed off to the archives, once 30 June 2026 has passed', () => {
    const s = stream('outgoingDocument', 'doc-2', '2025-11-30T01:00:00.000Z');
    s.add('OutgoingDocumentSignedOff', { documentId: 'doc-2', titleDigest: 'a'.repeat(64), secrecyLevel: 'jimi', documentDate: '2025-11-30', signedOffAt: '2025-11-30T01:00:00.000Z' });
    const distributed = s.add('OutgoingDocumentDistributed', { documentId: 'doc-2', documentNumber: '办发〔2025〕2号', deliveries: [], distributedAt: '2025-12-02T01:00:00.000Z' });
    expect(detectArchiveFindings(s.events, '2026-06-30T15:00:00.000Z')).toEqual([]);
    const [found] = detectArchiveFindings(s.events, '2026-07-01T00:00:00.000Z');
    expect(found).toEqual(expect.objectContaining({ rule: 'AUD-9', severity: 'medium', eventIds: [distributed.eventId] }));
    expect(found!.detail).toContain('办发〔2025〕2号');
  });

  it('AUD-9 raises a completed incoming document of its registration year never handed off', () => {
    const s = stream('incomingDocument', 'in-1', '2025-12-01T01:00:00.000Z');
    s.add('IncomingDocumentReceived', { documentId: 'in-1', title: '关于开展检查的通知', secrecyLevel: 'none' });
    s.add('IncomingDocumentRegistered', { documentId: 'in-1', year: 2025, sequence: 3, registeredAt: '2025-12-01T01:00:00.000Z' });
    const completed = s.add('IncomingDocumentCompleted', { documentId: 'in-1', result: '已办', completedAt: '2026-01-10T01:00:00.000Z' }, { at: '2026-01-10T01:00:00.000Z' });
    expect(detectArchiveFindings(s.events, '2026-07-01T00:00:00.000Z')).toEqual([
      expect.objectContaining({ rule: 'AUD-9', severity: 'medium', eventIds: [completed.eventId], detail: expect.stringContaining('关于开展检查的通知') }),
    ]);
  });

  it('AUD-9 raises finalized minutes of 2025 not filed by 30 June 2026, and not when they were filed in time', () => {
    const m = stream('minutes', 'min-1', '2025-12-20T01:00:00.000Z');
    const finalized = m.add('MinutesFinalized', { meetingId: 'mtg-1', title: '党委会', finalizedAt: '2025-12-22T01:00:00.000Z', version: 1, chairId: 'c', recorderId: 'r', scheduledEnd: '2025-12-19T09:00:00.000Z', secrecyLevel: 'none', contentDigest: 'd' });
    expect(detectArchiveFindings(m.events, '2026-07-01T00:00:00.000Z')).toEqual([expect.objectContaining({ rule: 'AUD-9', title: '会议纪要逾期未归档', eventIds: [finalized.eventId] })]);
    const a = stream('archiveItem', 'arc-m');
    a.add('FilingCandidateRegistered', { itemId: 'arc-m', source: { service: 'meetings', sourceId: 'mtg-1', sourceState: 'finalized', sourceEventId: 'x', sourceEventHash: 'y' } });
    a.add('ArchiveItemFiled', { itemId: 'arc-m', archivalCode: 'A-2025-0002', late: false, filingDeadline: '2026-06-30', filedById: 'arch', filedByName: 'arch', filedAt: '2026-03-01T01:00:00.000Z' });
    expect(detectArchiveFindings([...m.events, ...a.events], '2026-07-01T00:00:00.000Z')).toEqual([]);
  });

  it('AUD-9 does not raise a document still in handling or not yet distributed', () => {
    const out = stream('outgoingDocument', 'doc-3', '2025-11-30T01:00:00.000Z');
    out.add('OutgoingDocumentSignedOff', { documentId: 'doc-3', title: '通知', secrecyLevel: 'none', documentDate: '2025-11-30' });
    const incoming = stream('incomingDocument', 'in-2', '2025-12-01T01:00:00.000Z');
    incoming.add('IncomingDocumentRegistered', { documentId: 'in-2', year: 2025, sequence: 4, registeredAt: '2025-12-01T01:00:00.000Z' });
    expect(detectArchiveFindings([...out.events, ...incoming.events], '2026-09-01T00:00:00.000Z')).toEqual([]);
  });

  it('AUD-9 COMMON-3 names no title of a classified document in its finding, even one an older event recorded in clear', () => {
    const s = stream('outgoingDocument', 'doc-4', '2025-11-30T01:00:00.000Z');
    s.add('OutgoingDocumentSignedOff', { documentId: 'doc-4', title: '关于绝密事项的通知', secrecyLevel: 'jimi', documentDate: '2025-11-30' });
    s.add('OutgoingDocumentDistributed', { documentId: 'doc-4', documentNumber: '办发〔2025〕4号', deliveries: [], distributedAt: '2025-12-02T01:00:00.000Z' });
    const [found] = detectArchiveFindings(s.events, '2026-07-01T00:00:00.000Z');
    expect(JSON.stringify(found)).not.toContain('绝密事项');
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
