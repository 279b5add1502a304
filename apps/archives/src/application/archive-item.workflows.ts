import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { isRuleViolation, type CommandMetadata } from '@oa/core';
import { CommandHandling, appendToLedger, commandOn, mintId, replyOf, type CommandCall, type CommandReply, type CommandResult, type RequestData } from '@oa/platform';
import { archivalCodeSequenceId, refuse, itemNumberHeldBy, type ArchivalCodeSequenceKey, type ArchiveItemState } from '@oa/domain-archives';
import { archivalCodeSequenceStream, archiveItemStream } from '../archives.service-definition';
import type { ArchiveItemRequest } from './archive-item.facts';

export type FilingData = RequestData<ArchiveItemRequest, 'FileArchiveItem', 'itemId'>;

/** The code an item was filed under (ARC-2), for the reply of a filing. */
const archivalCodeOf = (state: ArchiveItemState): string | undefined => (state.status === 'empty' || state.status === 'candidate' ? undefined : state.archivalCode);

/** The archive item commands that span streams: a filing and its number, a transfer's batch. */
@Injectable()
export class ArchiveItemWorkflows {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(CommandHandling) private readonly handling: CommandHandling,
  ) {}

  /**
   * ARC-1 归档 (its facts loader checks, then allocates the number): a filing that fails after
   * the allocation releases the number again, so the sequence keeps no gap (ARC-2).
   */
  async file(itemId: string, data: FilingData, call: CommandCall): Promise<CommandReply & { readonly archivalCode?: string }> {
    try {
      const result: CommandResult<ArchiveItemState> = await this.commands.execute(commandOn(archiveItemStream, itemId, 'FileArchiveItem', data, call));
      return { ...replyOf(result), archivalCode: archivalCodeOf(result.state) };
    } catch (error) {
      // every refusal comes before the allocation; only a lost race or the database after it
      if (!isRuleViolation(error) || error.code === 'COMMON.VERSION_CONFLICT') await this.releaseUnfiled(itemId, data, error, call.metadata);
      throw error;
    }
  }

  private async releaseUnfiled(itemId: string, key: ArchivalCodeSequenceKey, error: unknown, metadata: CommandMetadata): Promise<void> {
    const { store } = this.handling;
    const sequenceId = archivalCodeSequenceId(key);
    const { state: item } = await store.currentState(archiveItemStream.decider, itemId);
    // a concurrent request for the same item filed it with this very number: it stays
    if (item.status !== 'empty' && item.status !== 'candidate' && archivalCodeSequenceId(item.metadata) === sequenceId) return;
    if (!itemNumberHeldBy((await store.currentState(archivalCodeSequenceStream.decider, sequenceId)).state, itemId)) return;
    const reason = `归档未成功：${error instanceof Error ? error.message : String(error)}`;
    await appendToLedger(
      this.handling,
      { stream: archivalCodeSequenceStream, streamId: sequenceId, command: { type: 'ReleaseArchivalItemNumber', data: { itemId, reason }, metadata } },
      (sequence) => (itemNumberHeldBy(sequence, itemId) ? undefined : true),
    );
  }

  /**
   * ARC-7 移交: every item is checked against its rules first, so a batch is transferred whole
   * or not at all (as far as nothing moves in between); then each item is appended.
   */
  async transfer(itemIds: readonly string[], recipient: string, call: CommandCall): Promise<{ readonly transferId: string; readonly items: CommandReply[] }> {
    const transferId = mintId(call, 'TransferArchiveItems');
    const unique = [...new Set(itemIds)];
    if (unique.length === 0) throw refuse('ARC-7', 'invalid', '移交须列明档案');
    const pending: string[] = [];
    const items: CommandReply[] = [];
    for (const itemId of unique) {
      const { state, version } = await this.handling.store.foldStream(archiveItemStream.decider, itemId);
      // a retried request (same Idempotency-Key, same transfer id) skips what it already moved
      if (state.status === 'transferred' && state.transferId === transferId) {
        items.push({ id: itemId, version });
        continue;
      }
      archiveItemStream.decider.decide({ type: 'TransferArchiveItem', data: { itemId, transferId, recipient }, metadata: call.metadata }, state);
      pending.push(itemId);
    }
    const each = { metadata: call.metadata, options: {} };
    for (const itemId of pending) items.push(replyOf(await this.commands.execute(commandOn(archiveItemStream, itemId, 'TransferArchiveItem', { transferId, recipient }, each))));
    return { transferId, items };
  }
}
