import { actor, stream } from './audit.fixtures';
import { detectDocumentFindings } from './documents.detectors';

const NOW = '2026-03-01T00:00:00.000Z';
const SIGNER = actor('lee', ['signer', 'leader'], '李主任');

function outgoing(options: { readonly reviewed: boolean; readonly by?: ReturnType<typeof actor> }) {
  const s = stream('outgoingDocument', 'doc-1');
  s.add('OutgoingDocumentDrafted', { documentId: 'doc-1', revision: 1, drafterId: 'dan', drafterName: 'dan', draftedAt: '2026-01-05T01:00:00.000Z', title: '通知' });
  s.add('OutgoingDocumentSubmittedForReview', { documentId: 'doc-1', revision: 1, submittedAt: '2026-01-05T02:00:00.000Z' });
  if (options.reviewed) {
    s.add('OutgoingDocumentReviewApproved', { documentId: 'doc-1', revision: 1, reviewerId: 'rev', reviewerName: 'rev', reviewedAt: '2026-01-05T03:00:00.000Z' });
  }
  const signedOff = s.add(
    'OutgoingDocumentSignedOff',
    {
      documentId: 'doc-1', title: '通知', type: 'notice', issuerCode: '办', coIssuers: [], secrecyLevel: 'none', urgency: 'normal', upward: false, important: false,
      signerId: 'lee', signerName: '李主任', signerIsPrincipalLeader: false, opinion: '同意', signedOffAt: '2026-01-06T01:00:00.000Z', signedOffOn: '2026-01-06',
      documentDate: '2026-01-06', contentHash: 'h', revision: 1,
    },
    { by: options.by ?? SIGNER },
  );
  return { events: s.events, signedOff };
}

function incoming(completed: boolean) {
  const s = stream('incomingDocument', 'in-1');
  s.add('IncomingDocumentReceived', { documentId: 'in-1', sender: '市政府', senderDocumentNumber: '市发〔2026〕1号', title: '来文', secrecyLevel: 'none', copies: 1, urgency: 'normal', replyDue: false, receivedAt: '2026-01-05T01:00:00.000Z' });
  const assigned = s.add('IncomingDocumentHandlingAssigned', {
    documentId: 'in-1', leadUnit: '综合科', assistingUnits: [], handlerId: 'han', handlerName: 'han', deadline: '2026-01-20', deadlineDefaulted: true, assignedAt: '2026-01-06T01:00:00.000Z',
  });
  if (completed) s.add('IncomingDocumentCompleted', { documentId: 'in-1', result: '已办', completedAt: '2026-01-19T01:00:00.000Z' });
  return { events: s.events, assigned };
}

describe('detectDocumentFindings', () => {
  it('AUD-7 raises a document signed off without review', () => {
    const d = outgoing({ reviewed: false });
    expect(detectDocumentFindings(d.events, NOW)).toEqual([expect.objectContaining({ rule: 'AUD-7', severity: 'high', title: '公文未经审核即签发', eventIds: [d.signedOff.eventId] })]);
  });

  it('AUD-7 raises a document signed off by an actor without the signer role', () => {
    const d = outgoing({ reviewed: true, by: actor('lee', ['drafter'], '李某') });
    expect(detectDocumentFindings(d.events, NOW)).toEqual([expect.objectContaining({ rule: 'AUD-7', severity: 'high', title: '非签发人签发公文', eventIds: [d.signedOff.eventId] })]);
  });

  it('AUD-7 does not raise a reviewed document signed off by a signer', () => {
    expect(detectDocumentFindings(outgoing({ reviewed: true }).events, NOW)).toEqual([]);
  });

  it('AUD-8 raises an incoming document not completed by its deadline', () => {
    const d = incoming(false);
    // the deadline 2026-01-20 ends at 2026-01-20T16:00Z (UTC+8)
    expect(detectDocumentFindings(d.events, '2026-01-20T15:59:59.000Z')).toEqual([]);
    expect(detectDocumentFindings(d.events, '2026-01-20T16:00:00.000Z')).toEqual([
      expect.objectContaining({ rule: 'AUD-8', severity: 'medium', eventIds: [d.assigned.eventId] }),
    ]);
  });

  it('AUD-8 does not raise an incoming document completed in time', () => {
    expect(detectDocumentFindings(incoming(true).events, NOW)).toEqual([]);
  });
});
