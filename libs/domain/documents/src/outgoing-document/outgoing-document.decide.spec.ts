import { DeciderSpecification, fold, type Actor, type ActorAuthority } from '@oa/core';
import { documentEvent } from '../document-event';
import { outgoingDocumentDecider } from './outgoing-document.decide';
import type { OutgoingDocumentContent } from './outgoing-document.events';
import {
  DOCUMENT_ID,
  HASH_A,
  HASH_B,
  HASH_C,
  LATER,
  NOW,
  actors,
  command,
  countersigned,
  drafted,
  history,
  noticeContent,
  noticeInput,
  rechecked,
  registered,
  revised,
  requestInput,
  reviewApproved,
  sealed,
  signedOff,
  submitted,
} from './outgoing-document.fixtures';
import { renderHeader } from './outgoing-document.header';
import { titleDigestOf } from '../document-title';

const pdfFile = (sha256: string, name = '附件1.pdf') => ({ sha256, size: 2048, mediaType: 'application/pdf', format: 'pdf', name });

const spec = DeciderSpecification.for(outgoingDocumentDecider);

const draft = (input: Partial<typeof noticeInput> = {}) => command('DraftOutgoingDocument', { documentId: DOCUMENT_ID, ...noticeInput, ...input });
const signOff = (actor = actors.signer, signerIsPrincipalLeader = false, now = NOW) =>
  command('SignOffOutgoingDocument', { opinion: '同意印发', signerIsPrincipalLeader }, actor, now);

const requestContent: OutgoingDocumentContent = {
  ...noticeContent,
  ...requestInput,
  mainRecipients: requestInput.mainRecipients!,
  copyRecipients: requestInput.copyRecipients!,
  upward: true,
};

const classifiedContent: OutgoingDocumentContent = {
  ...noticeContent,
  secrecyLevel: 'jimi',
  secrecyPeriod: { unit: 'year', value: 1 },
  urgency: 'extraUrgent',
};

describe('OutgoingDocument: when nothing exists', () => {
  it('drafts a 通知 with its content hash and the drafter', () => {
    spec.given([]).when(draft()).then([drafted()]);
  });

  it('COMMON-4 records the hash of the text and of each attachment, never the text', () => {
    const [event] = spec
      .given([])
      .when(draft({ secrecyLevel: 'jimi', secrecyPeriod: { unit: 'year', value: 5 }, attachments: [{ name: '附件1.pdf', hash: HASH_B }] }))
      .then([
        drafted({ secrecyLevel: 'jimi', secrecyPeriod: { unit: 'year', value: 5 }, attachments: [{ name: '附件1.pdf', hash: HASH_B }] }),
      ]);
    expect(Object.keys(event!.data)).not.toContain('content');
  });

  it('COMMON-3 records the title of a draft at 秘密 or above as its digest, never in clear', () => {
    const [event] = spec.given([]).when(draft({ secrecyLevel: 'jimi', secrecyPeriod: { unit: 'year', value: 5 } })).then([drafted({ secrecyLevel: 'jimi', secrecyPeriod: { unit: 'year', value: 5 } })]);
    expect(event!.data).toMatchObject({ titleDigest: titleDigestOf(DOCUMENT_ID, noticeInput.title) });
    expect(JSON.stringify(event)).not.toContain(noticeInput.title);
  });

  it('COMMON-3 records the title of a draft below 秘密 in clear, and no digest', () => {
    const [event] = spec.given([]).when(draft({ secrecyLevel: 'internal' })).then([drafted({ secrecyLevel: 'internal' })]);
    expect(event!.data).toMatchObject({ title: noticeInput.title });
    expect(event!.data).not.toHaveProperty('titleDigest');
  });

  it('COMMON-3 records the readers named at drafting in the drafted event, each once', () => {
    spec.given([]).when(draft({ readers: ['u-reader', ' u-second ', 'u-reader'] })).then([drafted({}, actors.drafter, ['u-reader', 'u-second'])]);
  });

  it('COMMON-3 refuses a blank reader', () => {
    spec.given([]).when(draft({ readers: ['u-reader', ' '] })).thenThrows('DOC.INVALID_INPUT');
  });

  it('refuses a type outside the 15 of the Regulation art. 8', () => {
    spec.given([]).when(draft({ type: 'memo' as never })).thenThrows('DOC.INVALID_INPUT');
  });

  it('refuses a content hash that is not a SHA-256 / SM3 digest', () => {
    spec.given([]).when(draft({ contentHash: '正文' })).thenThrows('DOC.INVALID_INPUT');
  });

  it('DOC-6 refuses a 机密 draft without a secrecy period', () => {
    spec.given([]).when(draft({ secrecyLevel: 'jimi' })).thenThrows('DOC-6');
  });

  it('DOC-6 refuses a 机密 period of 25 years (at most 20)', () => {
    spec.given([]).when(draft({ secrecyLevel: 'jimi', secrecyPeriod: { unit: 'year', value: 25 } })).thenThrows('DOC-6');
  });

  it('DOC-6 refuses a 秘密 period of 11 years (at most 10) and accepts 绝密 30 years', () => {
    spec.given([]).when(draft({ secrecyLevel: 'mimi', secrecyPeriod: { unit: 'year', value: 11 } })).thenThrows('DOC-6');
    spec
      .given([])
      .when(draft({ secrecyLevel: 'juemi', secrecyPeriod: { unit: 'year', value: 30 } }))
      .then([drafted({ secrecyLevel: 'juemi', secrecyPeriod: { unit: 'year', value: 30 } })]);
  });

  it('DOC-6 accepts 6 months and refuses 12 months (a year is written in years)', () => {
    spec
      .given([])
      .when(draft({ secrecyLevel: 'mimi', secrecyPeriod: { unit: 'month', value: 6 } }))
      .then([drafted({ secrecyLevel: 'mimi', secrecyPeriod: { unit: 'month', value: 6 } })]);
    spec.given([]).when(draft({ secrecyLevel: 'mimi', secrecyPeriod: { unit: 'month', value: 12 } })).thenThrows('DOC-6');
  });

  it('DOC-6 refuses a secrecy period on an unclassified document', () => {
    spec.given([]).when(draft({ secrecyLevel: 'internal', secrecyPeriod: { unit: 'year', value: 1 } })).thenThrows('DOC-6');
  });

  it('DOC-6 refuses an urgency other than none, 加急 or 特急', () => {
    spec.given([]).when(draft({ urgency: 'flash' as never })).thenThrows('DOC-6');
  });

  it('DOC-5 accepts a 请示 to one superior organ, one matter, its signer named', () => {
    spec.given([]).when(draft(requestInput)).then([drafted(requestContent)]);
  });

  it('DOC-5 refuses a 请示 addressed to two main recipients', () => {
    const two = [...requestInput.mainRecipients!, { name: '市发展改革委', kind: 'organ' as const, relation: 'superior' as const }];
    spec.given([]).when(draft({ ...requestInput, mainRecipients: two })).thenThrows('DOC-5');
  });

  it('DOC-5 refuses a 请示 addressed to a leader personally', () => {
    spec
      .given([])
      .when(draft({ ...requestInput, mainRecipients: [{ name: '王市长', kind: 'leader', relation: 'superior' }] }))
      .thenThrows('DOC-5');
  });

  it('DOC-5 refuses a 请示 copied to a subordinate organ', () => {
    spec
      .given([])
      .when(draft({ ...requestInput, copyRecipients: [{ name: '城关镇人民政府', kind: 'organ', relation: 'subordinate' }] }))
      .thenThrows('DOC-5');
  });

  it('DOC-5 refuses a 请示 asking about two matters (一文一事)', () => {
    spec.given([]).when(draft({ ...requestInput, matterCount: 2 })).thenThrows('DOC-5');
  });

  it('DOC-5 refuses a 请示 not marked as an upward document', () => {
    spec.given([]).when(draft({ ...requestInput, upward: false })).thenThrows('DOC-5');
  });

  it('DOC-5 refuses an upward document that does not name its signer', () => {
    spec.given([]).when(draft({ ...requestInput, signerName: undefined })).thenThrows('DOC-5');
  });

  it('DOC-5 refuses a 报告 that carries 请示 items', () => {
    spec.given([]).when(draft({ type: 'report', includesRequestItems: true })).thenThrows('DOC-5');
  });

  it('DOC-4 refuses an issuer code written with brackets or digits', () => {
    spec.given([]).when(draft({ issuerCode: '县政发〔' })).thenThrows('DOC-4');
  });

  it('DOC-3 refuses the lead issuer listed again as a co-issuer, and a department listed twice', () => {
    spec.given([]).when(draft({ coIssuers: ['县政发'] })).thenThrows('DOC-3');
    spec.given([]).when(draft({ countersignDepartments: ['CZJ', 'CZJ'] })).thenThrows('DOC-3');
  });

  it('refuses any other command on a document that does not exist', () => {
    spec.given([]).when(signOff()).thenThrows('DOC.NOT_FOUND');
  });
});

describe('OutgoingDocument: when drafted', () => {
  it('COMMON-3 a revision that changes the title of a classified draft is a change (its digest differs)', () => {
    const classified = { secrecyLevel: 'jimi' as const, secrecyPeriod: { unit: 'year' as const, value: 5 } };
    spec.given([drafted(classified)]).when(command('ReviseOutgoingDocumentDraft', { ...noticeInput, ...classified })).thenNothingHappens();
    spec
      .given([drafted(classified)])
      .when(command('ReviseOutgoingDocumentDraft', { ...noticeInput, ...classified, title: '关于做好防汛抗旱工作的通知' }))
      .then([revised({ ...classified, title: '关于做好防汛抗旱工作的通知' }, 2, [], NOW)]);
  });

  it('refuses drafting the same document twice', () => {
    spec.given([drafted()]).when(draft()).thenThrows('DOC.ALREADY_EXISTS');
  });

  it('submits the draft for review', () => {
    spec.given([drafted()]).when(command('SubmitOutgoingDocumentForReview', {})).then([submitted()]);
  });

  it('records a revision as the whole new draft with the next revision number', () => {
    spec
      .given([drafted()])
      .when(command('ReviseOutgoingDocumentDraft', { ...noticeInput, contentHash: HASH_B }, actors.drafter, LATER))
      .then([revised({ contentHash: HASH_B })]);
  });

  it('COMMON-3 records the readers named at revision in the revised event', () => {
    spec
      .given([drafted({}, actors.drafter, ['u-reader'])])
      .when(command('ReviseOutgoingDocumentDraft', { ...noticeInput, contentHash: HASH_B, readers: ['u-reader', 'u-second'] }, actors.drafter, LATER))
      .then([revised({ contentHash: HASH_B }, 2, ['u-reader', 'u-second'])]);
  });

  it('does nothing when the draft is saved unchanged', () => {
    spec.given([drafted()]).when(command('ReviseOutgoingDocumentDraft', noticeInput)).thenNothingHappens();
  });

  it('DOC-1 refuses sign-off of a draft never reviewed', () => {
    spec.given([drafted()]).when(signOff()).thenThrows('DOC-1');
  });

  it('lets the drafter withdraw the draft, and nobody else', () => {
    spec
      .given([drafted()])
      .when(command('WithdrawOutgoingDocument', { reason: '工作已另行部署' }))
      .then([documentEvent('OutgoingDocumentWithdrawn', { documentId: DOCUMENT_ID, reason: '工作已另行部署', withdrawnAt: NOW })]);
    spec.given([drafted()]).when(command('WithdrawOutgoingDocument', { reason: '不需要了' }, actors.reviewer)).thenThrows('DOC.NOT_PERMITTED');
  });
});

describe('OutgoingDocument: when under review', () => {
  const underReview = () => [drafted(), submitted()];

  it('DOC-1 approves a review by a reviewer other than the drafter', () => {
    spec
      .given(underReview())
      .when(command('ReviewOutgoingDocument', { decision: 'approve' }, actors.reviewer))
      .then([reviewApproved()]);
  });

  it('DOC-1 refuses a review by the drafter, even one holding the reviewer role', () => {
    spec.given(underReview()).when(command('ReviewOutgoingDocument', { decision: 'approve' }, actors.draftingReviewer)).thenThrows('DOC-1');
  });

  it('DOC-1 refuses a review by a user without the reviewer role', () => {
    spec.given(underReview()).when(command('ReviewOutgoingDocument', { decision: 'approve' }, actors.registrar)).thenThrows('DOC-1');
  });

  it('DOC-1 returns the draft to the drafter with comments, back to draft', () => {
    const events = [
      documentEvent('OutgoingDocumentReturnedToDrafter', {
        documentId: DOCUMENT_ID,
        revision: 1,
        reviewerId: actors.reviewer.id,
        reviewerName: actors.reviewer.name,
        comments: '第三段数据请核实',
        returnedAt: NOW,
      }),
    ];
    spec.given(underReview()).when(command('ReviewOutgoingDocument', { decision: 'return', comments: '第三段数据请核实' }, actors.reviewer)).then(events);
    expect(fold(outgoingDocumentDecider, [...underReview(), ...events]).status).toBe('draft');
  });

  it('DOC-1 refuses a return without comments', () => {
    spec.given(underReview()).when(command('ReviewOutgoingDocument', { decision: 'return', comments: ' ' }, actors.reviewer)).thenThrows('DOC-1');
  });

  it('DOC-1 refuses sign-off while the draft is still under review', () => {
    spec.given(underReview()).when(signOff()).thenThrows('DOC-1');
  });

  it('refuses a revision while the reviewer has the draft', () => {
    spec.given(underReview()).when(command('ReviseOutgoingDocumentDraft', { ...noticeInput, contentHash: HASH_B })).thenThrows('DOC.ILLEGAL_TRANSITION');
  });
});

describe('OutgoingDocument: when countersigning', () => {
  const withDepartments = () => [drafted({ countersignDepartments: ['CZJ', 'SFJ'] }), submitted(), reviewApproved()];

  it('DOC-3 refuses sign-off before every named department has countersigned', () => {
    spec.given([...withDepartments(), countersigned('department', 'CZJ', actors.financeStaff)]).when(signOff()).thenThrows('DOC-3');
  });

  it('DOC-3 records a named department countersigning through its own staff', () => {
    spec
      .given(withDepartments())
      .when(command('CountersignOutgoingDocument', { party: 'department', code: 'CZJ', opinion: '同意' }, actors.financeStaff))
      .then([countersigned('department', 'CZJ', actors.financeStaff)]);
  });

  it('DOC-3 refuses a countersign for a department by someone outside it', () => {
    spec
      .given(withDepartments())
      .when(command('CountersignOutgoingDocument', { party: 'department', code: 'CZJ', opinion: '同意' }, actors.legalStaff))
      .thenThrows('DOC-3');
  });

  it('DOC-3 refuses a countersign by a department that is not named', () => {
    spec
      .given(withDepartments())
      .when(command('CountersignOutgoingDocument', { party: 'department', code: 'BGS', opinion: '同意' }, actors.registrar))
      .thenThrows('DOC-3');
  });

  it('DOC-3 ignores a department countersigning again', () => {
    spec
      .given([...withDepartments(), countersigned('department', 'CZJ', actors.financeStaff)])
      .when(command('CountersignOutgoingDocument', { party: 'department', code: 'CZJ', opinion: '同意' }, actors.financeStaff))
      .thenNothingHappens();
  });

  it('DOC-3 allows sign-off once all departments have countersigned', () => {
    const all = [...withDepartments(), countersigned('department', 'CZJ', actors.financeStaff), countersigned('department', 'SFJ', actors.legalStaff)];
    expect(fold(outgoingDocumentDecider, all).status).toBe('awaitingSignOff');
    spec.given(all).when(signOff()).then([signedOff({ ...noticeContent, countersignDepartments: ['CZJ', 'SFJ'] })]);
  });

  it('DOC-3 a joint document needs every co-issuer’s leader before sign-off', () => {
    const joint = { ...noticeContent, coIssuers: ['县财发'] };
    spec.given([drafted(joint), submitted(), reviewApproved()]).when(signOff()).thenThrows('DOC-3');
  });

  const joint = () => [drafted({ ...noticeContent, coIssuers: ['县财发'] }), submitted(), reviewApproved()];
  const countersignAsCoIssuer = (actor: Actor) => command('CountersignOutgoingDocument', { party: 'coIssuer', code: '县财发', opinion: '同意联合印发' }, actor);
  /** The directory's authority of a person holding (or not) the finance bureau's principal leader post. */
  const authorityWith = (posts: ActorAuthority['posts']): ActorAuthority => ({ roles: [{ role: 'leader', grantId: 'grant-1' }], posts, clearance: { level: 'none' }, actingAsDeputy: [] });
  const bureauHead = { unitId: 'unit-czj', unitCode: '县财发', postId: 'post-head', postKind: 'principalLeader', identityId: 'id-qian-czj', title: '局长', assignmentId: 'assign-1' };

  it('DOC-3 DIR-5 a co-issuer’s leader countersigns by their own action, the event naming the post it relied on', () => {
    const leader: Actor = { id: 'u-qian', name: '钱局长', roles: ['leader'], authority: authorityWith([bureauHead]) };
    spec
      .given(joint())
      .when(countersignAsCoIssuer(leader))
      .then([
        documentEvent('OutgoingDocumentCountersigned', {
          documentId: DOCUMENT_ID,
          party: 'coIssuer' as const,
          code: '县财发',
          signerId: 'u-qian',
          signerName: '钱局长',
          signedUnder: { unitId: 'unit-czj', postId: 'post-head', postKind: 'principalLeader', identityId: 'id-qian-czj', assignmentId: 'assign-1' },
          opinion: '同意联合印发',
          countersignedAt: NOW,
          countersignedOn: '2024-07-01',
        }),
      ]);
  });

  it('DOC-3 DIR-5 a clerk cannot record a co-issuer’s countersign: the directory holds no leader post of that organ for them', () => {
    const clerk: Actor = { ...actors.coIssuerClerk, authority: authorityWith([{ ...bureauHead, postKind: 'other', title: '文书' }]) };
    spec.given(joint()).when(countersignAsCoIssuer(clerk)).thenThrows('DOC-3');
    const otherOrgan: Actor = { ...actors.coIssuerClerk, authority: authorityWith([{ ...bureauHead, unitCode: '县司发' }]) };
    spec.given(joint()).when(countersignAsCoIssuer(otherOrgan)).thenThrows('DOC-3');
  });
});

describe('OutgoingDocument: when awaiting sign-off', () => {
  it('DOC-2 signs off with the signer’s opinion, name and date', () => {
    spec.given(history.awaitingSignOff()).when(signOff()).then([signedOff()]);
  });

  it('DOC-7 the sign-off event carries what the seals service needs for 先签发后用印', () => {
    const [event] = spec.given(history.awaitingSignOff()).when(signOff()).then([signedOff()]);
    expect(event).toMatchObject({
      type: 'OutgoingDocumentSignedOff',
      schemaVersion: 2,
      data: {
        documentId: DOCUMENT_ID,
        signerId: actors.signer.id,
        signerName: actors.signer.name,
        signedOffAt: NOW,
        title: noticeContent.title,
        issuerCode: '县政发',
        secrecyLevel: 'none',
      },
    });
  });

  it('COMMON-3 the sign-off of a 机密 document carries the title’s digest, never the title, to the seals service', () => {
    const [event] = outgoingDocumentDecider.decide(signOff(), fold(outgoingDocumentDecider, [drafted(classifiedContent), submitted(), reviewApproved()]));
    expect(event!.data).toMatchObject({ titleDigest: titleDigestOf(DOCUMENT_ID, noticeContent.title!), secrecyLevel: 'jimi' });
    expect(JSON.stringify(event)).not.toContain(noticeContent.title);
  });

  it('DOC-2 refuses sign-off by a user without the signer role', () => {
    spec.given(history.awaitingSignOff()).when(signOff(actors.reviewer)).thenThrows('DOC-2');
  });

  it('DOC-2 refuses sign-off without an opinion', () => {
    spec
      .given(history.awaitingSignOff())
      .when(command('SignOffOutgoingDocument', { opinion: '', signerIsPrincipalLeader: false }, actors.signer))
      .thenThrows('DOC-2');
  });

  it('DOC-2 refuses an important document signed by someone other than the principal leader', () => {
    const important = [drafted({ important: true }), submitted(), reviewApproved()];
    spec.given(important).when(signOff(actors.signer, false)).thenThrows('DOC-2');
    spec.given(important).when(signOff(actors.principal, true)).then([signedOff({ ...noticeContent, important: true }, actors.principal)]);
  });

  it('DOC-2 refuses an upward document signed by a deputy', () => {
    spec.given([drafted(requestContent), submitted(), reviewApproved()]).when(signOff(actors.signer, false)).thenThrows('DOC-2');
  });

  it('DOC-5 signs an upward 请示 by the principal leader it names as signer', () => {
    spec.given([drafted(requestContent), submitted(), reviewApproved()]).when(signOff(actors.principal, true)).then([signedOff(requestContent, actors.principal)]);
  });

  it('DOC-5 refuses sign-off of an upward document by a principal leader other than the signer it names', () => {
    const namesSomeoneElse = { ...requestContent, signerName: '前任县长' };
    spec.given([drafted(namesSomeoneElse), submitted(), reviewApproved()]).when(signOff(actors.principal, true)).thenThrows('DOC-5');
  });

  it('DOC-2 refuses sign-off of a draft changed after its last review', () => {
    const changed = [
      ...history.awaitingSignOff(),
      revised({ contentHash: HASH_B }, 2, [], NOW),
    ];
    spec.given(changed).when(signOff()).thenThrows('DOC-2');
    // Reviewed again, it can be signed.
    spec.given(changed).when(command('SubmitOutgoingDocumentForReview', {})).then([submitted(2)]);
    spec
      .given([...changed, submitted(2), reviewApproved(2)])
      .when(signOff())
      .then([signedOff({ ...noticeContent, contentHash: HASH_B }, actors.signer, { revision: 2 })]);
  });

  it('DOC-6 dates the document by the sign-off date in Beijing time', () => {
    // 00:30 on 1 July in Beijing is still 30 June in UTC.
    spec
      .given(history.awaitingSignOff())
      .when(signOff(actors.signer, false, '2024-06-30T16:30:00.000Z'))
      .then([signedOff(noticeContent, actors.signer, { signedOffAt: '2024-06-30T16:30:00.000Z', signedOffOn: '2024-07-01', documentDate: '2024-07-01' })]);
  });

  it('DOC-6 a joint document is dated by its last signer', () => {
    const joint = { ...noticeContent, coIssuers: ['县财发'] };
    const lateCoSign = countersigned('coIssuer', '县财发', actors.coIssuerClerk, '2024-07-03T02:00:00.000Z');
    spec
      .given([drafted(joint), submitted(), reviewApproved(), lateCoSign])
      .when(signOff())
      .then([signedOff(joint, actors.signer, { documentDate: '2024-07-03' })]);
  });
});

describe('OutgoingDocument: when signed off', () => {
  it('DOC-2 rechecks without substantive change, keeping a corrected format', () => {
    spec
      .given(history.signedOff())
      .when(command('RecheckOutgoingDocument', { substantiveChange: false, contentHash: HASH_C, notes: '调整版式' }, actors.registrar))
      .then([
        documentEvent('OutgoingDocumentRechecked', {
          documentId: DOCUMENT_ID,
          checkerId: actors.registrar.id,
          checkerName: actors.registrar.name,
          contentHash: HASH_C,
          notes: '调整版式',
          recheckedAt: NOW,
        }),
      ]);
  });

  it('DOC-2 a substantive change found at recheck voids the sign-off and returns it to the original signer', () => {
    const voided = documentEvent('OutgoingDocumentSignOffVoided', {
      documentId: DOCUMENT_ID,
      checkerId: actors.registrar.id,
      checkerName: actors.registrar.name,
      reason: '补助标准由每人500元改为800元',
      contentHash: HASH_B,
      revision: 2,
      returnedToSignerId: actors.signer.id,
      returnedToSignerName: actors.signer.name,
      voidedAt: NOW,
    });
    spec
      .given(history.signedOff())
      .when(command('RecheckOutgoingDocument', { substantiveChange: true, contentHash: HASH_B, notes: '补助标准由每人500元改为800元' }, actors.registrar))
      .then([voided]);
    // Back to the original signer, and only to him.
    spec.given([...history.signedOff(), voided]).when(signOff(actors.principal, true)).thenThrows('DOC-2');
    spec
      .given([...history.signedOff(), voided])
      .when(signOff(actors.signer, false, LATER))
      .then([signedOff({ ...noticeContent, contentHash: HASH_B }, actors.signer, { revision: 2, signedOffAt: LATER, signedOffOn: '2024-07-02', documentDate: '2024-07-02' })]);
  });

  it('DOC-2 refuses a substantive change without saying what changed', () => {
    spec.given(history.signedOff()).when(command('RecheckOutgoingDocument', { substantiveChange: true, contentHash: HASH_B }, actors.registrar)).thenThrows('DOC-2');
  });

  it('DOC-4 refuses registration before the recheck', () => {
    spec.given(history.signedOff()).when(command('RegisterOutgoingDocument', { documentNumber: '县政发〔2024〕1号', copies: 10 }, actors.registrar)).thenThrows('DOC-4');
  });

  it('voids a signed-off document that will not be issued', () => {
    spec
      .given(history.signedOff())
      .when(command('VoidOutgoingDocument', { reason: '情况变化，不再印发' }, actors.signer))
      .then([documentEvent('OutgoingDocumentVoided', { documentId: DOCUMENT_ID, reason: '情况变化，不再印发', voidedAt: NOW })]);
  });

  it('refuses a withdrawal once signed off (it is voided instead)', () => {
    spec.given(history.signedOff()).when(command('WithdrawOutgoingDocument', { reason: '撤回' })).thenThrows('DOC.ILLEGAL_TRANSITION');
  });
});

describe('OutgoingDocument: when rechecked', () => {
  const register = (documentNumber: string, copies = 10, now = NOW) => command('RegisterOutgoingDocument', { documentNumber, copies }, actors.registrar, now);

  it('DOC-4 registers the number allocated by the ledger, with the copies printed', () => {
    spec.given(history.rechecked()).when(register('县政发〔2024〕1号')).then([registered()]);
  });

  it('SEAL-7 registers the impressions of the seal on each printed copy (one unless stated), and refuses a count that is not positive', () => {
    const withImpressions = (impressionsPerCopy: number) => command('RegisterOutgoingDocument', { documentNumber: '县政发〔2024〕1号', copies: 10, impressionsPerCopy }, actors.registrar);
    spec.given(history.rechecked()).when(withImpressions(2)).then([registered(1, 10, '县政发', 2)]);
    spec.given(history.rechecked()).when(withImpressions(0)).thenThrows('DOC.INVALID_INPUT');
  });

  it('DOC-4 refuses a number written [2024]', () => {
    spec.given(history.rechecked()).when(register('县政发[2024]1号')).thenThrows('DOC-4');
  });

  it('DOC-4 refuses a number written 第1号 or 01号', () => {
    spec.given(history.rechecked()).when(register('县政发〔2024〕第1号')).thenThrows('DOC-4');
    spec.given(history.rechecked()).when(register('县政发〔2024〕01号')).thenThrows('DOC-4');
  });

  it('DOC-4 a joint document takes the lead issuer’s number, not a co-issuer’s', () => {
    const joint = { ...noticeContent, coIssuers: ['县财发'] };
    const stream = [drafted(joint), submitted(), reviewApproved(), countersigned('coIssuer', '县财发', actors.coIssuerClerk), signedOff(joint), rechecked()];
    spec.given(stream).when(register('县财发〔2024〕7号')).thenThrows('DOC-4');
    spec.given(stream).when(register('县政发〔2024〕3号')).then([registered(3)]);
  });

  it('DOC-4 refuses a number of another year than the registration', () => {
    spec.given(history.rechecked()).when(register('县政发〔2023〕1号')).thenThrows('DOC-4');
  });

  it('DOC-6 refuses more copies of a classified document than 6-digit copy numbers allow', () => {
    const stream = [drafted(classifiedContent), submitted(), reviewApproved(), signedOff(classifiedContent), rechecked()];
    spec.given(stream).when(register('县政发〔2024〕1号', 1_000_000)).thenThrows('DOC-6');
  });
});

describe('OutgoingDocument: when not yet signed off', () => {
  it('DOC-7 refuses a seal usage on a document not signed off', () => {
    spec.given(history.awaitingSignOff()).when(command('MarkOutgoingDocumentSealed', { sealUsageId: 'usage-1', sealId: 'seal-1' }, actors.registrar)).thenThrows('DOC-7');
  });
});

describe('OutgoingDocument: when registered', () => {
  const markSealed = (sealUsageId = 'usage-1') => command('MarkOutgoingDocumentSealed', { sealUsageId, sealId: 'seal-1' }, actors.registrar);

  it('DOC-7 records the seal usage the seals service reported, once', () => {
    spec.given(history.registered()).when(markSealed()).then([sealed()]);
    spec.given(history.sealed()).when(markSealed()).thenNothingHappens();
  });

  it('refuses distribution before the seal is applied', () => {
    spec.given(history.registered()).when(command('DistributeOutgoingDocument', { deliveries: [{ recipient: '各乡镇人民政府', copies: 2 }] }, actors.registrar)).thenThrows('DOC.ILLEGAL_TRANSITION');
  });

  it('distributes a 纪要 without a seal (GB/T 9704 10.3)', () => {
    const summary = { ...noticeContent, type: 'summary' as const };
    spec
      .given([drafted(summary), submitted(), reviewApproved(), signedOff(summary), rechecked(), registered()])
      .when(command('DistributeOutgoingDocument', { deliveries: [{ recipient: '各参会单位', copies: 5 }] }, actors.registrar))
      .then([
        documentEvent('OutgoingDocumentDistributed', {
          documentId: DOCUMENT_ID,
          documentNumber: '县政发〔2024〕1号',
          deliveries: [{ recipient: '各参会单位', copies: 5 }],
          distributedAt: NOW,
        }),
      ]);
  });

  it('DOC-4 voiding a registered document carries its number, for the ledger to void', () => {
    spec
      .given(history.registered())
      .when(command('VoidOutgoingDocument', { reason: '印制错误' }, actors.signer))
      .then([documentEvent('OutgoingDocumentVoided', { documentId: DOCUMENT_ID, reason: '印制错误', documentNumber: '县政发〔2024〕1号', voidedAt: NOW })]);
  });
});

describe('OutgoingDocument: when sealed', () => {
  const classifiedSealed = () => [drafted(classifiedContent), submitted(), reviewApproved(), signedOff(classifiedContent), rechecked(), registered(1, 3), sealed()];
  const distribute = (deliveries: { recipient: string; copies: number; copyNumbers?: string[] }[]) =>
    command('DistributeOutgoingDocument', { deliveries }, actors.registrar);

  it('DOC-6 distributes a classified document copy by copy under 6-digit copy numbers', () => {
    const deliveries = [
      { recipient: '市委办公室', copies: 1, copyNumbers: ['000001'] },
      { recipient: '县委办公室', copies: 2, copyNumbers: ['000002', '000003'] },
    ];
    spec
      .given(classifiedSealed())
      .when(distribute(deliveries))
      .then([documentEvent('OutgoingDocumentDistributed', { documentId: DOCUMENT_ID, documentNumber: '县政发〔2024〕1号', deliveries, distributedAt: NOW })]);
  });

  it('DOC-6 refuses to distribute a classified document without copy numbers', () => {
    spec.given(classifiedSealed()).when(distribute([{ recipient: '市委办公室', copies: 1 }])).thenThrows('DOC-6');
  });

  it('DOC-6 refuses a copy number that is not 6 digits, repeated, or beyond the copies printed', () => {
    spec.given(classifiedSealed()).when(distribute([{ recipient: '市委办公室', copies: 1, copyNumbers: ['1'] }])).thenThrows('DOC-6');
    spec.given(classifiedSealed()).when(distribute([{ recipient: '市委办公室', copies: 2, copyNumbers: ['000001', '000001'] }])).thenThrows('DOC-6');
    spec.given(classifiedSealed()).when(distribute([{ recipient: '市委办公室', copies: 1, copyNumbers: ['000004'] }])).thenThrows('DOC-6');
  });

  it('DOC-6 renders the header: 机密★1年, 特急, the number and the document date', () => {
    expect(renderHeader(fold(outgoingDocumentDecider, classifiedSealed()))).toEqual({
      copyNumberRequired: true,
      secrecyMarking: '机密★1年',
      urgencyMarking: '特急',
      documentNumber: '县政发〔2024〕1号',
      documentDate: '2024年7月1日',
    });
  });
});

describe('OutgoingDocument: when distributed', () => {
  const distributed = () => [
    ...history.sealed(),
    documentEvent('OutgoingDocumentDistributed', { documentId: DOCUMENT_ID, documentNumber: '县政发〔2024〕1号', deliveries: [{ recipient: '各乡镇人民政府', copies: 5 }], distributedAt: NOW }),
  ];

  it('hands the document off for filing with what the archives need', () => {
    spec
      .given(distributed())
      .when(command('HandOffOutgoingDocumentForFiling', {}, actors.registrar))
      .then([
        documentEvent('OutgoingDocumentHandedOffForFiling', {
          documentId: DOCUMENT_ID,
          documentNumber: '县政发〔2024〕1号',
          type: 'notice' as const,
          title: noticeContent.title,
          issuerCode: '县政发',
          coIssuers: [],
          secrecyLevel: 'none' as const,
          documentDate: '2024-07-01',
          contentHash: HASH_A,
          attachments: [],
          files: [],
          handedOffAt: NOW,
        }, 2),
      ]);
  });

  it('FILE-4 hands off the 正文, 附件 and 签发稿 as stored files, for the archives to copy', () => {
    const signedDraft = { role: 'signedDraft' as const, file: pdfFile(HASH_C, '签发稿.pdf') };
    const state = fold(outgoingDocumentDecider, [...distributed(), documentEvent('OutgoingDocumentFileAttached', { documentId: DOCUMENT_ID, ...signedDraft, attachedById: actors.registrar.id, attachedAt: NOW })]);
    const [event] = outgoingDocumentDecider.decide(command('HandOffOutgoingDocumentForFiling', {}, actors.registrar), state);
    expect(event?.data).toMatchObject({ files: [signedDraft] });
  });

  it('refuses to void a document already issued', () => {
    spec.given(distributed()).when(command('VoidOutgoingDocument', { reason: '错误' }, actors.signer)).thenThrows('DOC.ILLEGAL_TRANSITION');
  });
});

describe('OutgoingDocument: its files (FILE-1)', () => {
  const attach = (role: 'text' | 'attachment' | 'signedDraft', file = pdfFile(HASH_B), actor = actors.drafter) => command('AttachOutgoingDocumentFile', { role, file }, actor);
  const attached = (role: 'text' | 'attachment' | 'signedDraft', file = pdfFile(HASH_B), revision?: number) =>
    documentEvent('OutgoingDocumentFileAttached', { documentId: DOCUMENT_ID, role, file, ...(revision !== undefined && { revision }), attachedById: actors.drafter.id, attachedAt: NOW });

  it('FILE-1 attaches an uploaded 附件 by its digest, size, format and name, as a change of the draft', () => {
    spec.given([drafted()]).when(attach('attachment')).then([attached('attachment', pdfFile(HASH_B), 2)]);
  });

  it('FILE-1 an attachment after the review needs the review again before sign-off (DOC-2)', () => {
    spec.given([...history.awaitingSignOff(), attached('attachment', pdfFile(HASH_B), 2)]).when(signOff()).thenThrows('DOC-2');
  });

  it('FILE-1 the same bytes attached again change nothing', () => {
    spec.given([drafted(), attached('attachment', pdfFile(HASH_B), 2)]).when(attach('attachment')).thenNothingHappens();
  });

  it('FILE-1 refuses a 正文 or 附件 once signed off, and a 签发稿 before', () => {
    spec.given(history.signedOff()).when(attach('text')).thenThrows('DOC.ILLEGAL_TRANSITION');
    spec.given([drafted()]).when(attach('signedDraft')).thenThrows('DOC.ILLEGAL_TRANSITION');
  });

  it('FILE-1 takes the 签发稿 once signed off, without changing the revision', () => {
    spec.given(history.signedOff()).when(attach('signedDraft')).then([attached('signedDraft')]);
  });

  it('FILE-1 refuses a reference without digest, size or name, and a role that is none of 正文、附件、签发稿', () => {
    spec.given([drafted()]).when(attach('attachment', { ...pdfFile(HASH_B), sha256: 'x' })).thenThrows('FILE-1');
    spec.given([drafted()]).when(attach('attachment', { ...pdfFile(HASH_B), size: 0 })).thenThrows('FILE-1');
    spec.given([drafted()]).when(attach('cover' as 'text')).thenThrows('FILE-1');
  });

  it('FILE-2 releases to the archives a copy of a file or of the typed text of a filed document, and nothing else', () => {
    const filed = [
      ...history.sealed(),
      attached('signedDraft'),
      documentEvent('OutgoingDocumentDistributed', { documentId: DOCUMENT_ID, documentNumber: '县政发〔2024〕1号', deliveries: [{ recipient: '各乡镇人民政府', copies: 5 }], distributedAt: NOW }),
      documentEvent('OutgoingDocumentHandedOffForFiling', { documentId: DOCUMENT_ID } as never, 2),
    ];
    const release = (sha256: string) => command('ReleaseOutgoingDocumentFilingCopy', { sha256 }, actors.registrar);
    spec.given(filed).when(release(HASH_B)).then([documentEvent('OutgoingDocumentFilingCopyReleased', { documentId: DOCUMENT_ID, sha256: HASH_B, releasedToId: actors.registrar.id, releasedAt: NOW })]);
    spec.given(filed).when(release(HASH_A)).then([documentEvent('OutgoingDocumentFilingCopyReleased', { documentId: DOCUMENT_ID, sha256: HASH_A, releasedToId: actors.registrar.id, releasedAt: NOW })]);
    spec.given(filed).when(release(HASH_C)).thenThrows('FILE-2');
    spec.given(history.sealed()).when(release(HASH_A)).thenThrows('DOC.ILLEGAL_TRANSITION');
  });
});

describe('OutgoingDocument: the header of an upward document', () => {
  it('DOC-5 names the signer of an upward document (GB/T 9704 7.2.6) and writes the date without leading zeros', () => {
    const state = fold(outgoingDocumentDecider, [drafted(requestContent), submitted(), reviewApproved(), signedOff(requestContent, actors.principal)]);
    expect(renderHeader(state)).toEqual({ copyNumberRequired: false, urgencyMarking: '加急', signers: ['张县长'], documentDate: '2024年7月1日' });
  });
});
