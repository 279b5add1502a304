import type { Command, Decider, DomainEvent } from '@oa/core';
import type { CommandHandling, CommandOptions, CommandReply, InlineProjection } from '@oa/platform';

/** The platform's one command path with the request's If-Match and Idempotency-Key. */
export async function runCommand<C extends Command, E extends DomainEvent, S>(
  commands: CommandHandling,
  decider: Decider<C, E, S>,
  streamId: string,
  command: C,
  options: CommandOptions,
  projections: readonly InlineProjection[] = [],
): Promise<CommandReply> {
  const result = await commands.handle({
    decider,
    streamId,
    command,
    ...(projections.length > 0 && { projections }),
    ...(options.expectedVersion !== undefined && { expectedVersion: options.expectedVersion }),
    ...(options.idempotencyKey !== undefined && { idempotencyKey: options.idempotencyKey }),
  });
  return { id: result.streamId, version: result.version };
}
