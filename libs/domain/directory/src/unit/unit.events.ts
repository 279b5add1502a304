import type { DirectoryEventOf } from '../directory.events';
import type { PostCapacity, PostKind } from '../directory.vocabulary';

type UnitEventOf<Type extends string, Data extends object> = DirectoryEventOf<Type, Data & { readonly unitId: string; readonly reason: string }>;

export type UnitRegistered = UnitEventOf<'UnitRegistered', { readonly code: string; readonly name: string; readonly parentUnitId?: string }>;
export type UnitRenamed = UnitEventOf<'UnitRenamed', { readonly code: string; readonly name: string }>;
export type PostEstablished = UnitEventOf<
  'PostEstablished',
  { readonly postId: string; readonly kind: PostKind; readonly title: string; readonly capacity: PostCapacity }
>;
export type PostAbolished = UnitEventOf<'PostAbolished', { readonly postId: string }>;
export type UnitDissolved = UnitEventOf<'UnitDissolved', object>;

export type UnitEvent = UnitRegistered | UnitRenamed | PostEstablished | PostAbolished | UnitDissolved;

export type UnitEventType = UnitEvent['type'];

export const unitEventTypes: readonly UnitEventType[] = ['UnitRegistered', 'UnitRenamed', 'PostEstablished', 'PostAbolished', 'UnitDissolved'];
