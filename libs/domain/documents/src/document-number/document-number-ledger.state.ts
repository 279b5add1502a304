import { unhandledEvent } from '../document-event';
import type { DocumentNumberLedgerEvent } from './document-number-ledger.events';
export interface LedgerEntry {
  readonly sequence: number;
  readonly documentNumber: string;
  readonly documentId: string;
  readonly voidReason?: string;
}

/** One stream per issuer code and year: `documentNumberLedgerId('国发', 2024)`. */
export type DocumentNumberLedgerState =
  | { readonly status: 'empty' }
  | {
      readonly status: 'open';
      readonly issuerCode: string;
      readonly year: number;
      /** The last sequence handed out, voided or not: the next is always last + 1 (DOC-4 no gap, no reuse). */
      readonly lastSequence: number;
      readonly entries: readonly LedgerEntry[];
    };

export function documentNumberLedgerId(issuerCode: string, year: number): string {
  return `${issuerCode}:${year}`;
}

/** The live (not voided) number held by a document, if any: what the service reads back after allocating. */
export function numberHeldBy(state: DocumentNumberLedgerState, documentId: string): LedgerEntry | undefined {
  if (state.status === 'empty') return undefined;
  return state.entries.find((entry) => entry.documentId === documentId && entry.voidReason === undefined);
}

export const initialDocumentNumberLedgerState = (): DocumentNumberLedgerState => ({ status: 'empty' });

export function evolveDocumentNumberLedger(state: DocumentNumberLedgerState, event: DocumentNumberLedgerEvent): DocumentNumberLedgerState {
  switch (event.type) {
    case 'DocumentNumberAllocated': {
      const { issuerCode, year, sequence, documentNumber, documentId } = event.data;
      const entries = state.status === 'open' ? state.entries : [];
      return { status: 'open', issuerCode, year, lastSequence: sequence, entries: [...entries, { sequence, documentNumber, documentId }] };
    }
    case 'DocumentNumberVoided': {
      if (state.status === 'empty') return state;
      const entries = state.entries.map((entry) => (entry.sequence === event.data.sequence ? { ...entry, voidReason: event.data.reason } : entry));
      return { ...state, entries };
    }
    default:
      return unhandledEvent(event, state);
  }
}
