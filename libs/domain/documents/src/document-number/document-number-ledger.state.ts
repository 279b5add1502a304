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
