import type { FileStore } from '../files/file-store';
import type { DataSource } from 'typeorm';
import type { Command, Decider, DomainEvent, RuleViolation } from '@oa/core';
import type { CurrentState, EventStore } from '../event-store/event-store';
import type { CommandHandling, InlineProjection } from './handle-command';
import type { ReadModel } from './read-model';

/** What a facts loader may read before a decision (and append to, for a ledger's next number). */
export interface FactsContext {
  readonly store: EventStore;
  readonly dataSource: DataSource;
  /** The service's own validated variables (its definition's `environment` class). */
  readonly settings: object;
  readonly commands: CommandHandling;
  /** FILE-1 the service's file store, when it keeps files: stored bytes are facts too (ARC-4 recomputes digests from them). */
  readonly files?: FileStore;
  /** Writes this command's decision brings besides its events (a classified text the loader composed, COMMON-4): run in the append's transaction, so a refused command leaves nothing behind. */
  alongside(write: InlineProjection): void;
  /**
   * Another stream's state as a fact of this decision (the seal an application is for): this
   * process's last fold of it, which the append checks still stands; where it moved, or the
   * decision is a refusal, the command is decided again on the stream read now.
   */
  fact<E extends DomainEvent, S>(decider: Pick<Decider<never, E, S>, 'streamType' | 'initialState' | 'evolve'>, streamId: string): Promise<CurrentState<S>>;
}

/**
 * A stream type, declared once in its service's definition: its decider, the read models its
 * events keep inline, and the facts other streams or read models own that a decision needs.
 * `R` is the command as requested, `C` as decided: `facts` turns one into the other after the
 * stream is loaded, so `decide` stays pure and its event records the facts it relied on.
 * `K` names the data field that carries the stream's id (`sealId`), filled in by `commandOn`.
 */
export interface StreamType<C extends Command = Command, E extends DomainEvent = DomainEvent, S = unknown, R extends Command = C, K extends string = never> {
  readonly decider: Decider<C, E, S>;
  readonly idField?: K;
  readonly readModels?: readonly ReadModel[];
  facts?(request: R, state: S, context: FactsContext): Promise<C>;
  /** The area's refusal for a read of a stream that has no events (or none up to `asOf`). */
  notFound?(streamId: string, asOf?: string): RuleViolation;
}

/** Any declared stream type, as a service definition lists them (method parameters are bivariant). */
export type DeclaredStreamType = StreamType<Command, DomainEvent, unknown, Command, string>;

/** Declares a stream type (the identity, for inference: the declaration is the value). */
export function streamType<C extends Command, E extends DomainEvent, S, R extends Command = C, K extends string = never>(
  declaration: StreamType<C, E, S, R, K>,
): StreamType<C, E, S, R, K> {
  return declaration;
}

/** The read models of a service's stream types, each once (`oa rebuild-read-model` replays them). */
export function readModelsOf(streams: readonly DeclaredStreamType[]): ReadModel[] {
  return [...new Set(streams.flatMap((stream) => stream.readModels ?? []))];
}

/** A command union as requested: each member's data without the fields its facts loader adds. */
export type Requested<C extends Command, Facts extends PropertyKey> = C extends Command ? Command<C['type'], Omit<C['data'], Facts>> : never;
