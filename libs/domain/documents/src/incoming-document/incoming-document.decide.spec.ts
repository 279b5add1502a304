import { DeciderSpecification, fold } from '@oa/core';
import { documentEvent } from '../document-event';
import type { AssignIncomingDocumentHandling, ReceiveIncomingDocument, ReplyDocumentFact, ReplyInput } from './incoming-document.commands';
import { titleDigestOf } from '../document-title';
import { createIncomingDocumentDecider, incomingDocumentDecider } from './incoming-document.decide';
import {
  DOCUMENT_ID,
  NOW,
  actors,
  assigned,
  at,
  command,
  history,
  initiallyReviewed,
  instructed,
  proposed,
  received,
  registered,
} from './incoming-document.fixtures';

const spec = DeciderSpecification.for(incomingDocumentDecider);

const receive = (overrides: Partial<ReceiveIncomingDocument['data']> = {}) =>
  command('ReceiveIncomingDocument', {
    documentId: DOCUMENT_ID,
    sender: '市人民政府办公室',
    senderDocumentNumber: '市政办发〔2024〕12号',
    title: '关于开展安全生产大检查的通知',
    type: 'notice',
    secrecyLevel: 'none',
    copies: 2,
    urgency: 'none',
    ...overrides,
  });

const assign = (overrides: Partial<AssignIncomingDocumentHandling['data']> = {}, now = NOW) =>
  command(
    'AssignIncomingDocumentHandling',
    {
      units: [
        { unit: '县应急局', role: 'lead' },
        { unit: '县住建局', role: 'assist' },
      ],
      handlerId: actors.handler.id,
      handlerName: actors.handler.name,
      ...overrides,
    },
    actors.officeDirector,
    now,
  );

/** DOC-12 completion with a reply; the fact is the outgoing document as the service holds it (registered 县政函〔2024〕8号 unless given; null: none). */
const complete = (reply: ReplyInput, fact: ReplyDocumentFact | null = { outgoingDocumentId: reply.outgoingDocumentId, status: 'registered', documentNumber: '县政函〔2024〕8号' }) =>
  command('CompleteIncomingDocument', { result: '已办理并复函', reply, ...(fact !== null && { replyDocument: fact }) }, actors.handler);

const remind = (date: string) => command('RemindOverdueIncomingDocument', {}, actors.scheduler, at(date));

describe('IncomingDocument: when nothing exists', () => {
  it('DOC-8 receives a document recording sender, sender’s number, secrecy level, copies and urgency', () => {
    spec.given([]).when(receive()).then([received()]);
  });

  it('DOC-8 refuses a receipt without the sender’s document number', () => {
    spec.given([]).when(receive({ senderDocumentNumber: '' })).thenThrows('DOC-8');
  });

  it('DOC-8 refuses a receipt without the sender, the copies or a known urgency', () => {
    spec.given([]).when(receive({ sender: ' ' })).thenThrows('DOC-8');
    spec.given([]).when(receive({ copies: 0 })).thenThrows('DOC-8');
    spec.given([]).when(receive({ urgency: 'asap' as never })).thenThrows('DOC-8');
    spec.given([]).when(receive({ secrecyLevel: 'topSecret' as never })).thenThrows('DOC-8');
  });

  it('DOC-6 records the 6-digit copy numbers of a classified document, one per copy', () => {
    spec
      .given([])
      .when(receive({ secrecyLevel: 'mimi', secrecyPeriod: { unit: 'year', value: 5 }, copyNumbers: ['000017', '000018'] }))
      .then([received({ secrecyLevel: 'mimi', secrecyPeriod: { unit: 'year', value: 5 }, copyNumbers: ['000017', '000018'] })]);
    spec.given([]).when(receive({ secrecyLevel: 'mimi', copyNumbers: ['000017'] })).thenThrows('DOC-6');
    spec.given([]).when(receive({ secrecyLevel: 'mimi', copyNumbers: ['17', '18'] })).thenThrows('DOC-6');
  });
});

describe('IncomingDocument: a classified title (COMMON-3)', () => {
  it('COMMON-3 records the title of a document at 秘密 or above as its digest, never in clear', () => {
    const [event] = spec.given([]).when(receive({ secrecyLevel: 'jimi', secrecyPeriod: { unit: 'year', value: 10 }, copyNumbers: ['000001', '000002'] })).then([
      received({ secrecyLevel: 'jimi', secrecyPeriod: { unit: 'year', value: 10 }, copyNumbers: ['000001', '000002'] }),
    ]);
    expect(event!.data).toMatchObject({ titleDigest: titleDigestOf(DOCUMENT_ID, '关于开展安全生产大检查的通知') });
    expect(JSON.stringify(event)).not.toContain('安全生产大检查');
  });

  it('COMMON-3 records the title of a document below 秘密 in clear', () => {
    const [event] = spec.given([]).when(receive({ secrecyLevel: 'internal' })).then([received({ secrecyLevel: 'internal' })]);
    expect(event!.data).toMatchObject({ title: '关于开展安全生产大检查的通知' });
    expect(event!.data).not.toHaveProperty('titleDigest');
  });

  it('COMMON-3 hands a classified document off for filing with the title’s digest only', () => {
    const classified = { secrecyLevel: 'mimi' as const, secrecyPeriod: { unit: 'year' as const, value: 5 }, copyNumbers: ['000001', '000002'] };
    const [, ...rest] = history.handling();
    const state = fold(incomingDocumentDecider, [received(classified), ...rest, documentEvent('IncomingDocumentCompleted', { documentId: DOCUMENT_ID, result: '已落实', completedAt: NOW })]);
    const [event] = incomingDocumentDecider.decide(command('HandOffIncomingDocumentForFiling', {}, actors.registrar), state);
    expect(event!.data).toMatchObject({ titleDigest: titleDigestOf(DOCUMENT_ID, '关于开展安全生产大检查的通知') });
    expect(JSON.stringify(event)).not.toContain('安全生产大检查');
  });
});

describe('IncomingDocument: when received', () => {
  it('DOC-8 registers the incoming number of this year’s sequence', () => {
    spec.given(history.received()).when(command('RegisterIncomingDocument', { year: 2024, sequence: 57 })).then([registered()]);
  });

  it('DOC-8 refuses an incoming number of another year, or not a positive whole number', () => {
    spec.given(history.received()).when(command('RegisterIncomingDocument', { year: 2023, sequence: 57 })).thenThrows('DOC-8');
    spec.given(history.received()).when(command('RegisterIncomingDocument', { year: 2024, sequence: 0 })).thenThrows('DOC-8');
  });

  it('refuses to receive the same document twice', () => {
    spec.given(history.received()).when(receive()).thenThrows('DOC.ALREADY_EXISTS');
  });
});

describe('IncomingDocument: when registered', () => {
  const review = (data: Parameters<typeof command<'ReviewIncomingDocumentInitially'>>[1], actor = actors.registrar) =>
    command('ReviewIncomingDocumentInitially', data, actor);

  it('DOC-9 accepts the document at initial review', () => {
    spec.given(history.registered()).when(review({ outcome: 'accept' })).then([initiallyReviewed()]);
  });

  it('DOC-9 returns the document to its sender with a reason, approved by the office director', () => {
    spec
      .given(history.registered())
      .when(review({ outcome: 'return', reason: '不属于本机关职权范围' }, actors.officeDirector))
      .then([
        documentEvent('IncomingDocumentReturnedToSender', {
          documentId: DOCUMENT_ID,
          reviewerId: actors.officeDirector.id,
          reviewerName: actors.officeDirector.name,
          sender: '市人民政府办公室',
          senderDocumentNumber: '市政办发〔2024〕12号',
          reason: '不属于本机关职权范围',
          approvedById: actors.officeDirector.id,
          approvedByName: actors.officeDirector.name,
          returnedAt: NOW,
        }),
      ]);
  });

  it('DOC-9 returns on the registrar’s review when the office director’s approval is passed in', () => {
    const [event] = spec
      .given(history.registered())
      .when(review({ outcome: 'return', reason: '未按规定履行会签程序', officeDirectorApproval: { approverId: actors.officeDirector.id, approverName: actors.officeDirector.name } }))
      .then([
        documentEvent('IncomingDocumentReturnedToSender', {
          documentId: DOCUMENT_ID,
          reviewerId: actors.registrar.id,
          reviewerName: actors.registrar.name,
          sender: '市人民政府办公室',
          senderDocumentNumber: '市政办发〔2024〕12号',
          reason: '未按规定履行会签程序',
          approvedById: actors.officeDirector.id,
          approvedByName: actors.officeDirector.name,
          returnedAt: NOW,
        }),
      ]);
    expect(fold(incomingDocumentDecider, [...history.registered(), event!]).status).toBe('returned');
  });

  it('DOC-9 refuses a return without a reason', () => {
    spec.given(history.registered()).when(review({ outcome: 'return' }, actors.officeDirector)).thenThrows('DOC-9');
  });

  it('DOC-9 refuses a return without the office director’s approval', () => {
    spec.given(history.registered()).when(review({ outcome: 'return', reason: '格式不规范' })).thenThrows('DOC-9');
  });

  it('DOC-9 an office configured without the approval returns with a reason only', () => {
    DeciderSpecification.for(createIncomingDocumentDecider({ returnNeedsOfficeDirectorApproval: false }))
      .given(history.registered())
      .when(review({ outcome: 'return', reason: '格式不规范' }))
      .then([
        documentEvent('IncomingDocumentReturnedToSender', {
          documentId: DOCUMENT_ID,
          reviewerId: actors.registrar.id,
          reviewerName: actors.registrar.name,
          sender: '市人民政府办公室',
          senderDocumentNumber: '市政办发〔2024〕12号',
          reason: '格式不规范',
          returnedAt: NOW,
        }),
      ]);
  });
});

describe('IncomingDocument: when initially reviewed', () => {
  const stream = () => [...history.registered(), initiallyReviewed()];

  it('records the proposed handling (拟办)', () => {
    spec.given(stream()).when(command('ProposeIncomingDocumentHandling', { proposal: '拟请县应急局牵头办理' }, actors.officeDirector)).then([proposed()]);
  });

  it('refuses handling before a proposal and an instruction', () => {
    spec.given(stream()).when(assign()).thenThrows('DOC.ILLEGAL_TRANSITION');
  });
});

describe('IncomingDocument: when proposed', () => {
  const stream = () => [...history.registered(), initiallyReviewed(), proposed()];

  it('records a leader’s instruction (批办)', () => {
    spec.given(stream()).when(command('InstructIncomingDocument', { instruction: '请应急局牵头抓好落实' }, actors.leader)).then([instructed()]);
  });

  it('refuses an instruction by someone who is not a leader', () => {
    spec.given(stream()).when(command('InstructIncomingDocument', { instruction: '办理' }, actors.registrar)).thenThrows('DOC.NOT_PERMITTED');
  });
});

describe('IncomingDocument: when instructed', () => {
  it('DOC-10 assigns one lead unit, the others assisting, with the default 10 working days', () => {
    spec.given(history.instructed()).when(assign()).then([assigned()]);
  });

  it('DOC-10 defaults a 特急 document to 1 working day: received on a Friday, due on Monday', () => {
    const friday = at('2024-07-05');
    spec
      .given(history.instructed('extraUrgent'))
      .when(assign({ chaserId: actors.officeDirector.id, chaserName: actors.officeDirector.name }, friday))
      .then([assigned({ deadline: '2024-07-08', chaserId: actors.officeDirector.id, chaserName: actors.officeDirector.name, assignedAt: friday })]);
  });

  it('DOC-10 defaults a 加急 document to 3 working days', () => {
    spec
      .given(history.instructed('urgent'))
      .when(assign({ chaserId: actors.officeDirector.id, chaserName: actors.officeDirector.name }))
      .then([assigned({ deadline: '2024-07-04', chaserId: actors.officeDirector.id, chaserName: actors.officeDirector.name })]);
  });

  it('DOC-10 takes the office’s configured deadlines and holidays', () => {
    DeciderSpecification.for(createIncomingDocumentDecider({ deadlineWorkingDays: { extraUrgent: 1, urgent: 2, none: 5 }, calendar: { holidays: ['2024-07-05'], extraWorkingDays: [] } }))
      .given(history.instructed())
      .when(assign())
      .then([assigned({ deadline: '2024-07-09' })]);
  });

  it('DOC-10 keeps an explicit deadline', () => {
    spec.given(history.instructed()).when(assign({ deadline: '2024-07-31' })).then([assigned({ deadline: '2024-07-31', deadlineDefaulted: false })]);
  });

  it('DOC-10 refuses two lead units, and none', () => {
    spec.given(history.instructed()).when(assign({ units: [{ unit: '县应急局', role: 'lead' }, { unit: '县住建局', role: 'lead' }] })).thenThrows('DOC-10');
    spec.given(history.instructed()).when(assign({ units: [{ unit: '县住建局', role: 'assist' }] })).thenThrows('DOC-10');
  });

  it('DOC-10 refuses handling without a handler', () => {
    spec.given(history.instructed()).when(assign({ handlerId: '', handlerName: '' })).thenThrows('DOC-10');
  });

  it('DOC-10 refuses an urgent document without a named person who chases it', () => {
    spec.given(history.instructed('urgent')).when(assign()).thenThrows('DOC-10');
    spec.given(history.instructed('extraUrgent')).when(assign()).thenThrows('DOC-10');
  });

  it('DOC-10 refuses a deadline already past', () => {
    spec.given(history.instructed()).when(assign({ deadline: '2024-06-28' })).thenThrows('DOC-10');
  });

  it('DOC-12 refuses completion before the handling is assigned', () => {
    spec.given(history.instructed()).when(command('CompleteIncomingDocument', { result: '已落实' }, actors.handler)).thenThrows('DOC.ILLEGAL_TRANSITION');
  });
});

describe('IncomingDocument: when handling', () => {
  const reminder = (remindedAt: string, overdueWorkingDays: number) =>
    documentEvent('IncomingDocumentReminderRaised', {
      documentId: DOCUMENT_ID,
      deadline: '2024-07-15',
      overdueWorkingDays,
      leadUnit: '县应急局',
      handlerId: actors.handler.id,
      remindedAt,
    });
  const escalation = (escalatedAt: string, overdueWorkingDays: number) =>
    documentEvent('IncomingDocumentEscalated', {
      documentId: DOCUMENT_ID,
      deadline: '2024-07-15',
      overdueWorkingDays,
      escalatedTo: 'officeDirector' as const,
      leadUnit: '县应急局',
      handlerId: actors.handler.id,
      escalatedAt,
    });

  it('DOC-10 raises no reminder on or before the deadline', () => {
    spec.given(history.handling()).when(remind('2024-07-15')).thenNothingHappens();
  });

  it('DOC-10 raises a reminder (催办) once the deadline has passed', () => {
    spec.given(history.handling()).when(remind('2024-07-16')).then([reminder(at('2024-07-16'), 1)]);
  });

  it('DOC-10 raises the reminder once per deadline, however often the job runs', () => {
    spec.given([...history.handling(), reminder(at('2024-07-16'), 1)]).when(remind('2024-07-17')).thenNothingHappens();
  });

  it('DOC-10 escalates to the office director 3 working days past the deadline', () => {
    spec.given([...history.handling(), reminder(at('2024-07-16'), 1)]).when(remind('2024-07-18')).then([escalation(at('2024-07-18'), 3)]);
    spec.given([...history.handling(), reminder(at('2024-07-16'), 1), escalation(at('2024-07-18'), 3)]).when(remind('2024-07-19')).thenNothingHappens();
  });

  it('DOC-10 a job that first runs late raises the reminder and the escalation together', () => {
    spec.given(history.handling()).when(remind('2024-07-22')).then([reminder(at('2024-07-22'), 5), escalation(at('2024-07-22'), 5)]);
  });

  it('DOC-10 a new deadline starts a new round of reminders', () => {
    const extended = assigned({ deadline: '2024-07-19', deadlineDefaulted: false, assignedAt: at('2024-07-16') });
    spec
      .given([...history.handling(), reminder(at('2024-07-16'), 1), extended])
      .when(remind('2024-07-22'))
      .then([documentEvent('IncomingDocumentReminderRaised', { documentId: DOCUMENT_ID, deadline: '2024-07-19', overdueWorkingDays: 1, leadUnit: '县应急局', handlerId: actors.handler.id, remindedAt: at('2024-07-22') })]);
  });

  it('DOC-12 completes with the handling result', () => {
    spec
      .given(history.handling())
      .when(command('CompleteIncomingDocument', { result: '已组织全县开展大检查，整改隐患12处' }, actors.handler))
      .then([documentEvent('IncomingDocumentCompleted', { documentId: DOCUMENT_ID, result: '已组织全县开展大检查，整改隐患12处', completedAt: NOW })]);
  });

  it('DOC-12 refuses completion without the handling result', () => {
    spec.given(history.handling()).when(command('CompleteIncomingDocument', { result: '' }, actors.handler)).thenThrows('DOC-12');
  });

  it('DOC-12 refuses completion without the reply the sender asked for', () => {
    spec.given(history.handling({ replyDue: true })).when(command('CompleteIncomingDocument', { result: '已办理' }, actors.handler)).thenThrows('DOC-12');
  });

  it('DOC-12 refuses completion without the reply a leader’s instruction asked for', () => {
    spec.given([...history.handling(), instructed(true)]).when(command('CompleteIncomingDocument', { result: '已办理' }, actors.handler)).thenThrows('DOC-12');
  });

  it('DOC-12 completes with the reply when one is due, linked to the registered outgoing document that answers and its number', () => {
    spec
      .given(history.handling({ replyDue: true }))
      .when(complete({ outgoingDocumentId: 'doc-9' }))
      .then([
        documentEvent('IncomingDocumentCompleted', {
          documentId: DOCUMENT_ID,
          result: '已办理并复函',
          reply: { documentNumber: '县政函〔2024〕8号', outgoingDocumentId: 'doc-9' },
          completedAt: NOW,
        }),
      ]);
  });

  it('DOC-12 accepts the number the handler writes when it is the one the registration fixed', () => {
    spec
      .given(history.handling({ replyDue: true }))
      .when(complete({ outgoingDocumentId: 'doc-9', documentNumber: '县政函〔2024〕8号' }, { outgoingDocumentId: 'doc-9', status: 'distributed', documentNumber: '县政函〔2024〕8号' }))
      .then([documentEvent('IncomingDocumentCompleted', { documentId: DOCUMENT_ID, result: '已办理并复函', reply: { documentNumber: '县政函〔2024〕8号', outgoingDocumentId: 'doc-9' }, completedAt: NOW })]);
  });

  it('DOC-12 refuses a reply that names no outgoing document (a bare number is not a reply)', () => {
    spec
      .given(history.handling({ replyDue: true }))
      .when(command('CompleteIncomingDocument', { result: '已复函', reply: { documentNumber: '县政函〔2024〕8号' } as never }, actors.handler))
      .thenThrows('DOC-12');
  });

  it('DOC-12 refuses a reply naming a document that is not an outgoing document of this service', () => {
    spec.given(history.handling({ replyDue: true })).when(complete({ outgoingDocumentId: 'doc-elsewhere' }, { outgoingDocumentId: 'doc-elsewhere' })).thenThrows('DOC-12');
    spec.given(history.handling({ replyDue: true })).when(complete({ outgoingDocumentId: 'doc-9' }, null)).thenThrows('DOC-12');
  });

  it('DOC-12 refuses a reply whose outgoing document is not registered (no number yet) or was voided', () => {
    spec.given(history.handling({ replyDue: true })).when(complete({ outgoingDocumentId: 'doc-9' }, { outgoingDocumentId: 'doc-9', status: 'signedOff' })).thenThrows('DOC-12');
    spec
      .given(history.handling({ replyDue: true }))
      .when(complete({ outgoingDocumentId: 'doc-9' }, { outgoingDocumentId: 'doc-9', status: 'voided', documentNumber: '县政函〔2024〕8号' }))
      .thenThrows('DOC-12');
  });

  it('DOC-12 refuses a reply number that differs from the outgoing document’s registered number', () => {
    spec.given(history.handling({ replyDue: true })).when(complete({ outgoingDocumentId: 'doc-9', documentNumber: '县政函〔2024〕9号' })).thenThrows('DOC-12');
  });

  it('DOC-12 refuses a reply whose number is not written per DOC-4', () => {
    spec
      .given(history.handling({ replyDue: true }))
      .when(complete({ outgoingDocumentId: 'doc-9', documentNumber: '县政函(2024)8号' }))
      .thenThrows('DOC-4');
  });
});

describe('IncomingDocument: when circulating', () => {
  const classified = { secrecyLevel: 'jimi' as const, secrecyPeriod: { unit: 'year' as const, value: 10 } };
  const circulated = () =>
    documentEvent('IncomingDocumentCirculated', {
      documentId: DOCUMENT_ID,
      readers: [
        { readerId: actors.readerA.id, readerName: actors.readerA.name, clearance: 'jimi' as const },
        { readerId: actors.readerB.id, readerName: actors.readerB.name, clearance: 'juemi' as const },
      ],
      sentAt: NOW,
    });
  const read = (reader: { id: string; name: string }, readAt: string) =>
    documentEvent('IncomingDocumentRead', { documentId: DOCUMENT_ID, readerId: reader.id, readerName: reader.name, readAt });

  it('DOC-11 circulates a 机密 document to cleared readers, recording when it was sent', () => {
    spec
      .given(history.instructed('none', classified))
      .when(
        command('CirculateIncomingDocument', {
          readers: [
            { readerId: actors.readerA.id, readerName: actors.readerA.name, clearance: 'jimi' },
            { readerId: actors.readerB.id, readerName: actors.readerB.name, clearance: 'juemi' },
          ],
        }),
      )
      .then([circulated()]);
  });

  it('DOC-11 refuses a reader whose clearance is below the document’s level', () => {
    spec
      .given(history.instructed('none', classified))
      .when(command('CirculateIncomingDocument', { readers: [{ readerId: 'u-x', readerName: '孙科员', clearance: 'mimi' }] }))
      .thenThrows('DOC-11');
  });

  it('DOC-11 records each reader’s read time and completes the circulation when all have read', () => {
    const stream = [...history.instructed('none', classified), circulated()];
    spec.given(stream).when(command('MarkIncomingDocumentRead', {}, actors.readerA, at('2024-07-02'))).then([read(actors.readerA, at('2024-07-02'))]);
    spec
      .given([...stream, read(actors.readerA, at('2024-07-02'))])
      .when(command('MarkIncomingDocumentRead', {}, actors.readerB, at('2024-07-03')))
      .then([read(actors.readerB, at('2024-07-03')), documentEvent('IncomingDocumentCirculationCompleted', { documentId: DOCUMENT_ID, readerCount: 2, completedAt: at('2024-07-03') })]);
  });

  it('DOC-11 refuses a read by someone not on the circulation list, and ignores a second read', () => {
    const stream = [...history.instructed('none', classified), circulated(), read(actors.readerA, at('2024-07-02'))];
    spec.given(stream).when(command('MarkIncomingDocumentRead', {}, actors.handler)).thenThrows('DOC-11');
    spec.given(stream).when(command('MarkIncomingDocumentRead', {}, actors.readerA)).thenNothingHappens();
  });

  it('DOC-11 a document for reading only completes once its circulation is complete, not before', () => {
    const stream = [...history.instructed('none', classified), circulated(), read(actors.readerA, at('2024-07-02'))];
    spec.given(stream).when(command('CompleteIncomingDocument', { result: '已传阅' })).thenThrows('DOC-11');
    const complete = [
      ...stream,
      read(actors.readerB, at('2024-07-03')),
      documentEvent('IncomingDocumentCirculationCompleted', { documentId: DOCUMENT_ID, readerCount: 2, completedAt: at('2024-07-03') }),
    ];
    spec.given(complete).when(command('CompleteIncomingDocument', { result: '已传阅' })).then([documentEvent('IncomingDocumentCompleted', { documentId: DOCUMENT_ID, result: '已传阅', completedAt: NOW })]);
  });
});

describe('IncomingDocument: when completed', () => {
  it('hands the document off for filing with what the archives need', () => {
    spec
      .given([...history.handling(), documentEvent('IncomingDocumentCompleted', { documentId: DOCUMENT_ID, result: '已落实', completedAt: NOW })])
      .when(command('HandOffIncomingDocumentForFiling', {}))
      .then([
        documentEvent('IncomingDocumentHandedOffForFiling', {
          documentId: DOCUMENT_ID,
          year: 2024,
          sequence: 57,
          sender: '市人民政府办公室',
          senderDocumentNumber: '市政办发〔2024〕12号',
          title: '关于开展安全生产大检查的通知',
          type: 'notice' as const,
          secrecyLevel: 'none' as const,
          receivedAt: NOW,
          result: '已落实',
          files: [],
          handedOffAt: NOW,
        }, 2),
      ]);
  });

  it('DOC-10 raises no reminder once the document is completed', () => {
    spec.given([...history.handling(), documentEvent('IncomingDocumentCompleted', { documentId: DOCUMENT_ID, result: '已落实', completedAt: NOW })]).when(remind('2024-08-01')).thenNothingHappens();
  });
});

describe('IncomingDocument: its files (FILE-1)', () => {
  const scan = { role: 'text' as const, file: { sha256: 'd'.repeat(64), size: 4096, mediaType: 'application/pdf', format: 'pdf', name: '来文扫描件.pdf' } };
  const attached = documentEvent('IncomingDocumentFileAttached', { documentId: DOCUMENT_ID, ...scan, attachedById: actors.registrar.id, attachedAt: NOW });
  const completed = documentEvent('IncomingDocumentCompleted', { documentId: DOCUMENT_ID, result: '已落实', completedAt: NOW });

  it('FILE-1 a 收文 received on paper gets its scanned copy as its 正文', () => {
    spec.given(history.registered()).when(command('AttachIncomingDocumentFile', scan)).then([attached]);
  });

  it('FILE-1 refuses a 签发稿 (an outgoing document has one) and any file once completed', () => {
    spec.given(history.registered()).when(command('AttachIncomingDocumentFile', { ...scan, role: 'signedDraft' })).thenThrows('FILE-1');
    spec.given([...history.handling(), completed]).when(command('AttachIncomingDocumentFile', scan)).thenThrows('DOC.ILLEGAL_TRANSITION');
  });

  it('FILE-4 hands the scanned copy off with the document, and FILE-2 releases it to the archives once handed off', () => {
    const state = fold(incomingDocumentDecider, [...history.handling(), attached, completed]);
    const [handedOff] = incomingDocumentDecider.decide(command('HandOffIncomingDocumentForFiling', {}), state);
    expect(handedOff?.data).toMatchObject({ files: [scan] });
    const filed = [...history.handling(), attached, completed, handedOff!];
    spec
      .given(filed)
      .when(command('ReleaseIncomingDocumentFilingCopy', { sha256: scan.file.sha256 }))
      .then([documentEvent('IncomingDocumentFilingCopyReleased', { documentId: DOCUMENT_ID, sha256: scan.file.sha256, releasedToId: actors.registrar.id, releasedAt: NOW })]);
    spec.given(filed).when(command('ReleaseIncomingDocumentFilingCopy', { sha256: 'e'.repeat(64) })).thenThrows('FILE-2');
  });
});
