import type { Delivery } from './outgoing-document.commands';
import type { OutgoingDocumentContent } from './outgoing-document.events';

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
}

export interface NoOutgoingDocument {
  readonly status: 'initial';
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
  initial: '不存在',
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
