import { DeciderSpecification, canonicalJson, fold, type Actor } from '@oa/core';
import { sealsConfig } from '../seals.config';
import type {
  SealUsageApplicationCommand,
  ApplyForSealUsage,
  ApproveSealUsageApplication,
  CancelSealUsageApplication,
  CancelSealUsageApplicationForDocument,
  ExpireSealUsageApplication,
  RecordSealUsage,
  RejectSealUsageApplication,
} from './seal-usage-application.commands';
import { createSealUsageApplicationDecider, sealUsageApplicationDecider } from './seal-usage-application.decide';
import type { SealUsageApplicationEvent, SealUsageApplicationSubmitted } from './seal-usage-application.events';
import {
  APPLICATION_ID,
  DOCUMENT_ID,
  SIGNED_OFF_AT,
  EXPIRES_AT,
  NOW,
  SEAL_ID,
  applicationApproved,
  applicationPeople as people,
  applicationSubmitted,
  command,
  recordedRegistration,
  registeredDocument,
  registration,
  sealFacts,
  signedOffDocument,
  usageEvent,
  usageRecorded,
} from './seal-usage-application.fixtures';
import { remainingImpressions } from './seal-usage-application.state';

const spec = DeciderSpecification.for(sealUsageApplicationDecider);
const typesDecided = (given: readonly SealUsageApplicationEvent[], when: SealUsageApplicationCommand) =>
  sealUsageApplicationDecider.decide(when, fold(sealUsageApplicationDecider, given)).map((event) => event.type);

const apply = (data: Partial<ApplyForSealUsage['data']> = {}, actor: Actor = people.applicant) =>
  command<ApplyForSealUsage>(
    'ApplyForSealUsage',
    {
      applicationId: APPLICATION_ID,
      sealId: SEAL_ID,
      purpose: '签订采购合同',
      documentTitle: '办公设备采购合同',
      copies: 2,
      impressions: 4,
      paperKind: 'prepared',
      seal: sealFacts(),
      ...data,
    },
    actor,
  );
const approve = (actor: Actor = people.approver, seal = sealFacts(), now = NOW) =>
  command<ApproveSealUsageApplication>('ApproveSealUsageApplication', { applicationId: APPLICATION_ID, seal }, actor, now);
const reject = (actor: Actor = people.approver, reason = '用途不明确') =>
  command<RejectSealUsageApplication>('RejectSealUsageApplication', { applicationId: APPLICATION_ID, reason, seal: sealFacts() }, actor);
const cancel = (actor: Actor = people.applicant) =>
  command<CancelSealUsageApplication>('CancelSealUsageApplication', { applicationId: APPLICATION_ID, reason: '合同暂缓签订' }, actor);
const expire = (now: string) => command<ExpireSealUsageApplication>('ExpireSealUsageApplication', { applicationId: APPLICATION_ID }, people.registrar, now);
const recordUsage = (
  data: Partial<RecordSealUsage['data']> = {},
  actor: Actor = people.keeper,
  now: string = NOW,
) =>
  command<RecordSealUsage>(
    'RecordSealUsage',
    {
      applicationId: APPLICATION_ID,
      usageId: 'use-1',
      copies: 1,
      impressions: 2,
      witnessId: people.witness.id,
      witnessName: people.witness.name,
      seal: sealFacts(),
      ...data,
    },
    actor,
    now,
  );

const submittedNow = (overrides: Partial<SealUsageApplicationSubmitted['data']> = {}) =>
  usageEvent('SealUsageApplicationSubmitted', {
    applicationId: APPLICATION_ID,
    sealId: SEAL_ID,
    sealKind: 'special',
    purpose: '签订采购合同',
    documentTitle: '办公设备采购合同',
    copies: 2,
    impressions: 4,
    applicantId: people.applicant.id,
    applicantName: people.applicant.name,
    applicantUnit: '综合科',
    submittedAt: NOW,
    ...overrides,
  });

describe('SealUsageApplication: when nothing is applied yet', () => {
  it('SEAL-5 accepts an application stating purpose, document title, copies and impressions', () => {
    spec.given([]).when(apply()).then([submittedNow()]);
  });

  it.each([
    ['no purpose', { purpose: ' ' }],
    ['no document title', { documentTitle: '' }],
    ['zero copies', { copies: 0 }],
    ['a fractional number of copies', { copies: 1.5 }],
    ['negative impressions', { impressions: -1 }],
    ['zero impressions', { impressions: 0 }],
  ])('SEAL-5 refuses an application with %s', (_what, data) => {
    spec.given([]).when(apply(data)).thenThrows('SEAL-5');
  });

  it('SEAL-5 refuses stamping blank paper', () => {
    spec.given([]).when(apply({ paperKind: 'blankPaper' })).thenThrows('SEAL-5');
  });

  it('SEAL-5 refuses stamping a blank letter of introduction', () => {
    spec.given([]).when(apply({ paperKind: 'blankIntroductionLetter' })).thenThrows('SEAL-5');
  });

  it('SEAL-1 refuses an application for a seal not in use', () => {
    spec.given([]).when(apply({ seal: sealFacts({ status: 'disabled' }) })).thenThrows('SEAL-1');
    spec.given([]).when(apply({ seal: sealFacts({ status: 'suspended' }) })).thenThrows('SEAL-1');
  });

  it('refuses seal facts read for another seal', () => {
    spec.given([]).when(apply({ seal: sealFacts({ sealId: 'seal-2' }) })).thenThrows('SEAL.FACTS_MISMATCH');
  });

  it('SEAL-7 takes the sign-off of the referenced document as the approval, with the signer as approver of record', () => {
    spec
      .given([])
      .when(apply({ documentId: DOCUMENT_ID, document: signedOffDocument(), seal: sealFacts({ kind: 'administrative' }) }))
      .then([
        submittedNow({ documentId: DOCUMENT_ID, sealKind: 'administrative' }),
        usageEvent('SealUsageApplicationApproved', {
          applicationId: APPLICATION_ID,
          sealId: SEAL_ID,
          basis: 'documentSignOff',
          approverId: people.signer.id,
          approverName: people.signer.name,
          documentId: DOCUMENT_ID,
          signedOffAt: '2024-06-30T08:00:00.000Z',
          approvedImpressions: 4,
          approvedAt: NOW,
          expiresAt: '2024-07-08T02:00:00.000Z',
          document: { documentId: DOCUMENT_ID, signedOffAt: SIGNED_OFF_AT, impressionsApprovedElsewhere: 0 },
        }),
      ]);
  });

  it('SEAL-7 refuses an application for a document not signed off (先签发后用印)', () => {
    spec
      .given([])
      .when(apply({ documentId: DOCUMENT_ID, document: { documentId: DOCUMENT_ID, signedOff: false, impressionsApprovedElsewhere: 0, impressionsUsedElsewhere: 0 } }))
      .thenThrows('SEAL-7');
  });

  it('SEAL-7 refuses a document reference without the document facts', () => {
    spec.given([]).when(apply({ documentId: DOCUMENT_ID })).thenThrows('SEAL-7');
  });

  it('SEAL-7 refuses a sign-off without a named signer', () => {
    spec
      .given([])
      .when(apply({ documentId: DOCUMENT_ID, document: { documentId: DOCUMENT_ID, signedOff: true, impressionsApprovedElsewhere: 0, impressionsUsedElsewhere: 0 } }))
      .thenThrows('SEAL-7');
  });

  it('SEAL-7 refuses an application whose impressions exceed what the registration left (capped across applications)', () => {
    // 10 copies × 1 impression; the document's other applications hold 8: 2 left, 4 asked
    spec.given([]).when(apply({ documentId: DOCUMENT_ID, document: registeredDocument({ impressionsApprovedElsewhere: 8 }) })).thenThrows('SEAL-7');
    spec.given([]).when(apply({ documentId: DOCUMENT_ID, document: registeredDocument({ impressionsApprovedElsewhere: 10 }), impressions: 1 })).thenThrows('SEAL-7');
    expect(typesDecided([], apply({ documentId: DOCUMENT_ID, document: registeredDocument({ impressionsApprovedElsewhere: 6 }) }))).toEqual(['SealUsageApplicationSubmitted', 'SealUsageApplicationApproved']);
  });

  it('SEAL-7 counts impressions per copy fixed at registration (copies × impressions per copy)', () => {
    const twoEach = registeredDocument({ registration: registration({ copies: 2, impressionsPerCopy: 2 }) });
    expect(typesDecided([], apply({ documentId: DOCUMENT_ID, document: twoEach, impressions: 4 }))).toEqual(['SealUsageApplicationSubmitted', 'SealUsageApplicationApproved']);
    spec.given([]).when(apply({ documentId: DOCUMENT_ID, document: twoEach, impressions: 5 })).thenThrows('SEAL-7');
  });

  it('SEAL-7 records in the approval the document facts it relied on (sign-off, registration, impressions held elsewhere)', () => {
    const [, approved] = sealUsageApplicationDecider.decide(
      apply({ documentId: DOCUMENT_ID, document: registeredDocument({ impressionsApprovedElsewhere: 3 }) }),
      fold(sealUsageApplicationDecider, []),
    );
    expect(approved).toMatchObject({
      type: 'SealUsageApplicationApproved',
      schemaVersion: 2,
      data: {
        basis: 'documentSignOff',
        approverId: people.signer.id,
        document: recordedRegistration({ impressionsApprovedElsewhere: 3 }),
      },
    });
  });

  it('refuses document facts read for another document', () => {
    spec
      .given([])
      .when(apply({ documentId: DOCUMENT_ID, document: signedOffDocument({ documentId: 'doc-2' }) }))
      .thenThrows('SEAL.FACTS_MISMATCH');
  });

  it('SEAL-4 refuses a document-based application by the document signer (no self-approval)', () => {
    spec.given([]).when(apply({ documentId: DOCUMENT_ID, document: signedOffDocument() }, people.signer)).thenThrows('SEAL-4');
  });

  it('SEAL-4 refuses a document-based application when the signer keeps the seal', () => {
    spec
      .given([])
      .when(apply({ documentId: DOCUMENT_ID, document: signedOffDocument(), seal: sealFacts({ keeperId: people.signer.id }) }))
      .thenThrows('SEAL-4');
  });

  it('refuses commands on an application that does not exist', () => {
    spec.given([]).when(approve()).thenThrows('SEAL_USAGE_APPLICATION.NOT_FOUND');
  });
});

describe('SealUsageApplication: when submitted', () => {
  const approvedBy = (approver: Actor, expiresAt = '2024-07-08T02:00:00.000Z') =>
    usageEvent('SealUsageApplicationApproved', {
      applicationId: APPLICATION_ID,
      sealId: SEAL_ID,
      basis: 'approval',
      approverId: approver.id,
      approverName: approver.name,
      approvedImpressions: 4,
      approvedAt: NOW,
      expiresAt,
    });

  it('refuses a second application on the same stream', () => {
    spec.given([applicationSubmitted()]).when(apply()).thenThrows('SEAL_USAGE_APPLICATION.ALREADY_SUBMITTED');
  });

  it('SEAL-4 lets a seal approver approve an application for a special seal', () => {
    spec.given([applicationSubmitted()]).when(approve()).then([approvedBy(people.approver)]);
  });

  it('SEAL-4 refuses approval by the applicant', () => {
    const selfApprover = { ...people.applicant, roles: ['sealApprover', 'officeDirector'] };
    spec.given([applicationSubmitted()]).when(approve(selfApprover)).thenThrows('SEAL-4');
  });

  it('SEAL-4 refuses approval by the keeper of that seal', () => {
    spec.given([applicationSubmitted()]).when(approve(people.keeperApprover)).thenThrows('SEAL-4');
  });

  it('SEAL-4 allows a keeper of another seal to approve', () => {
    spec
      .given([applicationSubmitted()])
      .when(approve(people.keeperApprover, sealFacts({ keeperId: people.nextKeeper.id })))
      .then([approvedBy(people.keeperApprover)]);
  });

  it('SEAL-4 refuses approval without the sealApprover role', () => {
    spec.given([applicationSubmitted()]).when(approve(people.leader)).thenThrows('SEAL-4');
  });

  it('SEAL-4 refuses a plain seal approver for the official seal (行政印章)', () => {
    spec.given([applicationSubmitted({ sealKind: 'administrative' })]).when(approve(people.approver)).thenThrows('SEAL-4');
  });

  it('SEAL-4 lets the office director or a leader approve for the Party seal (党委印章)', () => {
    spec.given([applicationSubmitted({ sealKind: 'partyCommittee' })]).when(approve(people.director)).then([approvedBy(people.director)]);
    spec
      .given([applicationSubmitted({ sealKind: 'partyCommittee' })])
      .when(approve(people.leaderApprover))
      .then([approvedBy(people.leaderApprover)]);
  });

  it('SEAL-4 takes the approver roles per seal kind from configuration', () => {
    const strict = DeciderSpecification.for(
      createSealUsageApplicationDecider(sealsConfig({ usageApproverRoles: { special: { allOf: ['sealApprover', 'leader'], anyOf: [] } } })),
    );
    strict.given([applicationSubmitted()]).when(approve(people.approver)).thenThrows('SEAL-4');
    strict.given([applicationSubmitted()]).when(approve(people.leaderApprover)).then([approvedBy(people.leaderApprover)]);
  });

  it('SEAL-3 takes the validity period from configuration', () => {
    const threeDays = DeciderSpecification.for(createSealUsageApplicationDecider(sealsConfig({ applicationValidityDays: 3 })));
    threeDays.given([applicationSubmitted()]).when(approve()).then([approvedBy(people.approver, '2024-07-04T02:00:00.000Z')]);
  });

  it('SEAL-1 refuses approving for a seal that was disabled', () => {
    spec.given([applicationSubmitted()]).when(approve(people.approver, sealFacts({ status: 'disabled' }))).thenThrows('SEAL-1');
  });

  it('SEAL-3 refuses a usage before approval (先审批后用印)', () => {
    spec.given([applicationSubmitted()]).when(recordUsage()).thenThrows('SEAL-3');
  });

  it('rejects with a reason', () => {
    spec
      .given([applicationSubmitted()])
      .when(reject())
      .then([
        usageEvent('SealUsageApplicationRejected', {
          applicationId: APPLICATION_ID,
          sealId: SEAL_ID,
          rejectedById: people.approver.id,
          rejectedByName: people.approver.name,
          reason: '用途不明确',
          rejectedAt: NOW,
        }),
      ]);
  });

  it('refuses a rejection without a reason', () => {
    spec.given([applicationSubmitted()]).when(reject(people.approver, ' ')).thenThrows('SEAL.INVALID_INPUT');
  });

  it('SEAL-4 refuses a rejection by someone who may not decide', () => {
    spec.given([applicationSubmitted()]).when(reject(people.clerk)).thenThrows('SEAL-4');
  });

  it('cancels at the applicant’s request', () => {
    spec
      .given([applicationSubmitted()])
      .when(cancel())
      .then([usageEvent('SealUsageApplicationCancelled', { applicationId: APPLICATION_ID, sealId: SEAL_ID, reason: '合同暂缓签订', cancelledAt: NOW })]);
  });

  it('refuses a cancellation by anyone but the applicant', () => {
    spec.given([applicationSubmitted()]).when(cancel(people.approver)).thenThrows('SEAL_USAGE_APPLICATION.NOT_APPLICANT');
  });

  it('SEAL-3 does not expire an application that was never approved', () => {
    spec.given([applicationSubmitted()]).when(expire('2024-08-01T00:00:00.000Z')).thenNothingHappens();
  });
});

describe('SealUsageApplication: when approved', () => {
  const history = (): SealUsageApplicationEvent[] => [applicationSubmitted(), applicationApproved()];
  const recorded = (usageId: string, impressions: number, remaining: number) =>
    usageEvent('SealUsageRecorded', {
      applicationId: APPLICATION_ID,
      usageId,
      sealId: SEAL_ID,
      copies: 1,
      impressions,
      remainingImpressions: remaining,
      keeperId: people.keeper.id,
      keeperName: people.keeper.name,
      witnessId: people.witness.id,
      witnessName: people.witness.name,
      usedAt: NOW,
    });

  it('SEAL-3 SEAL-6 records a usage by the keeper with a witness against the approval', () => {
    spec.given(history()).when(recordUsage()).then([recorded('use-1', 2, 2)]);
  });

  it('SEAL-6 lets several usages consume one approval, up to the approved impressions', () => {
    spec.given([...history(), usageRecorded('use-1', 2, 2)]).when(recordUsage({ usageId: 'use-2' })).then([recorded('use-2', 2, 0)]);
  });

  it('SEAL-3 refuses a usage once the approval is fully used', () => {
    const state = fold(sealUsageApplicationDecider, [...history(), usageRecorded('use-1', 4, 0)]);
    expect(state.status).toBe('fullyUsed');
    spec.given([...history(), usageRecorded('use-1', 4, 0)]).when(recordUsage({ usageId: 'use-2', impressions: 1 })).thenThrows('SEAL-3');
  });

  it('SEAL-6 refuses more impressions than remain approved', () => {
    spec.given([...history(), usageRecorded('use-1', 3, 1)]).when(recordUsage({ usageId: 'use-2', impressions: 2 })).thenThrows('SEAL-6');
    spec.given(history()).when(recordUsage({ impressions: 5 })).thenThrows('SEAL-6');
  });

  it('SEAL-6 refuses a usage recorded by anyone but the current keeper', () => {
    spec.given(history()).when(recordUsage({}, people.nextKeeper)).thenThrows('SEAL-6');
    spec.given(history()).when(recordUsage({ seal: sealFacts({ keeperId: people.nextKeeper.id }) })).thenThrows('SEAL-6');
  });

  it('DIR-6 the keeper\'s deputy records a usage under a delegation in force, and the event names both', () => {
    const delegation = { grantId: 'dl-event-1', delegatorId: people.keeper.id, delegatorName: people.keeper.name, duty: { kind: 'role', role: 'sealKeeper' }, until: '2099-01-01T00:00:00.000Z' } as const;
    const authority = { roles: [], posts: [], clearance: { level: 'none' }, actingAsDeputy: [delegation] };
    const deputy: Actor = { ...people.nextKeeper, roles: ['sealKeeper'], authority };
    spec
      .given(history())
      .when(recordUsage({}, deputy))
      .then([
        usageEvent('SealUsageRecorded', {
          ...recorded('use-1', 2, 2).data,
          keeperId: deputy.id,
          keeperName: deputy.name,
          deputyFor: { keeperId: people.keeper.id, keeperName: people.keeper.name, delegationGrantId: 'dl-event-1' },
        }),
      ]);
    // a delegation from someone who is not this seal's keeper confers nothing here
    const elsewhere: Actor = { ...deputy, authority: { ...authority, actingAsDeputy: [{ ...delegation, delegatorId: 'u-other-keeper' }] } };
    spec.given(history()).when(recordUsage({}, elsewhere)).thenThrows('SEAL-6');
  });

  it('SEAL-6 refuses a usage without a witness', () => {
    spec.given(history()).when(recordUsage({ witnessId: '', witnessName: '' })).thenThrows('SEAL-6');
  });

  it('SEAL-6 refuses the keeper as their own witness', () => {
    spec.given(history()).when(recordUsage({ witnessId: people.keeper.id, witnessName: people.keeper.name })).thenThrows('SEAL-6');
  });

  it('SEAL-6 refuses a non-positive number of impressions', () => {
    spec.given(history()).when(recordUsage({ impressions: 0 })).thenThrows('SEAL-6');
  });

  it('SEAL-1 refuses a usage while the seal is suspended', () => {
    spec.given(history()).when(recordUsage({ seal: sealFacts({ status: 'suspended' }) })).thenThrows('SEAL-1');
  });

  it('SEAL-8 refuses a local usage while the seal is checked out', () => {
    spec.given(history()).when(recordUsage({ seal: sealFacts({ checkedOut: true }) })).thenThrows('SEAL-8');
  });

  it('SEAL-3 refuses a usage at the end of the validity even before the expiry job ran', () => {
    spec.given(history()).when(recordUsage({}, people.keeper, EXPIRES_AT)).thenThrows('SEAL-3');
  });

  it('treats a retried usage with the same id as nothing new', () => {
    spec.given([...history(), usageRecorded('use-1', 2, 2)]).when(recordUsage({ usageId: 'use-1' })).thenNothingHappens();
  });

  it('SEAL-3 expires the approval after the validity period', () => {
    spec
      .given([...history(), usageRecorded('use-1', 1, 3)])
      .when(expire(EXPIRES_AT))
      .then([
        usageEvent('SealUsageApplicationExpired', {
          applicationId: APPLICATION_ID,
          sealId: SEAL_ID,
          expiresAt: EXPIRES_AT,
          approvedImpressions: 4,
          usedImpressions: 1,
          expiredAt: EXPIRES_AT,
        }),
      ]);
  });

  it('SEAL-3 does not expire the approval before the validity period ends', () => {
    spec.given(history()).when(expire('2024-07-08T00:59:59.999Z')).thenNothingHappens();
  });

  it('refuses approving twice', () => {
    spec.given(history()).when(approve(people.director)).thenThrows('SEAL_USAGE_APPLICATION.ILLEGAL_TRANSITION');
  });

  it('cancels what is not yet used at the applicant’s request', () => {
    spec
      .given([...history(), usageRecorded('use-1', 1, 3)])
      .when(cancel())
      .then([usageEvent('SealUsageApplicationCancelled', { applicationId: APPLICATION_ID, sealId: SEAL_ID, reason: '合同暂缓签订', cancelledAt: NOW })]);
  });

  it('counts the remaining impressions', () => {
    expect(remainingImpressions(fold(sealUsageApplicationDecider, [...history(), usageRecorded('use-1', 3, 1)]))).toBe(1);
  });
});

describe('SealUsageApplication: when approved through a document sign-off', () => {
  const signOffApproval = (impressions = 4) =>
    usageEvent('SealUsageApplicationApproved', {
      applicationId: APPLICATION_ID,
      sealId: SEAL_ID,
      basis: 'documentSignOff',
      approverId: people.signer.id,
      approverName: people.signer.name,
      documentId: DOCUMENT_ID,
      signedOffAt: SIGNED_OFF_AT,
      approvedImpressions: impressions,
      approvedAt: '2024-07-01T01:00:00.000Z',
      expiresAt: EXPIRES_AT,
      document: { documentId: DOCUMENT_ID, signedOffAt: SIGNED_OFF_AT, impressionsApprovedElsewhere: 0 },
    });
  const given = (impressions = 4) => [applicationSubmitted({ documentId: DOCUMENT_ID, sealKind: 'administrative', impressions }), signOffApproval(impressions)];
  const useOnDocument = (document = registeredDocument(), impressions = 4) => recordUsage({ impressions, seal: sealFacts({ kind: 'administrative' }), document });

  it('SEAL-7 records a usage against the signed-off, registered document without another approval, with the facts relied on', () => {
    spec.given(given()).when(approve(people.director)).thenThrows('SEAL_USAGE_APPLICATION.ILLEGAL_TRANSITION');
    spec
      .given(given())
      .when(useOnDocument())
      .then([
        usageEvent('SealUsageRecorded', {
          applicationId: APPLICATION_ID,
          usageId: 'use-1',
          sealId: SEAL_ID,
          copies: 1,
          impressions: 4,
          remainingImpressions: 0,
          keeperId: people.keeper.id,
          keeperName: people.keeper.name,
          witnessId: people.witness.id,
          witnessName: people.witness.name,
          usedAt: NOW,
          document: recordedRegistration({ impressionsUsedElsewhere: 0 }),
        }),
      ]);
  });

  it('SEAL-7 refuses the usage after the sign-off is voided at recheck (签发作废)', () => {
    spec.given(given()).when(useOnDocument(registeredDocument({ signedOff: false, signerId: undefined, signerName: undefined, signedOffAt: undefined }))).thenThrows('SEAL-7');
  });

  it('SEAL-7 refuses the usage under a sign-off given again after the one the approval relied on was voided', () => {
    spec.given(given()).when(useOnDocument(registeredDocument({ signedOffAt: '2024-07-01T00:10:00.000Z' }))).thenThrows('SEAL-7');
  });

  it('SEAL-7 refuses the usage before the document is registered (numbered)', () => {
    spec.given(given()).when(useOnDocument(signedOffDocument())).thenThrows('SEAL-7');
  });

  it('SEAL-7 refuses the usage without the document facts, or with facts of another document', () => {
    spec.given(given()).when(recordUsage({ impressions: 4, seal: sealFacts({ kind: 'administrative' }) })).thenThrows('SEAL-7');
    spec.given(given()).when(useOnDocument(registeredDocument({ documentId: 'doc-2' }))).thenThrows('SEAL.FACTS_MISMATCH');
  });

  it('SEAL-7 refuses the usage that takes the document beyond its registration across applications (approved before registration)', () => {
    // 10 copies × 1 impression; 8 already stamped under another application: 2 left, 4 asked
    spec.given(given()).when(useOnDocument(registeredDocument({ impressionsUsedElsewhere: 8 }))).thenThrows('SEAL-7');
    expect(typesDecided(given(), useOnDocument(registeredDocument({ impressionsUsedElsewhere: 6 })))).toEqual(['SealUsageRecorded']);
  });

  it('SEAL-7 counts the application\'s own earlier usages against the registration', () => {
    const stream = [...given(4), usageRecorded('use-0', 2, 2)];
    spec.given(stream).when(useOnDocument(registeredDocument({ registration: registration({ copies: 3 }), impressionsUsedElsewhere: 0 }), 2)).thenThrows('SEAL-7');
  });

  it('SEAL-7 refuses a usage on an application cancelled by the voiding for the voiding, not for the cancellation', () => {
    const cancelled = usageEvent('SealUsageApplicationCancelled', { applicationId: APPLICATION_ID, sealId: SEAL_ID, reason: '公文签发已作废', cancelledAt: NOW });
    spec
      .given([...given(), cancelled])
      .when(useOnDocument(registeredDocument({ signedOff: false, signedOffAt: undefined })))
      .thenThrows('SEAL-7');
  });
});

describe('SealUsageApplication: when the document\'s sign-off is voided', () => {
  const cancelForDocument = (documentId = DOCUMENT_ID) =>
    command<CancelSealUsageApplicationForDocument>(
      'CancelSealUsageApplicationForDocument',
      { applicationId: APPLICATION_ID, documentId, reason: '复核发现实质性修改，签发作废' },
      { id: 'system:seals', name: '印章服务', roles: [] },
    );
  const onDocument = [applicationSubmitted({ documentId: DOCUMENT_ID }), applicationApproved()];

  it('SEAL-7 cancels the open application for the document, as an event', () => {
    spec
      .given(onDocument)
      .when(cancelForDocument())
      .then([usageEvent('SealUsageApplicationCancelled', { applicationId: APPLICATION_ID, sealId: SEAL_ID, reason: '复核发现实质性修改，签发作废', cancelledAt: NOW })]);
    expect(typesDecided([applicationSubmitted({ documentId: DOCUMENT_ID })], cancelForDocument())).toEqual(['SealUsageApplicationCancelled']);
  });

  it('SEAL-7 cancels nothing twice, nor an application already closed', () => {
    const cancelled = usageEvent('SealUsageApplicationCancelled', { applicationId: APPLICATION_ID, sealId: SEAL_ID, reason: '复核发现实质性修改，签发作废', cancelledAt: NOW });
    spec.given([...onDocument, cancelled]).when(cancelForDocument()).then([]);
    spec.given([...onDocument, usageRecorded('use-1', 4, 0)]).when(cancelForDocument()).then([]);
  });

  it('SEAL-7 refuses to cancel an application that does not reference the document', () => {
    spec.given(onDocument).when(cancelForDocument('doc-2')).thenThrows('SEAL.FACTS_MISMATCH');
    spec.given([applicationSubmitted(), applicationApproved()]).when(cancelForDocument()).thenThrows('SEAL.FACTS_MISMATCH');
  });
});

describe('SealUsageApplication: when closed', () => {
  const rejected = usageEvent('SealUsageApplicationRejected', {
    applicationId: APPLICATION_ID,
    sealId: SEAL_ID,
    rejectedById: people.approver.id,
    rejectedByName: people.approver.name,
    reason: '用途不明确',
    rejectedAt: '2024-07-01T01:00:00.000Z',
  });
  const cancelled = usageEvent('SealUsageApplicationCancelled', { applicationId: APPLICATION_ID, sealId: SEAL_ID, cancelledAt: '2024-07-01T01:30:00.000Z' });
  const expired = usageEvent('SealUsageApplicationExpired', {
    applicationId: APPLICATION_ID,
    sealId: SEAL_ID,
    expiresAt: EXPIRES_AT,
    approvedImpressions: 4,
    usedImpressions: 0,
    expiredAt: EXPIRES_AT,
  });

  it('SEAL-3 refuses a usage of a rejected application', () => {
    spec.given([applicationSubmitted(), rejected]).when(recordUsage()).thenThrows('SEAL-3');
  });

  it('SEAL-3 refuses a usage of a cancelled application', () => {
    spec.given([applicationSubmitted(), applicationApproved(), cancelled]).when(recordUsage()).thenThrows('SEAL-3');
  });

  it('SEAL-3 refuses a usage of an expired application', () => {
    spec.given([applicationSubmitted(), applicationApproved(), expired]).when(recordUsage()).thenThrows('SEAL-3');
  });

  it('SEAL-3 expires an application only once', () => {
    spec.given([applicationSubmitted(), applicationApproved(), expired]).when(expire('2024-07-09T00:00:00.000Z')).thenNothingHappens();
  });

  it('refuses approving a rejected application', () => {
    spec.given([applicationSubmitted(), rejected]).when(approve()).thenThrows('SEAL_USAGE_APPLICATION.ILLEGAL_TRANSITION');
  });

  it('refuses cancelling twice', () => {
    spec.given([applicationSubmitted(), cancelled]).when(cancel()).thenThrows('SEAL_USAGE_APPLICATION.ILLEGAL_TRANSITION');
  });

  it('keeps every event JSON-safe for hashing', () => {
    const events = [applicationSubmitted(), applicationApproved(), usageRecorded('use-1', 1, 3), rejected, cancelled, expired];
    expect(() => canonicalJson(events)).not.toThrow();
    expect(JSON.stringify(events)).not.toContain('undefined');
  });
});
