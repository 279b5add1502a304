import type { Actor } from '@oa/core';
import { documentEvent } from '../document-event';
import { recordedTitle, titleFieldsOf } from '../document-title';
import type { OutgoingDocumentCommand, OutgoingDocumentDraftInput } from './outgoing-document.commands';
import type {
  OutgoingDocumentContent,
  OutgoingDocumentCountersigned,
  OutgoingDocumentDrafted,
  OutgoingDocumentDraftRevised,
  OutgoingDocumentEvent,
  OutgoingDocumentRechecked,
  OutgoingDocumentRegistered,
  OutgoingDocumentReviewApproved,
  OutgoingDocumentSealed,
  OutgoingDocumentSignedOff,
  OutgoingDocumentSubmittedForReview,
} from './outgoing-document.events';

export const DOCUMENT_ID = 'doc-1';
export const HASH_A = 'a'.repeat(64);
export const HASH_B = 'b'.repeat(64);
export const HASH_C = 'c'.repeat(64);

/** 2024-07-01 10:00 Beijing time, a Monday. */
export const NOW = '2024-07-01T02:00:00.000Z';
export const LATER = '2024-07-02T02:00:00.000Z';

export const actors = {
  drafter: { id: 'u-drafter', name: '李拟稿', roles: ['drafter'], orgUnit: 'BGS' },
  reviewer: { id: 'u-reviewer', name: '王核稿', roles: ['reviewer'], orgUnit: 'BGS' },
  draftingReviewer: { id: 'u-drafter', name: '李拟稿', roles: ['drafter', 'reviewer'], orgUnit: 'BGS' },
  signer: { id: 'u-signer', name: '赵副县长', roles: ['signer', 'leader'] },
  principal: { id: 'u-principal', name: '张县长', roles: ['signer', 'leader'] },
  registrar: { id: 'u-registrar', name: '刘收发', roles: ['registrar'], orgUnit: 'BGS' },
  financeStaff: { id: 'u-finance', name: '陈财务', roles: ['drafter'], orgUnit: 'CZJ' },
  legalStaff: { id: 'u-legal', name: '孙法制', roles: ['drafter'], orgUnit: 'SFJ' },
  coIssuerClerk: { id: 'u-clerk', name: '周文书', roles: ['registrar'], orgUnit: 'BGS' },
} satisfies Record<string, Actor>;

type ByType<T extends OutgoingDocumentCommand['type']> = Extract<OutgoingDocumentCommand, { type: T }>;

export function command<T extends OutgoingDocumentCommand['type']>(type: T, data: ByType<T>['data'], actor: Actor = actors.drafter, now = NOW): ByType<T> {
  return { type, data, metadata: { actor, now } } as ByType<T>;
}

/** A plain 通知 to two organs, unclassified: the smallest valid draft. */
export const noticeInput: OutgoingDocumentDraftInput = {
  type: 'notice',
  title: '关于做好防汛工作的通知',
  issuerCode: '县政发',
  mainRecipients: [
    { name: '各乡镇人民政府', kind: 'organ', relation: 'subordinate' },
    { name: '县政府各部门', kind: 'organ', relation: 'subordinate' },
  ],
  secrecyLevel: 'none',
  urgency: 'none',
  contentHash: HASH_A,
};

/** A 请示 to the one superior organ, with its signer named. */
export const requestInput: OutgoingDocumentDraftInput = {
  type: 'request',
  title: '关于申请防汛专项资金的请示',
  issuerCode: '县政',
  mainRecipients: [{ name: '市人民政府', kind: 'organ', relation: 'superior' }],
  copyRecipients: [{ name: '市财政局', kind: 'organ', relation: 'unrelated' }],
  secrecyLevel: 'none',
  urgency: 'urgent',
  contentHash: HASH_A,
  upward: true,
  signerName: '张县长',
  matterCount: 1,
};

export const noticeContent: OutgoingDocumentContent = {
  ...noticeInput,
  mainRecipients: noticeInput.mainRecipients!,
  copyRecipients: [],
  attachments: [],
  countersignDepartments: [],
  coIssuers: [],
  upward: false,
  important: false,
};

/** COMMON-3 the content as an event records it: a clear title becomes its digest from 秘密 up. */
export function recorded(content: Partial<OutgoingDocumentContent>): OutgoingDocumentContent {
  const { title, titleDigest: _digest, ...merged } = { ...noticeContent, ...content };
  return content.titleDigest !== undefined && content.title === undefined ? { ...merged, titleDigest: content.titleDigest } : { ...merged, ...recordedTitle(DOCUMENT_ID, title ?? '', merged.secrecyLevel) };
}

export function drafted(content: Partial<OutgoingDocumentContent> = {}, actor: Actor = actors.drafter, readers: readonly string[] = []): OutgoingDocumentDrafted {
  return documentEvent(
    'OutgoingDocumentDrafted',
    { ...recorded(content), readers, documentId: DOCUMENT_ID, revision: 1 as const, drafterId: actor.id, drafterName: actor.name, draftedAt: NOW },
    3,
  );
}

export function revised(content: Partial<OutgoingDocumentContent>, revision = 2, readers: readonly string[] = [], at = LATER): OutgoingDocumentDraftRevised {
  return documentEvent('OutgoingDocumentDraftRevised', { ...recorded(content), readers, documentId: DOCUMENT_ID, revision, revisedById: actors.drafter.id, revisedAt: at }, 3);
}

export function submitted(revision = 1): OutgoingDocumentSubmittedForReview {
  return documentEvent('OutgoingDocumentSubmittedForReview', { documentId: DOCUMENT_ID, revision, submittedAt: NOW });
}

export function reviewApproved(revision = 1): OutgoingDocumentReviewApproved {
  return documentEvent('OutgoingDocumentReviewApproved', {
    documentId: DOCUMENT_ID,
    revision,
    reviewerId: actors.reviewer.id,
    reviewerName: actors.reviewer.name,
    reviewedAt: NOW,
  });
}

export function countersigned(party: 'department' | 'coIssuer', code: string, signer: Actor, on = NOW): OutgoingDocumentCountersigned {
  return documentEvent('OutgoingDocumentCountersigned', {
    documentId: DOCUMENT_ID,
    party,
    code,
    signerId: signer.id,
    signerName: signer.name,
    opinion: '同意',
    countersignedAt: on,
    countersignedOn: on.slice(0, 10),
  });
}

export function signedOff(content: OutgoingDocumentContent = noticeContent, signer: Actor = actors.signer, overrides: Partial<OutgoingDocumentSignedOff['data']> = {}): OutgoingDocumentSignedOff {
  return documentEvent('OutgoingDocumentSignedOff', {
    documentId: DOCUMENT_ID,
    ...titleFieldsOf(recorded(content)),
    type: content.type,
    issuerCode: content.issuerCode,
    coIssuers: content.coIssuers,
    secrecyLevel: content.secrecyLevel,
    urgency: content.urgency,
    upward: content.upward,
    important: content.important,
    signerId: signer.id,
    signerName: signer.name,
    signerIsPrincipalLeader: signer.id === actors.principal.id,
    opinion: '同意印发',
    signedOffAt: NOW,
    signedOffOn: '2024-07-01',
    documentDate: '2024-07-01',
    contentHash: content.contentHash,
    revision: 1,
    ...overrides,
  }, 2);
}

export function rechecked(contentHash = HASH_A): OutgoingDocumentRechecked {
  return documentEvent('OutgoingDocumentRechecked', {
    documentId: DOCUMENT_ID,
    checkerId: actors.registrar.id,
    checkerName: actors.registrar.name,
    contentHash,
    recheckedAt: NOW,
  });
}

export function registered(sequence = 1, copies = 10, issuerCode = '县政发', impressionsPerCopy = 1): OutgoingDocumentRegistered {
  return documentEvent(
    'OutgoingDocumentRegistered',
    {
      documentId: DOCUMENT_ID,
      documentNumber: `${issuerCode}〔2024〕${sequence}号`,
      issuerCode,
      year: 2024,
      sequence,
      copies,
      impressionsPerCopy,
      registeredAt: NOW,
    },
    2,
  );
}

export function sealed(sealUsageId = 'usage-1', documentNumber = '县政发〔2024〕1号'): OutgoingDocumentSealed {
  return documentEvent('OutgoingDocumentSealed', { documentId: DOCUMENT_ID, documentNumber, sealUsageId, sealId: 'seal-1', sealedAt: NOW });
}

/** The stream of a plain notice up to the given point. */
export const history = {
  awaitingSignOff: (): OutgoingDocumentEvent[] => [drafted(), submitted(), reviewApproved()],
  signedOff: (): OutgoingDocumentEvent[] => [...history.awaitingSignOff(), signedOff()],
  rechecked: (): OutgoingDocumentEvent[] => [...history.signedOff(), rechecked()],
  registered: (): OutgoingDocumentEvent[] => [...history.rechecked(), registered()],
  sealed: (): OutgoingDocumentEvent[] => [...history.registered(), sealed()],
};
