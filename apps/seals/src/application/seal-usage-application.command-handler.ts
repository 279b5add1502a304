import { Inject, Injectable } from '@nestjs/common';
import type { CommandMetadata } from '@oa/core';
import { CommandHandling, newId, type CommandOptions, type CommandReply } from '@oa/platform';
import {
  sealUsageApplicationDecider,
  type ApplyForSealUsage,
  type ApproveSealUsageApplication,
  type RecordSealUsage,
  type RejectSealUsageApplication,
  type SealUsageApplicationCommand,
} from '@oa/domain-seals';
import { SealStreams } from './seal-facts.reader';
import { SignedOffDocuments } from './signed-off-documents';
import { sealUsageApplicationProjection } from '../infrastructure/read-models/seal-deadlines.projection';

type Input<C extends SealUsageApplicationCommand> = Omit<C['data'], 'applicationId' | 'seal'>;

/**
 * 用印申请 commands. The seal's facts are folded from its stream before the command is built,
 * so the decider stays pure (SEAL-1, SEAL-4, SEAL-6 read them).
 */
@Injectable()
export class SealUsageApplicationCommandHandler {
  constructor(
    @Inject(CommandHandling) private readonly commands: CommandHandling,
    @Inject(SealStreams) private readonly streams: SealStreams,
    @Inject(SignedOffDocuments) private readonly documents: SignedOffDocuments,
  ) {}

  async apply(input: Omit<ApplyForSealUsage['data'], 'applicationId' | 'seal' | 'document'>, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    const applicationId = newId(metadata.actor.id, options, 'ApplyForSealUsage');
    const seal = await this.streams.sealFacts(input.sealId);
    // SEAL-7 凭签发稿用印: the document's sign-off as the seals service learnt it from Kafka
    const document = input.documentId === undefined ? undefined : await this.documents.signOffFacts(input.documentId);
    // an id minted without an Idempotency-Key names no stream yet: nothing to read
    return this.handle(applicationId, { type: 'ApplyForSealUsage', data: { ...input, applicationId, seal, ...(document && { document }) }, metadata }, options, options.idempotencyKey === undefined);
  }

  async approve(applicationId: string, input: Input<ApproveSealUsageApplication>, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    const seal = await this.streams.sealFacts(await this.streams.sealIdOfApplication(applicationId));
    return this.handle(applicationId, { type: 'ApproveSealUsageApplication', data: { ...input, applicationId, seal }, metadata }, options);
  }

  async reject(applicationId: string, input: Input<RejectSealUsageApplication>, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    const seal = await this.streams.sealFacts(await this.streams.sealIdOfApplication(applicationId));
    return this.handle(applicationId, { type: 'RejectSealUsageApplication', data: { ...input, applicationId, seal }, metadata }, options);
  }

  /** Run by the schedule (SEAL-3: an approval is valid 7 days by default). */
  expire(applicationId: string, metadata: CommandMetadata): Promise<CommandReply> {
    return this.handle(applicationId, { type: 'ExpireSealUsageApplication', data: { applicationId }, metadata }, {});
  }

  cancel(applicationId: string, input: { readonly reason?: string }, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    return this.handle(applicationId, { type: 'CancelSealUsageApplication', data: { ...input, applicationId }, metadata }, options);
  }

  /** 用印登记: `usageId` is the client's or derived from the Idempotency-Key, so a retry records nothing twice. */
  async recordUsage(
    applicationId: string,
    input: Omit<Input<RecordSealUsage>, 'usageId'> & { readonly usageId?: string },
    metadata: CommandMetadata,
    options: CommandOptions,
  ): Promise<CommandReply & { readonly usageId: string }> {
    const seal = await this.streams.sealFacts(await this.streams.sealIdOfApplication(applicationId));
    const usageId = input.usageId ?? newId(metadata.actor.id, options, 'RecordSealUsage');
    const reply = await this.handle(applicationId, { type: 'RecordSealUsage', data: { ...input, usageId, applicationId, seal }, metadata }, options);
    return { ...reply, usageId };
  }

  private async handle(applicationId: string, command: SealUsageApplicationCommand, options: CommandOptions, newStream = false): Promise<CommandReply> {
    const result = await this.commands.handle({
      decider: sealUsageApplicationDecider,
      streamId: applicationId,
      command,
      statements: [sealUsageApplicationProjection],
      newStream,
      ...(options.expectedVersion !== undefined && { expectedVersion: options.expectedVersion }),
      ...(options.idempotencyKey !== undefined && { idempotencyKey: options.idempotencyKey }),
    });
    return { id: result.streamId, version: result.version };
  }
}
