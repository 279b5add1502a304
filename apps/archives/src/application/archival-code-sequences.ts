import { Inject, Injectable } from '@nestjs/common';
import { isRuleViolation, type CommandMetadata } from '@oa/core';
import { CommandHandling } from '@oa/platform';
import {
  archiveViolation,
  archivalCodeSequenceDecider,
  archivalCodeSequenceId,
  itemNumberHeldBy,
  type ArchivalCodeSequenceCommand,
  type ArchivalCodeSequenceEntry,
  type ArchivalCodeSequenceKey,
} from '@oa/domain-archives';
import { ArchiveStreams } from './archive-streams';

/** Enough for a burst of concurrent filings on one sequence: each round, one of them wins. */
const MAX_ATTEMPTS = 60;

const pause = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

const isVersionConflict = (error: unknown): boolean => isRuleViolation(error) && error.code === 'COMMON.VERSION_CONFLICT';

/**
 * ARC-2 the gapless item numbers. Every allocation is appended with the sequence's expected
 * version; a writer that lost the race reads the sequence again and retries, so concurrent
 * filings get consecutive numbers, none twice, none skipped. An item holds at most one number:
 * a retry returns the number it already holds.
 */
@Injectable()
export class ArchivalCodeSequences {
  constructor(
    @Inject(CommandHandling) private readonly commands: CommandHandling,
    @Inject(ArchiveStreams) private readonly streams: ArchiveStreams,
  ) {}

  async allocate(key: ArchivalCodeSequenceKey, itemId: string, metadata: CommandMetadata): Promise<ArchivalCodeSequenceEntry> {
    const sequenceId = archivalCodeSequenceId(key);
    return this.retrying(async () => {
      const { state, head } = await this.streams.sequence(sequenceId);
      const held = itemNumberHeldBy(state, itemId);
      if (held) return held;
      await this.append(sequenceId, { type: 'AllocateArchivalItemNumber', data: { ...key, itemId }, metadata }, head.version);
      return itemNumberHeldBy((await this.streams.sequence(sequenceId)).state, itemId);
    });
  }

  /** ARC-2: the number of a refused filing goes back, so the next item takes it (no gap). */
  async release(key: ArchivalCodeSequenceKey, itemId: string, reason: string, metadata: CommandMetadata): Promise<void> {
    const sequenceId = archivalCodeSequenceId(key);
    await this.retrying(async () => {
      const { state, head } = await this.streams.sequence(sequenceId);
      if (!itemNumberHeldBy(state, itemId)) return true;
      await this.append(sequenceId, { type: 'ReleaseArchivalItemNumber', data: { itemId, reason }, metadata }, head.version);
      return true;
    });
  }

  private async retrying<T>(attempt: () => Promise<T | undefined>): Promise<T> {
    for (let round = 1; ; round++) {
      try {
        const result = await attempt();
        if (result !== undefined) return result;
        if (round >= MAX_ATTEMPTS) throw archiveViolation('ARC-2', 'conflict', '件号分配繁忙，请稍后重试 (item number allocation did not settle)');
      } catch (error) {
        if (!isVersionConflict(error) || round >= MAX_ATTEMPTS) throw error;
      }
      await pause(2 + Math.floor(Math.random() * 10 * Math.min(round, 5)));
    }
  }

  private async append(sequenceId: string, command: ArchivalCodeSequenceCommand, expectedVersion: number): Promise<void> {
    await this.commands.handle({ decider: archivalCodeSequenceDecider, streamId: sequenceId, command, expectedVersion });
  }
}
