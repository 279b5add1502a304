import type { Command } from '@oa/core';

/**
 * The next 发文字号 of an issuer code and year, for one outgoing document. The service
 * appends with the ledger's expected version, so two concurrent allocations cannot both win.
 */
export type AllocateDocumentNumber = Command<
  'AllocateDocumentNumber',
  { readonly issuerCode: string; readonly year: number; readonly documentId: string }
>;

/** DOC-4 a number that must be dropped is voided with a reason and never reused. */
export type VoidDocumentNumber = Command<'VoidDocumentNumber', { readonly sequence: number; readonly reason: string }>;

export type DocumentNumberLedgerCommand = AllocateDocumentNumber | VoidDocumentNumber;
