import type { DocumentEvent } from '../document-event';

export type DocumentNumberAllocated = DocumentEvent<
  'DocumentNumberAllocated',
  {
    readonly issuerCode: string;
    readonly year: number;
    readonly sequence: number;
    readonly documentNumber: string;
    readonly documentId: string;
    readonly allocatedAt: string;
  }
>;

export type DocumentNumberVoided = DocumentEvent<
  'DocumentNumberVoided',
  {
    readonly issuerCode: string;
    readonly year: number;
    readonly sequence: number;
    readonly documentNumber: string;
    readonly documentId: string;
    readonly reason: string;
    readonly voidedAt: string;
  }
>;

export type DocumentNumberLedgerEvent = DocumentNumberAllocated | DocumentNumberVoided;
