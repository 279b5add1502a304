import type { Actor } from './decider';
import { RuleViolation } from './rule-violation';

/** 密级, ordered: 非密 < 内部 (a handling marking) < 秘密 < 机密 < 绝密 (DOMAIN.md). */
export const SECRECY_LEVELS = ['none', 'internal', 'mimi', 'jimi', 'juemi'] as const;
export type SecrecyLevel = (typeof SECRECY_LEVELS)[number];

/** 涉密: `mimi` (秘密) and above. COMMON-4, FILE-2 and DOC-6 apply from here. */
export function isClassified(level: SecrecyLevel): boolean {
  return SECRECY_LEVELS.indexOf(level) >= SECRECY_LEVELS.indexOf('mimi');
}

export function isSecrecyLevel(value: unknown): value is SecrecyLevel {
  return typeof value === 'string' && (SECRECY_LEVELS as readonly string[]).includes(value);
}

/** COMMON-3: a clearance admits every level up to its own. */
export function clearanceAllows(clearance: SecrecyLevel, level: SecrecyLevel): boolean {
  return SECRECY_LEVELS.indexOf(clearance) >= SECRECY_LEVELS.indexOf(level);
}

/** An item with a secrecy level and the people who need to know it. */
export interface ClassifiedItem {
  readonly secrecyLevel: SecrecyLevel;
  /**
   * User ids on the item's distribution, handling or circulation list. Callers expand an
   * organ or unit on a distribution list into its designated readers first: a whole unit
   * is not a need to know.
   */
  readonly needToKnow: readonly string[];
}

/**
 * COMMON-3: whether the actor may read the item. Unclassified items (`none`) are open to
 * every authenticated user; `internal` is a handling marking, so it needs the clearance but
 * no list; from `mimi` up (涉密) the actor needs the clearance and a place on the list.
 * An actor without a known clearance is treated as `none`: a missing claim never opens more.
 */
export function mayRead(actor: Pick<Actor, 'id' | 'clearance'>, item: ClassifiedItem): boolean {
  const clearance = isSecrecyLevel(actor.clearance) ? actor.clearance : 'none';
  if (!clearanceAllows(clearance, item.secrecyLevel)) return false;
  if (SECRECY_LEVELS.indexOf(item.secrecyLevel) < SECRECY_LEVELS.indexOf('mimi')) return true;
  return item.needToKnow.includes(actor.id);
}

/** COMMON-3 in lists: items the actor may not read are left out entirely, titles included. */
export function readableBy<T extends ClassifiedItem>(actor: Pick<Actor, 'id' | 'clearance'>, items: readonly T[]): T[] {
  return items.filter((item) => mayRead(actor, item));
}

/**
 * The answer for an item that does not exist. COMMON-3 gives the same answer, word for word,
 * for one the actor may not read: a 403 would confirm that a classified item is there.
 */
export function itemNotFound(id: string): RuleViolation {
  return new RuleViolation('COMMON.NOT_FOUND', 'notFound', '未找到', `对象 ${id} 不存在`);
}

/** COMMON-3 for a direct read: the item, or the same 404 as for a missing one. */
export function readableOrNotFound<T extends ClassifiedItem>(actor: Pick<Actor, 'id' | 'clearance'>, id: string, item: T | undefined): T {
  if (!item || !mayRead(actor, item)) throw itemNotFound(id);
  return item;
}
