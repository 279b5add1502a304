import type { Command } from '@oa/core';
import type { FactsContext, Requested } from '@oa/platform';
import {
  authorityAt,
  bootstrapFactsOf,
  directoryBootstrapDecider,
  DIRECTORY_BOOTSTRAP_ID,
  holdersOfPost,
  personDecider,
  postFactsOf,
  refuse,
  unitDecider,
  unitFactsOf,
  type ActorFacts,
  type DelegateDuty,
  type DeputyFacts,
  type PersonCommand,
  type UnitCommand,
  type UnitFacts,
  type UnitState,
} from '@oa/domain-directory';
import { actorRecords, postRecords } from '../infrastructure/read-models/directory-records';

/** The fields of the directory's commands that the facts loaders fill in, never a request body (DIR-4). */
type LoadedFacts = 'actorAuthority' | 'parent' | 'homeUnit' | 'unit' | 'post' | 'deputy' | 'bootstrap';

export type UnitRequest = Requested<UnitCommand, LoadedFacts>;

/** A person command as requested: DelegateDuty names its deputy by id, the loader says who they are. */
export type PersonRequest =
  | Exclude<Requested<PersonCommand, LoadedFacts>, { readonly type: 'DelegateDuty' }>
  | Command<'DelegateDuty', Omit<DelegateDuty['data'], LoadedFacts> & { readonly deputyId: string }>;

/** 身份: one per person and unit (兼职), so its id is the pair's. */
export const identityIdOf = (personId: string, unitId: string): string => `${personId}@${unitId}`;

/**
 * The actor's authority at the command's instant (DIR-4): `authorityAt` over the actor's own
 * person stream and the units of their posts — one statement, no other person's stream (the
 * deputies an actor stands in for are not part of `ActorFacts`). Someone the directory does not
 * know (an installer's token) is inactive with nothing held, and every decider refuses them.
 */
export async function actorAuthorityOf({ dataSource, store }: FactsContext, command: { readonly metadata: Command['metadata'] }): Promise<ActorFacts> {
  const { actor, now } = command.metadata;
  const { personId, active, roles, posts } = authorityAt(await actorRecords(dataSource, store, actor.id), actor.id, now);
  return { personId, active, roles: roles.map(({ role, grantId }) => ({ role, grantId })), posts: posts.map(({ unitId, postId, postKind, identityId }) => ({ unitId, postId, postKind, identityId })) };
}

async function unitStateOf(context: FactsContext, unitId: string): Promise<UnitState> {
  return (await context.fact(unitDecider, unitId)).state;
}

async function unitFacts(context: FactsContext, unitId: string): Promise<UnitFacts | undefined> {
  return unitFactsOf(await unitStateOf(context, unitId));
}

/** The unit commands' facts: the actor, and a new unit's parent. */
export async function unitFactsLoader(request: UnitRequest, _state: UnitState, context: FactsContext): Promise<UnitCommand> {
  const actorAuthority = await actorAuthorityOf(context, request);
  if (request.type === 'RegisterUnit' && request.data.parentUnitId !== undefined) {
    const parent = await unitFacts(context, request.data.parentUnitId);
    return { ...request, data: { ...request.data, actorAuthority, ...(parent && { parent }) } };
  }
  return { ...request, data: { ...request.data, actorAuthority } } as UnitCommand;
}

/** DIR-6: the deputy as the directory knows them now. */
async function deputyFacts(context: FactsContext, deputyId: string): Promise<DeputyFacts> {
  const { state } = await context.fact(personDecider, deputyId);
  if (state.status === 'empty') throw refuse('PERSON.NOT_FOUND', 'notFound', `代理人 ${deputyId} 不存在`);
  return { personId: deputyId, name: state.name, active: state.status === 'active' };
}

/** The person commands' facts: the actor; the units, post and deputy a command names; the bootstrap for its administrators. */
export async function personFactsLoader(request: PersonRequest, _state: unknown, context: FactsContext): Promise<PersonCommand> {
  if (request.type === 'EnrolBootstrapAdministrator') {
    const { state, events } = await context.store.foldStream(directoryBootstrapDecider, DIRECTORY_BOOTSTRAP_ID);
    const bootstrap = events[0] && bootstrapFactsOf(state, events[0].eventId);
    return { ...request, data: { ...request.data, ...(bootstrap && { bootstrap }) } };
  }
  const actorAuthority = await actorAuthorityOf(context, request);
  switch (request.type) {
    case 'RegisterPerson': {
      const homeUnit = await unitFacts(context, request.data.homeUnitId);
      return { ...request, data: { ...request.data, actorAuthority, ...(homeUnit && { homeUnit }) } };
    }
    case 'AddIdentity': {
      const unit = await unitFacts(context, request.data.unitId);
      return { ...request, data: { ...request.data, actorAuthority, ...(unit && { unit }) } };
    }
    case 'AssignPost': {
      const { unitId, postId } = request.data;
      const [unitState, records] = await Promise.all([unitStateOf(context, unitId), postRecords(context.dataSource, context.store, unitId, postId)]);
      const post = postFactsOf(unitState, postId, holdersOfPost(records, unitId, postId, request.metadata.now));
      return { ...request, data: { ...request.data, actorAuthority, ...(post && { post }) } };
    }
    case 'DelegateDuty': {
      const { deputyId, ...data } = request.data;
      return { ...request, data: { ...data, actorAuthority, deputy: await deputyFacts(context, deputyId) } };
    }
    default:
      return { ...request, data: { ...request.data, actorAuthority } } as PersonCommand;
  }
}
