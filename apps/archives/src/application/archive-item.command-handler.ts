import { Inject, Injectable } from '@nestjs/common';
import { isSecrecyLevel, type CommandMetadata } from '@oa/core';
import { CommandHandling, newId, type CommandOptions, type CommandReply } from '@oa/platform';
import {
  archiveItemDecider,
  archiveViolation,
  decideArchiveItem,
  fourPropertiesCheck,
  fourPropertiesFindings,
  type ArchiveItemCommand,
  type DestructionWitness,
  type FileArchiveItem,
  type RecomputedHash,
  type RegisterFilingCandidate,
  type Retention,
} from '@oa/domain-archives';
import { archiveItemProjection } from '../infrastructure/read-models/archive-item.projection';
import { ArchivalCodeSequences } from './archival-code-sequences';
import { ArchiveStreams } from './archive-streams';

type DataOf<C extends ArchiveItemCommand> = Omit<C['data'], 'itemId'>;
type CommandOf<T extends ArchiveItemCommand['type']> = Extract<ArchiveItemCommand, { type: T }>;

export interface FilingInput {
  readonly fondsCode: string;
  readonly year: number;
  readonly retention: Retention;
  readonly organisationCode: string;
  readonly pages: number;
  /** Hashes recomputed from the stored files by the archivist's workstation; by default those of the copies this service holds. */
  readonly recomputedHashes?: readonly RecomputedHash[];
}

/** The archive item stream's command path: facts are loaded here, the rules are the decider's. */
@Injectable()
export class ArchiveItemCommandHandler {
  constructor(
    @Inject(CommandHandling) private readonly commands: CommandHandling,
    @Inject(ArchiveStreams) private readonly streams: ArchiveStreams,
    @Inject(ArchivalCodeSequences) private readonly sequences: ArchivalCodeSequences,
  ) {}

  /** ARC-1 from a source event: a redelivery decides nothing and appends nothing. */
  registerCandidate(data: RegisterFilingCandidate['data'], metadata: CommandMetadata): Promise<CommandReply> {
    return this.handle(data.itemId, 'RegisterFilingCandidate', data, metadata, {});
  }

  /**
   * ARC-1 归档: the 四性检测 runs first (ARC-4, a refused candidate uses no number), then the
   * number is allocated on the sequence (ARC-2) and the item filed; a filing refused after the
   * allocation releases the number again, so the sequence keeps no gap.
   */
  async file(itemId: string, input: FilingInput, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply & { readonly archivalCode?: string }> {
    const { fondsCode, year, retention, organisationCode, pages } = input;
    const { state } = await this.streams.item(itemId);
    const data: Omit<DataOf<FileArchiveItem>, 'itemNumber' | 'recomputedHashes'> = { fondsCode, categoryCode: 'WS', year, retention, organisationCode, pages };
    if (state.status === 'empty') return this.handle(itemId, 'FileArchiveItem', { ...data, itemNumber: 1, recomputedHashes: [] }, metadata, options);
    const recomputedHashes = input.recomputedHashes ?? state.components.map(({ componentId, hash }) => ({ componentId, hash }));
    if (state.status !== 'candidate') {
      // A retry with the same Idempotency-Key builds the same command and gets the first reply;
      // anything else is the decider's refusal (already filed, read-only). Nothing is allocated.
      const reply = await this.handle(itemId, 'FileArchiveItem', { ...data, itemNumber: state.metadata.itemNumber, recomputedHashes }, metadata, options);
      return { ...reply, archivalCode: state.archivalCode };
    }
    const precheck = fourPropertiesCheck({
      source: state.source,
      components: state.components,
      recomputedHashes,
      metadata: { ...data, itemNumber: 1, title: state.title, responsibleParty: state.responsibleParty, date: state.date, secrecyLevel: state.secrecyLevel },
    });
    if (!precheck.passed) throw archiveViolation('ARC-4', 'invalid', `四性检测未通过：${fourPropertiesFindings(precheck).join('；')}`);
    const key = { fondsCode, year, retention, organisationCode };
    const { itemNumber, archivalCode } = await this.sequences.allocate(key, itemId, metadata);
    try {
      const reply = await this.handle(itemId, 'FileArchiveItem', { ...data, itemNumber, recomputedHashes }, metadata, options);
      return { ...reply, archivalCode };
    } catch (error) {
      // a concurrent request for the same item may have filed it with this very number: keep it then
      const { state: after } = await this.streams.item(itemId);
      const filedWithIt = after.status !== 'empty' && after.status !== 'candidate' && after.metadata.itemNumber === itemNumber;
      if (!filedWithIt) await this.sequences.release(key, itemId, `归档未成功：${error instanceof Error ? error.message : String(error)}`, metadata);
      throw error;
    }
  }

  /** ARC-5 借阅: the borrower is the actor, their clearance is the token's (security kernel). */
  async requestLoan(itemId: string, input: { readonly purpose: string; readonly dueAt: string }, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply & { readonly loanId: string }> {
    const loanId = newId(metadata.actor.id, options, `RequestArchiveItemLoan:${itemId}`);
    const clearance = metadata.actor.clearance;
    const borrowerClearance = isSecrecyLevel(clearance) ? clearance : 'none';
    return { ...(await this.handle(itemId, 'RequestArchiveItemLoan', { ...input, loanId, borrowerClearance }, metadata, options)), loanId };
  }

  async appraise(
    itemId: string,
    input: Omit<DataOf<CommandOf<'AppraiseArchiveItem'>>, 'appraisalId'>,
    metadata: CommandMetadata,
    options: CommandOptions,
  ): Promise<CommandReply & { readonly appraisalId: string }> {
    const appraisalId = newId(metadata.actor.id, options, `AppraiseArchiveItem:${itemId}`);
    return { ...(await this.handle(itemId, 'AppraiseArchiveItem', { ...input, appraisalId }, metadata, options)), appraisalId };
  }

  /** ARC-6 销毁: the destruction list entry's id is the server's. */
  async destroy(
    itemId: string,
    input: { readonly appraisalId: string; readonly method: string; readonly witnesses: readonly DestructionWitness[] },
    metadata: CommandMetadata,
    options: CommandOptions,
  ): Promise<CommandReply & { readonly destructionListId: string }> {
    const destructionListId = newId(metadata.actor.id, options, `DestroyArchiveItem:${itemId}`);
    return { ...(await this.handle(itemId, 'DestroyArchiveItem', { ...input, destructionListId }, metadata, options)), destructionListId };
  }

  /**
   * ARC-7 移交: every item is checked against its rules first, so a batch is transferred whole
   * or not at all (as far as nothing moves in between); then each item is appended.
   */
  async transfer(itemIds: readonly string[], recipient: string, metadata: CommandMetadata, options: CommandOptions): Promise<{ readonly transferId: string; readonly items: CommandReply[] }> {
    const transferId = newId(metadata.actor.id, options, 'TransferArchiveItems');
    const unique = [...new Set(itemIds)];
    if (unique.length === 0) throw archiveViolation('ARC-7', 'invalid', '移交须列明档案');
    const pending: string[] = [];
    const items: CommandReply[] = [];
    for (const itemId of unique) {
      const { state, version } = await this.streams.item(itemId);
      // a retried request (same Idempotency-Key, same transfer id) skips what it already moved
      if (state.status === 'transferred' && state.transferId === transferId) {
        items.push({ id: itemId, version });
        continue;
      }
      decideArchiveItem({ type: 'TransferArchiveItem', data: { itemId, transferId, recipient }, metadata }, state);
      pending.push(itemId);
    }
    for (const itemId of pending) items.push(await this.handle(itemId, 'TransferArchiveItem', { transferId, recipient }, metadata, {}));
    return { transferId, items };
  }

  async handle<T extends ArchiveItemCommand['type']>(
    itemId: string,
    type: T,
    data: DataOf<CommandOf<T>>,
    metadata: CommandMetadata,
    options: CommandOptions,
  ): Promise<CommandReply> {
    const command = { type, data: { ...data, itemId }, metadata } as ArchiveItemCommand;
    const result = await this.commands.handle({
      decider: archiveItemDecider,
      streamId: itemId,
      command,
      projections: [archiveItemProjection],
      ...(options.expectedVersion !== undefined && { expectedVersion: options.expectedVersion }),
      ...(options.idempotencyKey !== undefined && { idempotencyKey: options.idempotencyKey }),
    });
    return { id: result.streamId, version: result.version };
  }
}
