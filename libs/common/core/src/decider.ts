import type { JsonValue } from './canonical-json';

/** A duty held as a deputy (DIR-6 工作代理): a role, or a unit's post. */
export type DeputyDuty =
  | { readonly kind: 'role'; readonly role: string }
  | { readonly kind: 'post'; readonly unitId: string; readonly postId: string; readonly postKind: string };

/**
 * What the directory held for the actor at the command's time (DIR-4), each holding with the id
 * of the directory event it comes from: the fact a decision relied on, recorded with it.
 */
export interface ActorAuthority {
  readonly roles: readonly { readonly role: string; readonly grantId: string }[];
  /** Posts (职务) held by one of the person's identities (身份). */
  readonly posts: readonly { readonly unitId: string; readonly unitCode?: string; readonly postId: string; readonly postKind: string; readonly identityId: string; readonly title: string; readonly assignmentId: string }[];
  /** 非密 has no grant. */
  readonly clearance: { readonly level: string; readonly grantId?: string };
  /** Duties held as a deputy, each with the delegation (its DutyDelegated event) and who delegated. */
  readonly actingAsDeputy: readonly { readonly grantId: string; readonly delegatorId: string; readonly delegatorName: string; readonly duty: DeputyDuty; readonly until: string }[];
}

/** A person as the directory holds them at an instant (DIR-4): what a service acts on instead of a token's claims. */
export interface DirectoryPerson {
  /** On file at the instant. */
  readonly known: boolean;
  /** On file and not departed. */
  readonly active: boolean;
  readonly name?: string;
  readonly homeUnitId?: string;
  readonly departedAt?: string;
  /** Held, and held as a deputy (DIR-6). */
  readonly roles: readonly string[];
  readonly clearance: string;
  readonly authority: ActorAuthority;
}

/**
 * The actor of a command (written into every event's metadata). Once the directory is in force
 * the name, roles and clearance are the directory's at the command's time and `authority` says
 * which grants they come from; before that, they are the bearer token's claims.
 */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly orgUnit?: string;
  readonly clearance?: string;
  readonly authority?: ActorAuthority;
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

/** DIR-6: the delegation in force under which the actor holds `role` as the deputy of `delegatorId`, if any. */
export function deputyForRole(actor: Actor, delegatorId: string, role: string): ActorAuthority['actingAsDeputy'][number] | undefined {
  return actor.authority?.actingAsDeputy.find((delegation) => delegation.delegatorId === delegatorId && delegation.duty.kind === 'role' && delegation.duty.role === role);
}

/** A post a decision relied on, as its event records it (DIR-4): the post and the directory's PostAssigned event. */
export interface PostReliedOn {
  readonly unitId: string;
  readonly postId: string;
  readonly postKind: string;
  readonly identityId: string;
  readonly assignmentId: string;
}

/** DIR-5: the actor's post that `matches`, as the directory holds it; undefined when they hold none, or no directory is in force. */
export function postHeld(actor: Actor, matches: (post: ActorAuthority['posts'][number]) => boolean): PostReliedOn | undefined {
  const post = actor.authority?.posts.find(matches);
  if (post === undefined) return undefined;
  const { unitId, postId, postKind, identityId, assignmentId } = post;
  return { unitId, postId, postKind, identityId, assignmentId };
}
