import type { Delivery } from './outgoing-document.commands';
import { optional, unhandledEvent } from '../document-event';
import { titleFieldsOf } from '../document-title';
import { withFile, type DocumentFile } from '../document-files';
import type { OutgoingDocumentContent, OutgoingDocumentEvent } from './outgoing-document.events';

export interface Countersign {
  readonly party: 'department' | 'coIssuer';
  readonly code: string;
  readonly signerId: string;
  readonly signerName: string;
  readonly opinion: string;
  readonly countersignedAt: string;
  readonly countersignedOn: string;
}

export interface SignOffRecord {
  readonly signerId: string;
  readonly signerName: string;
  readonly signerIsPrincipalLeader: boolean;
  readonly opinion: string;
  readonly signedOffAt: string;
  readonly signedOffOn: string;
  readonly documentDate: string;
}

export interface Registration {
  readonly documentNumber: string;
  readonly year: number;
  readonly sequence: number;
  readonly copies: number;
  /** SEAL-7 impressions of the seal on each printed copy. */
  readonly impressionsPerCopy: number;
  readonly registeredAt: string;
}

/** What every outgoing document past drafting has. */
export interface OutgoingDocumentRecord {
  readonly documentId: string;
  readonly drafterId: string;
  readonly drafterName: string;
  readonly content: OutgoingDocumentContent;
  /** 1 at drafting, +1 at every change of the draft. */
  readonly revision: number;
  /** DOC-1/DOC-2 the revision the last approving review saw; sign-off needs it to be the current one. */
  readonly reviewedRevision?: number;
  readonly countersigns: readonly Countersign[];
  /** FILE-1 正文, 附件 and 签发稿 as stored files. */
  readonly files: readonly DocumentFile[];
}

export interface NoOutgoingDocument {
  readonly status: 'empty';
}

/** 拟稿 → 核稿 → 会签 → 待签发. */
export interface PreparingOutgoingDocument extends OutgoingDocumentRecord {
  readonly status: 'draft' | 'underReview' | 'countersigning' | 'awaitingSignOff';
  /** DOC-2 set when a recheck voided the sign-off: only this signer signs again. */
  readonly returnedToSigner?: { readonly id: string; readonly name: string };
}

/** 已签发 → 已复核. */
export interface SignedOutgoingDocument extends OutgoingDocumentRecord {
  readonly status: 'signedOff' | 'rechecked';
  readonly signOff: SignOffRecord;
}

/** 已登记 → 已用印 → 已核发 → 已归档. */
export interface RegisteredOutgoingDocument extends OutgoingDocumentRecord {
  readonly status: 'registered' | 'sealed' | 'distributed' | 'filed';
  readonly signOff: SignOffRecord;
  readonly registration: Registration;
  readonly sealUsageIds: readonly string[];
  readonly deliveries: readonly Delivery[];
}

/** 撤回 / 作废. */
export interface ClosedOutgoingDocument extends OutgoingDocumentRecord {
  readonly status: 'withdrawn' | 'voided';
  readonly reason: string;
  readonly signOff?: SignOffRecord;
  readonly registration?: Registration;
}

export type OutgoingDocumentState =
  | NoOutgoingDocument
  | PreparingOutgoingDocument
  | SignedOutgoingDocument
  | RegisteredOutgoingDocument
  | ClosedOutgoingDocument;

export type OutgoingDocumentStatus = OutgoingDocumentState['status'];

export const OUTGOING_STATUS_LABELS: Readonly<Record<OutgoingDocumentStatus, string>> = {
  empty: '不存在',
  draft: '拟稿',
  underReview: '核稿中',
  countersigning: '会签中',
  awaitingSignOff: '待签发',
  signedOff: '已签发',
  rechecked: '已复核',
  registered: '已登记',
  sealed: '已用印',
  distributed: '已核发',
  filed: '已归档',
  withdrawn: '已撤回',
  voided: '已作废',
};

/** DOC-3 the departments and co-issuers that have not yet countersigned. */
export function pendingCountersigns(record: OutgoingDocumentRecord): readonly { readonly party: 'department' | 'coIssuer'; readonly code: string }[] {
  const done = (party: 'department' | 'coIssuer', code: string) => record.countersigns.some((c) => c.party === party && c.code === code);
  return [
    ...record.content.countersignDepartments.filter((code) => !done('department', code)).map((code) => ({ party: 'department' as const, code })),
    ...record.content.coIssuers.filter((code) => !done('coIssuer', code)).map((code) => ({ party: 'coIssuer' as const, code })),
  ];
}

function contentOf(data: OutgoingDocumentContent): OutgoingDocumentContent {
  return {
    type: data.type,
    ...titleFieldsOf(data),
    issuerCode: data.issuerCode,
    mainRecipients: data.mainRecipients,
    copyRecipients: data.copyRecipients,
    secrecyLevel: data.secrecyLevel,
    ...optional('secrecyPeriod', data.secrecyPeriod),
    urgency: data.urgency,
    contentHash: data.contentHash,
    attachments: data.attachments,
    countersignDepartments: data.countersignDepartments,
    coIssuers: data.coIssuers,
    upward: data.upward,
    important: data.important,
    ...optional('signerName', data.signerName),
    ...optional('matterCount', data.matterCount),
    ...optional('includesRequestItems', data.includesRequestItems),
  };
}

function afterReview(record: OutgoingDocumentRecord): 'countersigning' | 'awaitingSignOff' {
  return pendingCountersigns(record).length > 0 ? 'countersigning' : 'awaitingSignOff';
}

export function isPreparing(state: OutgoingDocumentState): state is PreparingOutgoingDocument {
  return state.status === 'draft' || state.status === 'underReview' || state.status === 'countersigning' || state.status === 'awaitingSignOff';
}

export const initialOutgoingDocumentState = (): OutgoingDocumentState => ({ status: 'empty' });

export function evolveOutgoingDocument(state: OutgoingDocumentState, event: OutgoingDocumentEvent): OutgoingDocumentState {
  switch (event.type) {
    case 'OutgoingDocumentDrafted': {
      const { documentId, drafterId, drafterName } = event.data;
      return { status: 'draft', documentId, drafterId, drafterName, content: contentOf(event.data), revision: 1, countersigns: [], files: [] };
    }
    case 'OutgoingDocumentFileAttached': {
      if (state.status === 'empty') return state;
      const { role, file, revision } = event.data;
      return { ...state, files: withFile(state.files, { role, file }), revision: revision ?? state.revision };
    }
    case 'OutgoingDocumentFilingCopyReleased':
      return state;
    case 'OutgoingDocumentDraftRevised':
      if (state.status === 'empty' || !isPreparing(state)) return state;
      return { ...state, content: contentOf(event.data), revision: event.data.revision };
    case 'OutgoingDocumentSubmittedForReview':
      if (state.status === 'empty' || !isPreparing(state)) return state;
      return { ...state, status: 'underReview' };
    case 'OutgoingDocumentReviewApproved': {
      if (state.status === 'empty' || !isPreparing(state)) return state;
      const reviewed = { ...state, reviewedRevision: event.data.revision };
      return { ...reviewed, status: afterReview(reviewed) };
    }
    case 'OutgoingDocumentReturnedToDrafter':
      if (state.status === 'empty' || !isPreparing(state)) return state;
      return { ...state, status: 'draft' };
    case 'OutgoingDocumentCountersigned': {
      if (state.status === 'empty' || !isPreparing(state)) return state;
      const { party, code, signerId, signerName, opinion, countersignedAt, countersignedOn } = event.data;
      const countersigned = { ...state, countersigns: [...state.countersigns, { party, code, signerId, signerName, opinion, countersignedAt, countersignedOn }] };
      return state.status === 'countersigning' ? { ...countersigned, status: afterReview(countersigned) } : countersigned;
    }
    case 'OutgoingDocumentSignedOff': {
      if (state.status === 'empty' || !isPreparing(state)) return state;
      const { returnedToSigner: _returned, ...record } = state;
      const { signerId, signerName, signerIsPrincipalLeader, opinion, signedOffAt, signedOffOn, documentDate } = event.data;
      return { ...record, status: 'signedOff', signOff: { signerId, signerName, signerIsPrincipalLeader, opinion, signedOffAt, signedOffOn, documentDate } };
    }
    case 'OutgoingDocumentRechecked':
      if (state.status !== 'signedOff') return state;
      return { ...state, status: 'rechecked', content: { ...state.content, contentHash: event.data.contentHash } };
    case 'OutgoingDocumentSignOffVoided': {
      if (state.status !== 'signedOff') return state;
      const { signOff: _voided, ...record } = state;
      return {
        ...record,
        status: 'awaitingSignOff',
        content: { ...state.content, contentHash: event.data.contentHash },
        revision: event.data.revision,
        // The recheck is the review of this change (复核); what DOC-2 asks now is the original signer's signature.
        reviewedRevision: event.data.revision,
        returnedToSigner: { id: event.data.returnedToSignerId, name: event.data.returnedToSignerName },
      };
    }
    case 'OutgoingDocumentRegistered': {
      if (state.status !== 'rechecked') return state;
      const { documentNumber, year, sequence, copies, impressionsPerCopy, registeredAt } = event.data;
      return { ...state, status: 'registered', registration: { documentNumber, year, sequence, copies, impressionsPerCopy, registeredAt }, sealUsageIds: [], deliveries: [] };
    }
    case 'OutgoingDocumentSealed':
      if (state.status !== 'registered' && state.status !== 'sealed') return state;
      return { ...state, status: 'sealed', sealUsageIds: [...state.sealUsageIds, event.data.sealUsageId] };
    case 'OutgoingDocumentDistributed':
      if (state.status !== 'registered' && state.status !== 'sealed') return state;
      return { ...state, status: 'distributed', deliveries: event.data.deliveries };
    case 'OutgoingDocumentHandedOffForFiling':
      if (state.status !== 'distributed') return state;
      return { ...state, status: 'filed' };
    case 'OutgoingDocumentWithdrawn':
      if (state.status === 'empty') return state;
      return { ...state, status: 'withdrawn', reason: event.data.reason };
    case 'OutgoingDocumentVoided':
      if (state.status === 'empty') return state;
      return { ...state, status: 'voided', reason: event.data.reason };
    default:
      return unhandledEvent(event, state);
  }
}
