import type { PostCapacity, PostKind } from '../directory.vocabulary';
import type { UnitEvent } from './unit.events';

/** A post (职务) of the unit. Its holders are identities, recorded in their persons' streams. */
export interface UnitPost {
  readonly postId: string;
  readonly kind: PostKind;
  readonly title: string;
  readonly capacity: PostCapacity;
  readonly abolished: boolean;
}

export interface UnitRecord {
  readonly unitId: string;
  readonly code: string;
  readonly name: string;
  readonly parentUnitId?: string;
  readonly posts: readonly UnitPost[];
}

export type UnitState =
  | { readonly status: 'empty' }
  | (UnitRecord & { readonly status: 'active' })
  | (UnitRecord & { readonly status: 'dissolved'; readonly dissolvedAt: string });

export const initialUnitState = (): UnitState => ({ status: 'empty' });

export function evolveUnit(state: UnitState, event: UnitEvent): UnitState {
  if (event.type === 'UnitRegistered') {
    if (state.status !== 'empty') return state;
    const { unitId, code, name, parentUnitId } = event.data;
    return { status: 'active', unitId, code, name, ...(parentUnitId !== undefined && { parentUnitId }), posts: [] };
  }
  if (state.status !== 'active') return state;
  switch (event.type) {
    case 'UnitRenamed':
      return { ...state, code: event.data.code, name: event.data.name };
    case 'PostEstablished': {
      const { postId, kind, title, capacity } = event.data;
      return { ...state, posts: [...state.posts, { postId, kind, title, capacity, abolished: false }] };
    }
    case 'PostAbolished':
      return { ...state, posts: state.posts.map((post) => (post.postId === event.data.postId ? { ...post, abolished: true } : post)) };
    case 'UnitDissolved':
      return { ...state, status: 'dissolved', dissolvedAt: event.data.at };
    default:
      return state;
  }
}

/** A unit as another stream's command needs it (a person's home unit, an identity's unit). */
export interface UnitFacts {
  readonly unitId: string;
  readonly active: boolean;
}

/** Who holds a post now, from the persons' streams (`holdersOfPost`). */
export interface PostHolder {
  readonly personId: string;
  readonly identityId: string;
}

/** A post as AssignPost needs it: the unit's stream says what it is, the persons' streams who holds it. */
export interface PostFacts {
  readonly unitId: string;
  readonly postId: string;
  readonly kind: PostKind;
  readonly title: string;
  readonly capacity: PostCapacity;
  /** False when the post is abolished or its unit dissolved. */
  readonly open: boolean;
  readonly holders: readonly PostHolder[];
}

export function unitFactsOf(state: UnitState): UnitFacts | undefined {
  return state.status === 'empty' ? undefined : { unitId: state.unitId, active: state.status === 'active' };
}

export function postFactsOf(state: UnitState, postId: string, holders: readonly PostHolder[]): PostFacts | undefined {
  if (state.status === 'empty') return undefined;
  const post = state.posts.find((candidate) => candidate.postId === postId);
  if (post === undefined) return undefined;
  const { kind, title, capacity } = post;
  return { unitId: state.unitId, postId, kind, title, capacity, open: state.status === 'active' && !post.abolished, holders };
}
