import type { Command } from '@oa/core';
import type { ActorFacts } from '../directory.actor';
import type { PostCapacity, PostKind } from '../directory.vocabulary';
import type { UnitFacts } from './unit.state';

/** DIR-1: every unit command is the sysAdmin's, with a reason; `actorAuthority` is the actor's directory entry now. */
type UnitCommandOf<Type extends string, Data extends object> = Command<
  Type,
  Data & { readonly unitId: string; readonly reason: string; readonly actorAuthority: ActorFacts }
>;

/** 机构登记: code (机构代码), name, and the parent unit (none for the organ itself). */
export type RegisterUnit = UnitCommandOf<
  'RegisterUnit',
  { readonly code: string; readonly name: string; readonly parentUnitId?: string; readonly parent?: UnitFacts }
>;

/** 更名 / 改代码 */
export type RenameUnit = UnitCommandOf<'RenameUnit', { readonly code: string; readonly name: string }>;

/** 设置职务: 书记, 主要负责人, 分管领导, 办公室主任 … with how many may hold it at once. */
export type EstablishPost = UnitCommandOf<
  'EstablishPost',
  { readonly postId: string; readonly kind: PostKind; readonly title: string; readonly capacity: PostCapacity }
>;

/** 撤销职务: its holders hold it no more (authorityAt ends their holding). */
export type AbolishPost = UnitCommandOf<'AbolishPost', { readonly postId: string }>;

/** 撤销机构: its posts end with it. */
export type DissolveUnit = UnitCommandOf<'DissolveUnit', object>;

export type UnitCommand = RegisterUnit | RenameUnit | EstablishPost | AbolishPost | DissolveUnit;
