import { Inject, Injectable } from '@nestjs/common';
import type { CommandMetadata } from '@oa/core';
import { CommandHandling, newId, type CommandOptions, type CommandReply } from '@oa/platform';
import { sealDecider, type InitiateSealHandover, type RegisterSeal, type RequestSealCheckout, type SealCommand } from '@oa/domain-seals';
import { sealListProjection } from '../infrastructure/read-models/seal.projection';
import { sealCheckoutProjection } from '../infrastructure/read-models/seal-deadlines.projection';

type DataOf<C extends SealCommand> = Omit<C['data'], 'sealId'>;
type SealCommandOf<T extends SealCommand['type']> = Extract<SealCommand, { type: T }>;

/** The seal stream's one command path: the platform loads, decides, appends and projects. */
@Injectable()
export class SealCommandHandler {
  constructor(@Inject(CommandHandling) private readonly commands: CommandHandling) {}

  /** 刻制备案: the id is the server's. */
  register(data: DataOf<RegisterSeal>, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    const sealId = newId(metadata.actor.id, options, 'RegisterSeal');
    return this.handle(sealId, 'RegisterSeal', data, metadata, options);
  }

  /** 交接: the handover's id is the server's; both keepers confirm it by that id. */
  async initiateHandover(
    sealId: string,
    data: Omit<DataOf<InitiateSealHandover>, 'handoverId'>,
    metadata: CommandMetadata,
    options: CommandOptions,
  ): Promise<CommandReply & { readonly handoverId: string }> {
    const handoverId = newId(metadata.actor.id, options, `InitiateSealHandover:${sealId}`);
    return { ...(await this.handle(sealId, 'InitiateSealHandover', { ...data, handoverId }, metadata, options)), handoverId };
  }

  /** 外借申请 (SEAL-8): the checkout's id is the server's. */
  async requestCheckout(
    sealId: string,
    data: Omit<DataOf<RequestSealCheckout>, 'checkoutId'>,
    metadata: CommandMetadata,
    options: CommandOptions,
  ): Promise<CommandReply & { readonly checkoutId: string }> {
    const checkoutId = newId(metadata.actor.id, options, `RequestSealCheckout:${sealId}`);
    return { ...(await this.handle(sealId, 'RequestSealCheckout', { ...data, checkoutId }, metadata, options)), checkoutId };
  }

  async handle<T extends SealCommand['type']>(
    sealId: string,
    type: T,
    data: DataOf<SealCommandOf<T>>,
    metadata: CommandMetadata,
    options: CommandOptions,
  ): Promise<CommandReply> {
    const command = { type, data: { ...data, sealId }, metadata } as SealCommand;
    const result = await this.commands.handle({
      decider: sealDecider,
      streamId: sealId,
      command,
      projections: [sealListProjection, sealCheckoutProjection],
      ...(options.expectedVersion !== undefined && { expectedVersion: options.expectedVersion }),
      ...(options.idempotencyKey !== undefined && { idempotencyKey: options.idempotencyKey }),
    });
    return { id: result.streamId, version: result.version };
  }
}
