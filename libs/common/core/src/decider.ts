import type { JsonValue } from './canonical-json';

/** The actor of a command, as the bearer token says (written into every event's metadata). */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly orgUnit?: string;
  readonly clearance?: string;
}

/** What a command carries besides its data: who, when, from which request. */
export interface CommandMetadata {
  readonly actor: Actor;
  /** The instant the command is decided at; decide never reads a clock of its own. */
  readonly now: string;
  readonly requestId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly clientAddress?: string;
}

export interface Command<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** A domain event as decide produces it: data is JSON-safe, because it is hashed. */
export interface DomainEvent<Type extends string = string, Data extends { readonly [key: string]: JsonValue } | object = object> {
  readonly type: Type;
  readonly data: Data;
  /** Raised when an event's shape changes; old shapes are read through upcasters. */
  readonly schemaVersion?: number;
}

/** The whole pattern of an aggregate: pure, no I/O, no clock, no randomness. */
export interface Decider<C extends Command, E extends DomainEvent, S> {
  readonly streamType: string;
  initialState(): S;
  decide(command: C, state: S): readonly E[];
  evolve(state: S, event: E): S;
}

export function fold<E extends DomainEvent, S>(decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'>, events: readonly E[]): S {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}
