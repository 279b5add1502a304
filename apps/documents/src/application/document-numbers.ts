import { Inject, Injectable } from '@nestjs/common';
import { isRuleViolation, type CommandMetadata } from '@oa/core';
import { CommandHandling } from '@oa/platform';
import {
  documentNumberLedgerDecider,
  documentNumberLedgerId,
  formatDocumentNumber,
  numberHeldBy,
  type DocumentNumberLedgerCommand,
  type LedgerEntry,
} from '@oa/domain-documents';
import { DocumentStreams } from './document-streams';

/** The office's incoming series: incoming numbers are kept on the ledger `收文:<year>` (DOC-8). */
export const INCOMING_SERIES = '收文';

export const incomingNumberOf = (year: number, sequence: number): string => formatDocumentNumber({ issuerCode: INCOMING_SERIES, year, sequence });

/** Enough for a burst of concurrent registrations on one ledger: each round, one of them wins. */
const MAX_ATTEMPTS = 60;

const pause = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

const isVersionConflict = (error: unknown): boolean => isRuleViolation(error) && error.code === 'COMMON.VERSION_CONFLICT';

/**
 * DOC-4 / DOC-8 the gapless ledgers. Every allocation is appended with the ledger's expected
 * version; a writer that lost the race reads the ledger again and retries, so concurrent
 * requests get consecutive numbers, none twice, none skipped. A document holds at most one live
 * number: a retry for the same document returns the number it already holds.
 */
@Injectable()
export class DocumentNumberLedgers {
  constructor(
    @Inject(CommandHandling) private readonly commands: CommandHandling,
    @Inject(DocumentStreams) private readonly streams: DocumentStreams,
  ) {}

  async allocate(issuerCode: string, year: number, documentId: string, metadata: CommandMetadata): Promise<LedgerEntry> {
    const ledgerId = documentNumberLedgerId(issuerCode, year);
    return this.retrying(async () => {
      const { state, head } = await this.streams.ledger(ledgerId);
      const held = numberHeldBy(state, documentId);
      if (held) return held;
      await this.append(ledgerId, { type: 'AllocateDocumentNumber', data: { issuerCode, year, documentId }, metadata }, head.version);
      return numberHeldBy((await this.streams.ledger(ledgerId)).state, documentId);
    });
  }

  /** DOC-4 a dropped number stays on the ledger with its reason and is never reused. */
  async void(issuerCode: string, year: number, sequence: number, reason: string, metadata: CommandMetadata): Promise<void> {
    const ledgerId = documentNumberLedgerId(issuerCode, year);
    await this.retrying(async () => {
      const { state, head } = await this.streams.ledger(ledgerId);
      const entry = state.status === 'open' ? state.entries.find((candidate) => candidate.sequence === sequence) : undefined;
      if (entry?.voidReason !== undefined) return entry;
      await this.append(ledgerId, { type: 'VoidDocumentNumber', data: { sequence, reason }, metadata }, head.version);
      return entry;
    });
  }

  private async retrying<T>(attempt: () => Promise<T | undefined>): Promise<T> {
    for (let round = 1; ; round++) {
      try {
        const result = await attempt();
        if (result !== undefined) return result;
        if (round >= MAX_ATTEMPTS) throw new Error('编号簿分配未能完成 (ledger allocation did not settle)');
      } catch (error) {
        if (!isVersionConflict(error) || round >= MAX_ATTEMPTS) throw error;
      }
      await pause(2 + Math.floor(Math.random() * 10 * Math.min(round, 5)));
    }
  }

  private async append(ledgerId: string, command: DocumentNumberLedgerCommand, expectedVersion: number): Promise<void> {
    await this.commands.handle({ decider: documentNumberLedgerDecider, streamId: ledgerId, command, expectedVersion });
  }
}
