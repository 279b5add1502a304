import { DeciderSpecification, fold, type Actor, type ActorAuthority } from '@oa/core';
import { archivesConfig } from '../archives.config';
import type {
  ApproveArchiveItemDestruction,
  ApproveArchiveItemLoan,
  AppraiseArchiveItem,
  ArchiveItemCommand,
  DestroyArchiveItem,
  FileArchiveItem,
  MarkArchiveItemLoansOverdue,
  RegisterFilingCandidate,
  RejectArchiveItemDestruction,
  RejectArchiveItemLoan,
  RequestArchiveItemLoan,
  ReturnArchiveItemLoan,
  TransferArchiveItem,
} from './archive-item.commands';
import { archiveItemDecider, createArchiveItemDecider } from './archive-item.decide';
import type { ArchiveItemEvent } from './archive-item.events';
import {
  ITEM_ID,
  NOW,
  archiveItemEvent,
  candidateData,
  candidateRegistered,
  command,
  documentComponents,
  documentSource,
  fileData,
  filedItem,
  intactHashes,
  itemFiled,
  metadataOf,
  people,
} from './archive-item.fixtures';
import { componentDigest, fourPropertiesCheck } from './four-properties';

const spec = DeciderSpecification.for(archiveItemDecider);

const register = (overrides: Partial<RegisterFilingCandidate['data']> = {}, now = '2025-01-10T02:00:00.000Z') =>
  command<RegisterFilingCandidate>('RegisterFilingCandidate', candidateData(overrides), people.system, now);
const fileItem = (overrides: Partial<FileArchiveItem['data']> = {}, actor: Actor = people.archivist, now = NOW) =>
  command<FileArchiveItem>('FileArchiveItem', fileData(overrides), actor, now);
const requestLoan = (overrides: Partial<RequestArchiveItemLoan['data']> = {}, actor: Actor = people.reader) =>
  command<RequestArchiveItemLoan>(
    'RequestArchiveItemLoan',
    { itemId: ITEM_ID, loanId: 'loan-1', purpose: '编写年度工作总结', dueAt: '2025-03-15T09:00:00.000Z', borrowerClearance: 'mimi', ...overrides },
    actor,
  );
const approveLoan = (actor: Actor = people.archivist, now = NOW) =>
  command<ApproveArchiveItemLoan>('ApproveArchiveItemLoan', { itemId: ITEM_ID, loanId: 'loan-1' }, actor, now);
const rejectLoan = (actor: Actor = people.archivist) =>
  command<RejectArchiveItemLoan>('RejectArchiveItemLoan', { itemId: ITEM_ID, loanId: 'loan-1', reason: '与工作无关' }, actor);
const returnLoan = (actor: Actor = people.archivist, now = NOW) =>
  command<ReturnArchiveItemLoan>('ReturnArchiveItemLoan', { itemId: ITEM_ID, loanId: 'loan-1' }, actor, now);
const markOverdue = (now: string) => command<MarkArchiveItemLoansOverdue>('MarkArchiveItemLoansOverdue', { itemId: ITEM_ID }, people.system, now);
const appraise = (data: Partial<AppraiseArchiveItem['data']> = {}, now = '2035-02-01T02:00:00.000Z', actor: Actor = people.appraiser) =>
  command<AppraiseArchiveItem>('AppraiseArchiveItem', { itemId: ITEM_ID, appraisalId: 'ap-1', decision: 'destroy', reason: '已无保存价值', ...data }, actor, now);
const approveDestruction = (actor: Actor = people.leader) =>
  command<ApproveArchiveItemDestruction>('ApproveArchiveItemDestruction', { itemId: ITEM_ID, appraisalId: 'ap-1' }, actor, '2035-02-10T02:00:00.000Z');
const rejectDestruction = (actor: Actor = people.leader) =>
  command<RejectArchiveItemDestruction>('RejectArchiveItemDestruction', { itemId: ITEM_ID, appraisalId: 'ap-1', reason: '仍有查考价值' }, actor, '2035-02-10T02:00:00.000Z');
const destroy = (witnesses: DestroyArchiveItem['data']['witnesses'] = [people.witnessA, people.witnessB], actor: Actor = people.archivist) =>
  command<DestroyArchiveItem>(
    'DestroyArchiveItem',
    { itemId: ITEM_ID, appraisalId: 'ap-1', destructionListId: 'XH-2035-01', method: '粉碎并删除电子文件', witnesses: witnesses.map(({ id, name }) => ({ id, name })) },
    actor,
    '2035-02-20T02:00:00.000Z',
  );
const transfer = (actor: Actor = people.archivist) =>
  command<TransferArchiveItem>('TransferArchiveItem', { itemId: ITEM_ID, transferId: 'YJ-2045-01', recipient: '某某县档案馆' }, actor);

const loanRequested = (borrowerClearance: 'mimi' | 'jimi' = 'mimi') =>
  archiveItemEvent('ArchiveItemLoanRequested', {
    itemId: ITEM_ID,
    loanId: 'loan-1',
    borrowerId: people.reader.id,
    borrowerName: people.reader.name,
    borrowerClearance,
    purpose: '编写年度工作总结',
    dueAt: '2025-03-15T09:00:00.000Z',
    requestedAt: NOW,
  });
const loanApproved = () =>
  archiveItemEvent('ArchiveItemLoanApproved', {
    itemId: ITEM_ID,
    loanId: 'loan-1',
    approverId: people.archivist.id,
    approverName: people.archivist.name,
    approvedAt: '2025-03-01T03:00:00.000Z',
  });
const appraisedForDestruction = () =>
  archiveItemEvent('ArchiveItemAppraised', {
    itemId: ITEM_ID,
    appraisalId: 'ap-1',
    decision: 'destroy',
    reason: '已无保存价值',
    retention: 'D10',
    appraisedById: people.appraiser.id,
    appraisedByName: people.appraiser.name,
    appraisedAt: '2035-02-01T02:00:00.000Z',
  });
const destructionApproved = () =>
  archiveItemEvent('ArchiveItemDestructionApproved', {
    itemId: ITEM_ID,
    appraisalId: 'ap-1',
    approverId: people.leader.id,
    approverName: people.leader.name,
    approvedAt: '2035-02-10T02:00:00.000Z',
  });
const d10 = () => filedItem({ retention: 'D10' });
const transferred = () =>
  archiveItemEvent('ArchiveItemTransferred', {
    itemId: ITEM_ID,
    transferId: 'YJ-2045-01',
    recipient: '某某县档案馆',
    archivalCode: 'Z109-WS·2024-Y-BGS-0001',
    transferredById: people.archivist.id,
    transferredAt: NOW,
  });

describe('ArchiveItem: when empty', () => {
  it('ARC-1 registers a distributed document as a filing candidate with its components and hashes', () => {
    spec.given([]).when(register()).then([candidateRegistered()]);
  });

  it('ARC-1 registers finalized minutes as a filing candidate', () => {
    const minutes = {
      source: { service: 'meetings', sourceId: 'mtg-7', sourceState: 'finalized', sourceEventId: 'evt-mtg-7-20', sourceEventHash: componentDigest('x') },
      title: '县委常委会第7次会议记录',
      components: [{ componentId: 'c-min', role: 'minutes', fileName: '会议记录.ofd', format: 'ofd', hashAlgorithm: 'sm3', hash: componentDigest('记录', 'sm3') }],
    } as const;
    spec
      .given([])
      .when(register(minutes))
      .then([archiveItemEvent('FilingCandidateRegistered', { ...candidateData(minutes), registeredAt: '2025-01-10T02:00:00.000Z' })]);
  });

  it('ARC-1 refuses a document that is neither completed nor distributed, and minutes not finalized', () => {
    spec.given([]).when(register({ source: { ...documentSource(), sourceState: 'draft' } as never })).thenThrows('ARC-1');
    spec
      .given([])
      .when(register({ source: { service: 'meetings', sourceId: 'm', sourceState: 'recorded', sourceEventId: 'e', sourceEventHash: 'h' } as never }))
      .thenThrows('ARC-1');
    spec.given([]).when(register({ source: { ...documentSource(), service: 'seals' } as never })).thenThrows('ARC-1');
  });

  it('ARC-1 refuses a candidate without title, valid date, secrecy level, responsible party or components', () => {
    spec.given([]).when(register({ title: ' ' })).thenThrows('ARC-1');
    spec.given([]).when(register({ date: '2024-02-30' })).thenThrows('ARC-1');
    spec.given([]).when(register({ secrecyLevel: 'topsecret' as never })).thenThrows('ARC-1');
    spec.given([]).when(register({ responsibleParty: '' })).thenThrows('ARC-1');
    spec.given([]).when(register({ components: [] })).thenThrows('ARC-1');
  });

  it('ARC-3 refuses a document item without exactly one text, or mixed with minutes', () => {
    const [text, attachment, draft] = documentComponents() as [never, never, never];
    spec.given([]).when(register({ components: [attachment, draft] })).thenThrows('ARC-3');
    spec.given([]).when(register({ components: [text, { ...(text as object), componentId: 'c-text-2' } as never] })).thenThrows('ARC-3');
    spec.given([]).when(register({ components: [text, draft, { ...(draft as object), componentId: 'c-draft-2' } as never] })).thenThrows('ARC-3');
    spec.given([]).when(register({ components: [text, { ...(text as object), componentId: 'c-min', role: 'minutes' } as never] })).thenThrows('ARC-3');
  });

  it('ARC-1 refuses to file an item that is not a candidate', () => {
    spec.given([]).when(fileItem()).thenThrows('ARCHIVE_ITEM.NOT_FOUND');
  });
});

describe('ArchiveItem: when a filing candidate', () => {
  it('ARC-1 registers nothing new when the same source event is delivered again, and refuses another source', () => {
    spec.given([candidateRegistered()]).when(register()).thenNothingHappens();
    spec
      .given([candidateRegistered()])
      .when(register({ source: { ...documentSource(), sourceId: 'doc-43' } }))
      .thenThrows('ARCHIVE_ITEM.ALREADY_REGISTERED');
  });

  it('ARC-1 ARC-2 files the candidate with its DA/T 22 metadata, the archival code Z109-WS·2024-Y-BGS-0001 and the filing stamp', () => {
    const [event] = spec.given([candidateRegistered()]).when(fileItem()).then([itemFiled({}, NOW)]);
    expect(event?.type === 'ArchiveItemFiled' && event.data.archivalCode).toBe('Z109-WS·2024-Y-BGS-0001');
    expect(event?.type === 'ArchiveItemFiled' && event.data.filingStamp).toEqual({
      fondsCode: 'Z109',
      year: 2024,
      retention: 'Y',
      itemNumber: '0001',
      pages: 12,
      organisationCode: 'BGS',
    });
  });

  it('ARC-1 refuses filing by anyone but an archivist', () => {
    spec.given([candidateRegistered()]).when(fileItem({}, people.director)).thenThrows('ARC-1');
  });

  it('ARC-2 refuses an item number that is not four digits, and codes that break the separators', () => {
    spec.given([candidateRegistered()]).when(fileItem({ itemNumber: 10000 })).thenThrows('ARC-2');
    spec.given([candidateRegistered()]).when(fileItem({ itemNumber: 0 })).thenThrows('ARC-2');
    spec.given([candidateRegistered()]).when(fileItem({ fondsCode: 'Z-109' })).thenThrows('ARC-2');
    spec.given([candidateRegistered()]).when(fileItem({ retention: 'D20' as never })).thenThrows('ARC-2');
    spec.given([candidateRegistered()]).when(fileItem({ categoryCode: 'KJ' as never })).thenThrows('ARC-2');
  });

  it('ARC-3 files after 30 June of the next year, flagged late', () => {
    const lateAt = '2025-07-01T02:00:00.000Z';
    spec.given([candidateRegistered()]).when(fileItem({}, people.archivist, lateAt)).then([{ ...itemFiled({}, lateAt), data: { ...itemFiled({}, lateAt).data, late: true } }]);
  });

  it('ARC-3 leaves the organisation off the filing stamp when the office configures it', () => {
    const decider = createArchiveItemDecider(archivesConfig({ filingStampShowsOrganisation: false }));
    const [event] = decider.decide(fileItem(), fold(decider, [candidateRegistered()]));
    expect(event?.type === 'ArchiveItemFiled' && event.data.filingStamp).toEqual({ fondsCode: 'Z109', year: 2024, retention: 'Y', itemNumber: '0001', pages: 12 });
  });

  it('ARC-4 refuses filing when a component hash does not match the recorded one (tampered file)', () => {
    const tampered = intactHashes().map((entry) => (entry.componentId === 'c-att' ? { ...entry, hash: componentDigest('附件：检查表（改）') } : entry));
    spec.given([candidateRegistered()]).when(fileItem({ recomputedHashes: tampered })).thenThrows('ARC-4');
  });

  it('ARC-4 refuses filing when a component file is missing (integrity)', () => {
    spec.given([candidateRegistered()]).when(fileItem({ recomputedHashes: intactHashes().slice(0, 2) })).thenThrows('ARC-4');
  });

  it('ARC-4 refuses a format that is not accepted (usability), unless the office accepts it', () => {
    const docx = documentComponents().map((component) => (component.componentId === 'c-att' ? { ...component, fileName: '附件1.docx', format: 'docx' } : component));
    spec.given([candidateRegistered({ components: docx })]).when(fileItem()).thenThrows('ARC-4');
    const lenient = createArchiveItemDecider(archivesConfig({ acceptedFormats: ['pdf', 'ofd', 'docx'] }));
    expect(lenient.decide(fileItem(), fold(lenient, [candidateRegistered({ components: docx })]))[0]?.type).toBe('ArchiveItemFiled');
  });

  it('ARC-4 refuses a component named .pdf whose bytes are a ZIP (usability: the format is the content\'s, not the name\'s)', () => {
    const zipped = intactHashes().map((entry) => ({ ...entry, format: entry.componentId === 'c-att' ? 'zip' : entry.componentId === 'c-text' ? 'ofd' : 'pdf' }));
    expect(() => archiveItemDecider.decide(fileItem({ recomputedHashes: zipped }), fold(archiveItemDecider, [candidateRegistered()]))).toThrow('组件 c-att 的文件名表明为 pdf 格式，内容却是 zip');
    const asNamed = intactHashes().map((entry) => ({ ...entry, format: entry.componentId === 'c-text' ? 'ofd' : 'pdf' }));
    expect(archiveItemDecider.decide(fileItem({ recomputedHashes: asNamed }), fold(archiveItemDecider, [candidateRegistered()]))[0]?.type).toBe('ArchiveItemFiled');
  });

  it('FILE-4 receives a copy of a component with the digests computed here, from its source or an archivist\'s upload', () => {
    const copy = { componentId: 'c-att', sha256: intactHashes()[1]!.hash, sizeBytes: 18, format: 'pdf', receivedFrom: 'documents' as const };
    spec
      .given([candidateRegistered()])
      .when(command('ReceiveArchiveComponent', { itemId: ITEM_ID, copy }, people.system))
      .then([archiveItemEvent('ArchiveComponentReceived', { itemId: ITEM_ID, copy: { ...copy, receivedAt: NOW }, receivedById: people.system.id })]);
    spec.given([candidateRegistered()]).when(command('ReceiveArchiveComponent', { itemId: ITEM_ID, copy: { ...copy, receivedFrom: 'upload' } }, people.reader)).thenThrows('ARC-1');
    spec.given([candidateRegistered()]).when(command('ReceiveArchiveComponent', { itemId: ITEM_ID, copy: { ...copy, componentId: 'c-other' } }, people.system)).thenThrows('ARC-4');
    spec.given(filedItem()).when(command('ReceiveArchiveComponent', { itemId: ITEM_ID, copy }, people.system)).thenThrows('ARCHIVE_ITEM.ILLEGAL_TRANSITION');
  });

  it('ARC-4 a check after filing is an event whatever it finds: bytes changed since fail authenticity, visibly', () => {
    const changed = intactHashes().map((entry) => (entry.componentId === 'c-text' ? { ...entry, hash: componentDigest('被改动的正文') } : entry));
    const state = fold(archiveItemDecider, filedItem());
    const [event] = archiveItemDecider.decide(command('CheckArchiveItemFourProperties', { itemId: ITEM_ID, recomputedHashes: changed }, people.archivist), state);
    expect(event?.type).toBe('ArchiveItemFourPropertiesChecked');
    const report = event?.type === 'ArchiveItemFourPropertiesChecked' ? event.data.report : undefined;
    expect(report?.passed).toBe(false);
    expect(report?.authenticity.findings).toEqual(['组件 c-text 的摘要值与登记值不符，文件可能已被篡改']);
    expect(report?.components.find((check) => check.componentId === 'c-text')).toMatchObject({ recordedHash: intactHashes()[0]!.hash, recomputedHash: componentDigest('被改动的正文'), hashMatches: false });
    const [intact] = archiveItemDecider.decide(command('CheckArchiveItemFourProperties', { itemId: ITEM_ID, recomputedHashes: intactHashes() }, people.archivist), state);
    expect(intact?.type === 'ArchiveItemFourPropertiesChecked' && intact.data.report.passed).toBe(true);
    spec.given(filedItem()).when(command('CheckArchiveItemFourProperties', { itemId: ITEM_ID, recomputedHashes: intactHashes() }, people.reader)).thenThrows('ARC-4');
  });

  it('ARC-4 refuses filing without the source chain (authenticity)', () => {
    spec.given([candidateRegistered({ source: { ...documentSource(), sourceEventHash: '' } })]).when(fileItem()).thenThrows('ARC-4');
  });

  it('ARC-4 refuses a candidate whose secrecy marking is missing (security)', () => {
    spec.given([candidateRegistered({ secrecyLevel: undefined as never })]).when(fileItem()).thenThrows('ARC-4');
  });

  it('ARC-4 checks SM3 hashes (GB/T 32905-2016 "abc") and files the item with the report', () => {
    const sm3Abc = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
    const components = [{ componentId: 'c-text', role: 'text', fileName: '正文.txt', format: 'txt', hashAlgorithm: 'sm3', hash: sm3Abc }] as const;
    const given = [candidateRegistered({ components })];
    const [event] = spec.given(given).when(fileItem({ recomputedHashes: [{ componentId: 'c-text', hash: componentDigest('abc', 'sm3') }] })).then([
      {
        ...itemFiled({}, NOW),
        data: {
          ...itemFiled({}, NOW).data,
          fourPropertiesReport: fourPropertiesCheck({ source: documentSource(), components, recomputedHashes: [{ componentId: 'c-text', hash: sm3Abc }], metadata: metadataOf() }),
        },
      },
    ]);
    expect(event?.type === 'ArchiveItemFiled' && event.data.fourPropertiesReport.passed).toBe(true);
    spec.given(given).when(fileItem({ recomputedHashes: [{ componentId: 'c-text', hash: componentDigest('abd', 'sm3') }] })).thenThrows('ARC-4');
  });
});

describe('ArchiveItem: when filed', () => {
  it('ARC-1 refuses to file the same item twice', () => {
    spec.given(filedItem()).when(fileItem()).thenThrows('ARCHIVE_ITEM.ILLEGAL_TRANSITION');
  });

  it('ARC-5 records a loan request with its due date and the borrower clearance', () => {
    spec.given(filedItem({ secrecyLevel: 'mimi' })).when(requestLoan()).then([loanRequested()]);
  });

  it('ARC-5 refuses a borrower whose clearance is below the item secrecy level', () => {
    spec.given(filedItem({ secrecyLevel: 'jimi' })).when(requestLoan()).thenThrows('ARC-5');
    spec.given(filedItem({ secrecyLevel: 'internal' })).when(requestLoan({ borrowerClearance: 'none' })).thenThrows('ARC-5');
  });

  it('ARC-5 refuses a loan without a purpose or with a due date not in the future', () => {
    spec.given(filedItem()).when(requestLoan({ purpose: ' ' })).thenThrows('ARC-5');
    spec.given(filedItem()).when(requestLoan({ dueAt: '2025-02-01T00:00:00.000Z' })).thenThrows('ARC-5');
    spec.given(filedItem()).when(requestLoan({ dueAt: '3月15日' })).thenThrows('ARC-5');
  });

  it('ARC-5 approves the loan of an unclassified item by the archivist', () => {
    spec
      .given([...filedItem(), loanRequested()])
      .when(approveLoan())
      .then([archiveItemEvent('ArchiveItemLoanApproved', { itemId: ITEM_ID, loanId: 'loan-1', approverId: people.archivist.id, approverName: people.archivist.name, approvedAt: NOW })]);
  });

  it('ARC-5 a classified item is lent only with the office director approval', () => {
    const given = [...filedItem({ secrecyLevel: 'mimi' }), loanRequested()];
    spec.given(given).when(approveLoan(people.archivist)).thenThrows('ARC-5');
    spec.given(given).when(rejectLoan(people.archivist)).thenThrows('ARC-5');
    spec
      .given(given)
      .when(approveLoan(people.director))
      .then([archiveItemEvent('ArchiveItemLoanApproved', { itemId: ITEM_ID, loanId: 'loan-1', approverId: people.director.id, approverName: people.director.name, approvedAt: NOW })]);
  });

  it('ARC-5 DIR-5 once the directory is in force, a classified loan is approved by the office director it holds, and the event names the post', () => {
    const given = [...filedItem({ secrecyLevel: 'mimi' }), loanRequested()];
    const directorPost = { unitId: 'unit-office', unitCode: 'XWB', postId: 'post-zr', postKind: 'officeDirector', identityId: 'id-director', title: '办公室主任', assignmentId: 'assign-4' };
    const withPosts = (posts: ActorAuthority['posts']): Actor => ({ ...people.director, authority: { roles: [{ role: 'officeDirector', grantId: 'grant-8' }], posts, clearance: { level: 'jimi', grantId: 'grant-9' }, actingAsDeputy: [] } });
    const { unitCode: _unitCode, title: _title, ...approvedUnder } = directorPost;
    spec
      .given(given)
      .when(approveLoan(withPosts([directorPost])))
      .then([archiveItemEvent('ArchiveItemLoanApproved', { itemId: ITEM_ID, loanId: 'loan-1', approverId: people.director.id, approverName: people.director.name, approvedUnder, approvedAt: NOW })]);
    // the officeDirector role granted, the post held by someone else: a deputy director does not approve it
    spec.given(given).when(approveLoan(withPosts([{ ...directorPost, postKind: 'deputyOfficeDirector', title: '办公室副主任' }]))).thenThrows('ARC-5');
  });

  it('ARC-5 refuses self-approval and approval of a loan never requested', () => {
    const self: Actor = { ...people.reader, roles: ['officeDirector'] };
    spec.given([...filedItem(), loanRequested()]).when(approveLoan(self)).thenThrows('ARC-5');
    spec.given(filedItem()).when(approveLoan()).thenThrows('ARC-5');
  });

  it('ARC-5 rejects a loan with a reason', () => {
    spec
      .given([...filedItem(), loanRequested()])
      .when(rejectLoan())
      .then([archiveItemEvent('ArchiveItemLoanRejected', { itemId: ITEM_ID, loanId: 'loan-1', rejectedById: people.archivist.id, reason: '与工作无关', rejectedAt: NOW })]);
  });

  it('ARC-5 records the return by the archivist, late when past the due date', () => {
    const given = [...filedItem(), loanRequested(), loanApproved()];
    const returned = (late: boolean, returnedAt: string) =>
      archiveItemEvent('ArchiveItemReturned', { itemId: ITEM_ID, loanId: 'loan-1', receivedById: people.archivist.id, receivedByName: people.archivist.name, late, returnedAt });
    spec.given(given).when(returnLoan(people.archivist, '2025-03-10T02:00:00.000Z')).then([returned(false, '2025-03-10T02:00:00.000Z')]);
    spec.given(given).when(returnLoan(people.archivist, '2025-03-20T02:00:00.000Z')).then([returned(true, '2025-03-20T02:00:00.000Z')]);
    spec.given(given).when(returnLoan(people.reader)).thenThrows('ARC-5');
    spec.given([...filedItem(), loanRequested()]).when(returnLoan()).thenThrows('ARC-5');
  });

  it('ARC-5 marks an overdue loan once, at the scheduled job now, and not before the due date', () => {
    const given = [...filedItem(), loanRequested(), loanApproved()];
    const marked = archiveItemEvent('ArchiveItemLoanMarkedOverdue', {
      itemId: ITEM_ID,
      loanId: 'loan-1',
      borrowerId: people.reader.id,
      dueAt: '2025-03-15T09:00:00.000Z',
      markedAt: '2025-03-16T00:00:00.000Z',
    });
    spec.given(given).when(markOverdue('2025-03-15T08:00:00.000Z')).thenNothingHappens();
    spec.given(given).when(markOverdue('2025-03-16T00:00:00.000Z')).then([marked]);
    spec.given([...given, marked]).when(markOverdue('2025-03-17T00:00:00.000Z')).thenNothingHappens();
    spec.given([...filedItem(), loanRequested()]).when(markOverdue('2025-03-17T00:00:00.000Z')).thenNothingHappens();
  });

  it('ARC-6 refuses appraisal before the retention period has run out', () => {
    // D10 of 2024: kept to the end of 2034 (office time, UTC+8)
    spec.given(d10()).when(appraise({}, '2034-12-31T15:59:00.000Z')).thenThrows('ARC-6');
    spec.given(d10()).when(appraise({}, '2034-12-31T16:00:00.000Z')).then([{ ...appraisedForDestruction(), data: { ...appraisedForDestruction().data, appraisedAt: '2034-12-31T16:00:00.000Z' } }]);
  });

  it('ARC-6 the appraisal committee decides to destroy an expired D10 item', () => {
    spec.given(d10()).when(appraise()).then([appraisedForDestruction()]);
  });

  it('ARC-6 refuses an appraisal by anyone outside the appraisal committee', () => {
    spec.given(d10()).when(appraise({}, undefined, people.archivist)).thenThrows('ARC-6');
  });

  it('ARC-6 extends the retention: a later appraisal waits for the new end', () => {
    const extended = archiveItemEvent('ArchiveItemAppraised', {
      itemId: ITEM_ID,
      appraisalId: 'ap-1',
      decision: 'extend',
      reason: '仍有查考价值',
      retention: 'D10',
      retentionEndsYear: 2040,
      appraisedById: people.appraiser.id,
      appraisedByName: people.appraiser.name,
      appraisedAt: '2035-02-01T02:00:00.000Z',
    });
    spec.given(d10()).when(appraise({ decision: 'extend', extendYears: 5, reason: '仍有查考价值' })).then([extended]);
    spec.given(d10()).when(appraise({ decision: 'extend', reason: '仍有查考价值' })).thenThrows('ARC-6');
    spec.given([...d10(), extended]).when(appraise({ appraisalId: 'ap-2' }, '2036-01-10T02:00:00.000Z')).thenThrows('ARC-6');
  });

  it('ARC-6 refuses to appraise or destroy a permanent (Y) item', () => {
    spec.given(filedItem({ retention: 'Y' })).when(appraise({}, '2099-01-10T02:00:00.000Z')).thenThrows('ARC-6');
    spec.given(filedItem({ retention: 'Y' })).when(destroy()).thenThrows('ARC-6');
    // even with a destruction recorded against it by mistake, a Y item is never destroyed
    spec.given([...filedItem({ retention: 'Y' }), appraisedForDestruction(), destructionApproved()]).when(destroy()).thenThrows('ARC-6');
  });

  it('ARC-6 destruction needs the leader approval', () => {
    const given = [...d10(), appraisedForDestruction()];
    spec.given(given).when(approveDestruction(people.director)).thenThrows('ARC-6');
    spec.given(given).when(destroy()).thenThrows('ARC-6');
    spec.given(given).when(approveDestruction()).then([destructionApproved()]);
    spec.given([...given, destructionApproved()]).when(approveDestruction()).thenNothingHappens();
    spec.given(d10()).when(approveDestruction()).thenThrows('ARC-6');
  });

  it('ARC-6 a rejected destruction leaves the item filed', () => {
    const rejected = archiveItemEvent('ArchiveItemDestructionRejected', {
      itemId: ITEM_ID,
      appraisalId: 'ap-1',
      rejectedById: people.leader.id,
      reason: '仍有查考价值',
      rejectedAt: '2035-02-10T02:00:00.000Z',
    });
    spec.given([...d10(), appraisedForDestruction()]).when(rejectDestruction()).then([rejected]);
    const state = fold(archiveItemDecider, [...d10(), appraisedForDestruction(), rejected]);
    expect(state.status === 'filed' && state.pendingDestruction).toBeUndefined();
  });

  it('ARC-6 destruction needs at least two distinct witnesses other than the archivist', () => {
    const given = [...d10(), appraisedForDestruction(), destructionApproved()];
    spec.given(given).when(destroy([people.witnessA])).thenThrows('ARC-6');
    spec.given(given).when(destroy([people.witnessA, people.witnessA])).thenThrows('ARC-6');
    spec.given(given).when(destroy([people.witnessA, people.archivist])).thenThrows('ARC-6');
    spec.given(given).when(destroy([people.witnessA, { id: ' ', name: '' }])).thenThrows('ARC-6');
  });

  it('ARC-6 destroys the item with a destruction list entry and keeps its metadata', () => {
    const given = [...d10(), appraisedForDestruction(), destructionApproved()];
    const metadata = metadataOf({ retention: 'D10' });
    const destroyed = archiveItemEvent('ArchiveItemDestroyed', {
      itemId: ITEM_ID,
      destructionListEntry: {
        destructionListId: 'XH-2035-01',
        archivalCode: 'Z109-WS·2024-D10-BGS-0001',
        metadata,
        componentHashes: documentComponents().map(({ componentId, hashAlgorithm, hash }) => ({ componentId, hashAlgorithm, hash })),
        appraisalId: 'ap-1',
        appraisalReason: '已无保存价值',
        approverId: people.leader.id,
        approverName: people.leader.name,
        witnesses: [
          { id: people.witnessA.id, name: people.witnessA.name },
          { id: people.witnessB.id, name: people.witnessB.name },
        ],
        method: '粉碎并删除电子文件',
        destroyedById: people.archivist.id,
        destroyedAt: '2035-02-20T02:00:00.000Z',
      },
      destroyedAt: '2035-02-20T02:00:00.000Z',
    });
    spec.given(given).when(destroy()).then([destroyed]);
    const state = fold(archiveItemDecider, [...given, destroyed]);
    expect(state.status).toBe('destroyed');
    expect(state.status === 'destroyed' && [state.archivalCode, state.metadata]).toEqual(['Z109-WS·2024-D10-BGS-0001', metadata]);
  });

  it('ARC-6 refuses destruction while the item is out on loan', () => {
    const outLoan = [{ ...loanRequested(), data: { ...loanRequested().data, dueAt: '2035-03-01T00:00:00.000Z' } }, loanApproved()];
    spec.given([...d10(), ...outLoan, appraisedForDestruction(), destructionApproved()]).when(destroy()).thenThrows('ARC-6');
  });

  it('ARC-7 transfers the item to the archives bureau', () => {
    spec.given(filedItem()).when(transfer()).then([transferred()]);
    spec.given(filedItem()).when(transfer(people.reader)).thenThrows('ARC-7');
  });

  it('ARC-7 refuses a transfer while the item is out on loan', () => {
    spec.given([...filedItem(), loanRequested(), loanApproved()]).when(transfer()).thenThrows('ARC-7');
  });
});

describe('ArchiveItem: when transferred', () => {
  const given = (): ArchiveItemEvent[] => [...filedItem(), transferred()];
  const later: ArchiveItemCommand[] = [
    register(),
    fileItem(),
    requestLoan(),
    approveLoan(),
    rejectLoan(),
    returnLoan(),
    markOverdue('2099-01-01T00:00:00.000Z'),
    appraise(),
    approveDestruction(),
    rejectDestruction(),
    destroy(),
    transfer(),
  ];

  it.each(later.map((c) => [c.type, c] as const))('ARC-7 refuses %s: the item is read-only', (_type, laterCommand) => {
    spec.given(given()).when(laterCommand).thenThrows('ARC-7');
  });

  it('ARC-7 keeps the metadata and hashes readable', () => {
    const state = fold(archiveItemDecider, given());
    expect(state.status === 'transferred' && [state.archivalCode, state.components.length, state.recipient]).toEqual(['Z109-WS·2024-Y-BGS-0001', 3, '某某县档案馆']);
  });
});

describe('ArchiveItem: when destroyed', () => {
  it('ARC-6 refuses loans and a second destruction', () => {
    const given = [...d10(), appraisedForDestruction(), destructionApproved()];
    const [destroyed] = archiveItemDecider.decide(destroy(), fold(archiveItemDecider, given));
    spec.given([...given, destroyed!]).when(requestLoan()).thenThrows('ARCHIVE_ITEM.ILLEGAL_TRANSITION');
    spec.given([...given, destroyed!]).when(destroy()).thenThrows('ARCHIVE_ITEM.ILLEGAL_TRANSITION');
  });
});
