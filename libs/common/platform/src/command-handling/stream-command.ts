import { Inject } from '@nestjs/common';
import { Command as BusCommand, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { isRuleViolation, type Command, type CommandMetadata, type DomainEvent } from '@oa/core';
import { CommandHandling, type CommandResult, type HandleCommandRequest, type InlineProjection } from './handle-command';
import { newId, type CommandOptions, type CommandReply } from './command-options';
import type { StreamType } from './stream-type';

/** What a command request brings besides its body: who and when, If-Match and Idempotency-Key. */
export interface CommandCall {
  readonly metadata: CommandMetadata;
  readonly options: CommandOptions;
}

/** The command bus's one command class: every command of every stream type travels in it. */
export class ExecuteStreamCommand<S = unknown> extends BusCommand<CommandResult<S>> {
  constructor(readonly request: HandleCommandRequest<Command, DomainEvent, S, Command>) {
    super();
  }
}

/** The one generic handler: load, facts, decide, append (CommandHandling). */
@CommandHandler(ExecuteStreamCommand)
export class StreamCommandHandler implements ICommandHandler<ExecuteStreamCommand> {
  constructor(@Inject(CommandHandling) private readonly commands: CommandHandling) {}

  execute(command: ExecuteStreamCommand): Promise<CommandResult> {
    return this.commands.handle(command.request);
  }
}

type RequestOf<R extends Command, T extends R['type']> = Extract<R, { readonly type: T }>;

/** What a route passes for a command: its data without the stream's id, which `commandOn` fills in. */
export type RequestData<R extends Command, T extends R['type'], K extends string> = Omit<RequestOf<R, T>['data'], K>;

export interface CommandOnOptions {
  /** The id was minted for this request (`mintId`): without an Idempotency-Key it names no stream yet, so nothing is read. */
  readonly created?: boolean;
  readonly alongside?: readonly InlineProjection[];
}

/** The bus command for `type` on one stream, with the call's metadata, If-Match and Idempotency-Key. */
export function commandOn<C extends Command, E extends DomainEvent, S, R extends Command, K extends string, T extends R['type']>(
  stream: StreamType<C, E, S, R, K>,
  streamId: string,
  type: T,
  data: RequestData<R, T, K>,
  call: CommandCall,
  options: CommandOnOptions = {},
): ExecuteStreamCommand<S> {
  const command = { type, data: stream.idField === undefined ? data : { ...data, [stream.idField]: streamId }, metadata: call.metadata } as unknown as R;
  return new ExecuteStreamCommand<S>({
    stream: stream as unknown as StreamType<Command, DomainEvent, S, Command, string>,
    streamId,
    command,
    ...(call.options.expectedVersion !== undefined && { expectedVersion: call.options.expectedVersion }),
    ...(call.options.idempotencyKey !== undefined && { idempotencyKey: call.options.idempotencyKey }),
    ...(options.created && call.options.idempotencyKey === undefined && { newStream: true }),
    ...(options.alongside && { alongside: options.alongside }),
  });
}

/** A server-made id for what this call creates (see `newId`): `purpose` keeps ids of different things apart. */
export function mintId(call: CommandCall, purpose: string): string {
  return newId(call.metadata.actor.id, call.options, purpose);
}

/** What a route answers for a command: the aggregate and its version (ETag). */
export function replyOf(result: CommandResult): CommandReply {
  return { id: result.streamId, version: result.version };
}

/** Enough for a burst of concurrent appends to one ledger: each round, one of them wins. */
const LEDGER_ATTEMPTS = 60;

const pause = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

/**
 * A gapless ledger's append (DOC-4 document numbers, DOC-8 incoming numbers, ARC-2 item numbers):
 * each append is decided on the ledger as loaded; a writer that lost the race to another gets a
 * version conflict, loads again and retries, so concurrent requests get consecutive entries, none
 * twice and none skipped. `settled` reads the answer from the ledger's state after the append
 * (the number an owner holds), so nothing is read again.
 */
export async function appendToLedger<C extends Command, E extends DomainEvent, S, R extends Command, T>(
  commands: CommandHandling,
  request: HandleCommandRequest<C, E, S, R>,
  settled: (state: S) => T | undefined,
): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      const answer = settled((await commands.handle(request)).state);
      if (answer !== undefined) return answer;
      throw new Error(`编号簿 ${request.streamId} 未记下本次分配 (the ledger did not record the entry)`);
    } catch (error) {
      if (!isRuleViolation(error) || error.code !== 'COMMON.VERSION_CONFLICT' || round >= LEDGER_ATTEMPTS) throw error;
    }
    await pause(2 + Math.floor(Math.random() * 10 * Math.min(round, 5)));
  }
}
