import type { CommandMetadata } from '@oa/core';
import { appendToLedger, streamType, type CommandHandling, type CommandResult } from '@oa/platform';
import {
  documentNumberLedgerDecider,
  documentNumberLedgerId,
  formatDocumentNumber,
  numberHeldBy,
  type LedgerEntry,
  type OutgoingDocumentState,
} from '@oa/domain-documents';

/** The office's incoming series: incoming numbers are kept on the ledger `收文:<year>` (DOC-8). */
export const INCOMING_SERIES = '收文';

export const incomingNumberOf = (year: number, sequence: number): string => formatDocumentNumber({ issuerCode: INCOMING_SERIES, year, sequence });

/** 发文字号编号簿 (DOC-4, DOC-8): declared here, where its entries are allocated, and listed in the service definition. */
export const documentNumberLedgerStream = streamType({ decider: documentNumberLedgerDecider });

/**
 * DOC-4 / DOC-8 the next number of a gapless ledger for a document (appendToLedger: concurrent
 * requests get consecutive numbers). A document holds at most one live number: a retry for the
 * same document appends nothing and answers the number it already holds.
 */
export function allocateDocumentNumber(commands: CommandHandling, issuerCode: string, year: number, documentId: string, metadata: CommandMetadata): Promise<LedgerEntry> {
  return appendToLedger(
    commands,
    { stream: documentNumberLedgerStream, streamId: documentNumberLedgerId(issuerCode, year), command: { type: 'AllocateDocumentNumber', data: { issuerCode, year, documentId }, metadata } },
    (ledger) => numberHeldBy(ledger, documentId),
  );
}

/**
 * DOC-4 作废: a voided document's registered number stays on its ledger, voided with the same
 * reason, never reused. Keyed by the document, so the document's void replayed (Idempotency-Key)
 * replays this one too instead of voiding the number twice.
 */
export async function voidRegisteredNumber(commands: CommandHandling, voided: CommandResult<OutgoingDocumentState>, metadata: CommandMetadata): Promise<void> {
  const { state } = voided;
  if (state.status !== 'voided' || !state.registration) return;
  const { year, sequence } = state.registration;
  await appendToLedger(
    commands,
    {
      stream: documentNumberLedgerStream,
      streamId: documentNumberLedgerId(state.content.issuerCode, year),
      command: { type: 'VoidDocumentNumber', data: { sequence, reason: state.reason }, metadata },
      idempotencyKey: `VoidDocumentNumber:${state.documentId}`,
    },
    (ledger) => (ledger.status === 'open' ? ledger.entries.find((entry) => entry.sequence === sequence && entry.voidReason !== undefined) : undefined),
  );
}
