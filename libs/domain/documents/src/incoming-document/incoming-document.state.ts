import type { DocumentType, SecrecyLevel, SecrecyPeriod, Urgency } from '../document.vocabulary';
import type { Reply } from './incoming-document.commands';

export interface CirculationReader {
  readonly readerId: string;
  readonly readerName: string;
  readonly clearance: SecrecyLevel;
  readonly sentAt: string;
  readonly readAt?: string;
}

export interface Circulation {
  readonly readers: readonly CirculationReader[];
  /** DOC-11 set when every reader has read; cleared when readers are added. */
  readonly completedAt?: string;
}

export interface Assignment {
  readonly leadUnit: string;
  readonly assistingUnits: readonly string[];
  readonly handlerId: string;
  readonly handlerName: string;
  readonly deadline: string;
  readonly chaserId?: string;
  readonly chaserName?: string;
  readonly assignedAt: string;
  /** DOC-10 the deadline a reminder / an escalation was raised for: once per deadline. */
  readonly remindedFor?: string;
  readonly escalatedFor?: string;
}

export interface IncomingDocumentRecord {
  readonly documentId: string;
  readonly sender: string;
  readonly senderDocumentNumber: string;
  readonly title: string;
  readonly type?: DocumentType;
  readonly secrecyLevel: SecrecyLevel;
  readonly secrecyPeriod?: SecrecyPeriod;
  readonly copies: number;
  readonly copyNumbers?: readonly string[];
  readonly urgency: Urgency;
  readonly contentHash?: string;
  readonly replyDue: boolean;
  readonly receivedAt: string;
  readonly incomingNumber?: { readonly year: number; readonly sequence: number };
  readonly circulation?: Circulation;
}

export interface NoIncomingDocument {
  readonly status: 'initial';
}

/** 签收 → 登记 → 初审 → 拟办 → 批办. */
export interface OpenIncomingDocument extends IncomingDocumentRecord {
  readonly status: 'received' | 'registered' | 'initiallyReviewed' | 'proposed' | 'instructed';
}

/** 承办. */
export interface HandledIncomingDocument extends IncomingDocumentRecord {
  readonly status: 'handling';
  readonly assignment: Assignment;
}

/** 办结 → 归档. */
export interface CompletedIncomingDocument extends IncomingDocumentRecord {
  readonly status: 'completed' | 'filed';
  readonly assignment?: Assignment;
  readonly result: string;
  readonly reply?: Reply;
  readonly completedAt: string;
}

/** 退文 (DOC-9). */
export interface ReturnedIncomingDocument extends IncomingDocumentRecord {
  readonly status: 'returned';
  readonly returnReason: string;
}

export type IncomingDocumentState =
  | NoIncomingDocument
  | OpenIncomingDocument
  | HandledIncomingDocument
  | CompletedIncomingDocument
  | ReturnedIncomingDocument;

export type IncomingDocumentStatus = IncomingDocumentState['status'];

export const INCOMING_STATUS_LABELS: Readonly<Record<IncomingDocumentStatus, string>> = {
  initial: '不存在',
  received: '已签收',
  registered: '已登记',
  initiallyReviewed: '已初审',
  returned: '已退文',
  proposed: '已拟办',
  instructed: '已批办',
  handling: '承办中',
  completed: '已办结',
  filed: '已归档',
};
