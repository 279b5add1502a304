import type { DocumentType, SecrecyLevel, SecrecyPeriod, Urgency } from '../document.vocabulary';
import { optional, unhandledEvent } from '../document-event';
import type { RecordedTitle } from '../document-title';
import { withFile, type DocumentFile } from '../document-files';
import type { Reply } from './incoming-document.commands';
import type { IncomingDocumentEvent } from './incoming-document.events';

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

/** COMMON-3 the title in clear below 秘密, its digest from 秘密 up, as the events record it. */
export interface IncomingDocumentRecord extends RecordedTitle {
  readonly documentId: string;
  readonly sender: string;
  readonly senderDocumentNumber: string;
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
  /** FILE-1 正文 (or its scanned copy) and 附件 as stored files. */
  readonly files: readonly DocumentFile[];
}

export interface NoIncomingDocument {
  readonly status: 'empty';
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
  empty: '不存在',
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

export const initialIncomingDocumentState = (): IncomingDocumentState => ({ status: 'empty' });

export function evolveIncomingDocument(state: IncomingDocumentState, event: IncomingDocumentEvent): IncomingDocumentState {
  switch (event.type) {
    case 'IncomingDocumentFileAttached':
      if (state.status === 'empty') return state;
      return { ...state, files: withFile(state.files, { role: event.data.role, file: event.data.file }) };
    case 'IncomingDocumentFilingCopyReleased':
      return state;
    case 'IncomingDocumentReceived': {
      const { receivedAt, ...data } = event.data;
      return { ...data, receivedAt, status: 'received', files: [] };
    }
    case 'IncomingDocumentRegistered':
      if (state.status !== 'received') return state;
      return { ...state, status: 'registered', incomingNumber: { year: event.data.year, sequence: event.data.sequence } };
    case 'IncomingDocumentInitiallyReviewed':
      if (state.status !== 'registered') return state;
      return { ...state, status: 'initiallyReviewed' };
    case 'IncomingDocumentReturnedToSender':
      if (state.status !== 'registered') return state;
      return { ...state, status: 'returned', returnReason: event.data.reason };
    case 'IncomingDocumentHandlingProposed':
      if (state.status !== 'initiallyReviewed') return state;
      return { ...state, status: 'proposed' };
    case 'IncomingDocumentInstructed': {
      if (state.status !== 'proposed' && state.status !== 'instructed' && state.status !== 'handling') return state;
      const replyDue = state.replyDue || event.data.replyDue === true;
      return state.status === 'handling' ? { ...state, replyDue } : { ...state, replyDue, status: 'instructed' };
    }
    case 'IncomingDocumentHandlingAssigned': {
      if (state.status !== 'instructed' && state.status !== 'handling') return state;
      const { documentId: _id, deadlineDefaulted: _defaulted, ...assignment } = event.data;
      // A new deadline starts a new round of reminders; the flags are kept per deadline.
      const previous = state.status === 'handling' ? state.assignment : undefined;
      return {
        ...state,
        status: 'handling',
        assignment: {
          ...assignment,
          ...optional('remindedFor', previous?.remindedFor),
          ...optional('escalatedFor', previous?.escalatedFor),
        },
      };
    }
    case 'IncomingDocumentReminderRaised':
      if (state.status !== 'handling') return state;
      return { ...state, assignment: { ...state.assignment, remindedFor: event.data.deadline } };
    case 'IncomingDocumentEscalated':
      if (state.status !== 'handling') return state;
      return { ...state, assignment: { ...state.assignment, escalatedFor: event.data.deadline } };
    case 'IncomingDocumentCirculated': {
      if (state.status === 'empty') return state;
      const readers = [...(state.circulation?.readers ?? []), ...event.data.readers.map((r) => ({ ...r, sentAt: event.data.sentAt }))];
      return { ...state, circulation: { readers } };
    }
    case 'IncomingDocumentRead': {
      if (state.status === 'empty' || !state.circulation) return state;
      const readers = state.circulation.readers.map((r) => (r.readerId === event.data.readerId ? { ...r, readAt: event.data.readAt } : r));
      return { ...state, circulation: { ...state.circulation, readers } };
    }
    case 'IncomingDocumentCirculationCompleted':
      if (state.status === 'empty' || !state.circulation) return state;
      return { ...state, circulation: { ...state.circulation, completedAt: event.data.completedAt } };
    case 'IncomingDocumentCompleted':
      if (state.status !== 'handling' && state.status !== 'instructed') return state;
      return { ...state, status: 'completed', result: event.data.result, ...optional('reply', event.data.reply), completedAt: event.data.completedAt };
    case 'IncomingDocumentHandedOffForFiling':
      if (state.status !== 'completed') return state;
      return { ...state, status: 'filed' };
    default:
      return unhandledEvent(event, state);
  }
}
