import { RuleViolation, clearanceAllows, isRuleViolation, isSecrecyLevel, itemNotFound, mayRead, type Actor, type ClassifiedItem } from '@oa/core';

/** The reason code a probe is recorded under. */
export const HIDDEN_ITEM_REASON = 'COMMON-3';

/** Which half of COMMON-3 hid the item: the reader's clearance is below its level, or the reader is not on its list. */
export type HidingBasis = 'clearance' | 'needToKnow';

/** What a probe records of the item: its id and stream type, never its title. */
export interface HiddenItem {
  readonly itemId: string;
  readonly streamType: string;
  readonly basis: HidingBasis;
}

/**
 * COMMON-3's 404 for an item that exists but the actor may not read. To the caller it is the
 * missing item's answer word for word (`itemNotFound(key)`, or the area's own, e.g.
 * MEETINGS.NOT_FOUND) — same code, kind, title and detail, so the problem filter answers the
 * same status and body as for an unknown id and the prober learns nothing. The access-denied
 * interceptor also records it as HiddenItemProbed (AUD-11 counts probes).
 */
export class HiddenItemNotFound extends RuleViolation {
  constructor(
    answer: RuleViolation,
    readonly hidden: HiddenItem,
  ) {
    super(answer.code, answer.kind, answer.title, answer.detail);
  }
}

/** By shape, not `instanceof`: a second copy of this module (jest, bundling) must not let a probe go unrecorded. */
export function isHiddenItemNotFound(error: unknown): error is HiddenItemNotFound {
  if (!isRuleViolation(error)) return false;
  const hidden = (error as { hidden?: Partial<HiddenItem> }).hidden;
  return typeof hidden === 'object' && hidden !== null && typeof hidden.itemId === 'string' && typeof hidden.streamType === 'string';
}

function basisOf(actor: Pick<Actor, 'clearance'>, item: ClassifiedItem): HidingBasis {
  const clearance = isSecrecyLevel(actor.clearance) ? actor.clearance : 'none';
  return clearanceAllows(clearance, item.secrecyLevel) ? 'needToKnow' : 'clearance';
}

/** Where a hidden item lives: its stream type, its id when the read named it otherwise (ARC-2 按档号), and the area's missing-item answer when it is not `itemNotFound`. */
export interface HiddenItemLocation {
  readonly streamType: string;
  readonly itemId?: string;
  readonly notFound?: (key: string) => RuleViolation;
}

/**
 * COMMON-3 for a direct read, on record: the item if the actor may read it; the missing item's
 * answer (`itemNotFound(key)` unless the location names another) when there is none; and the
 * same answer, as HiddenItemNotFound, when there is one the actor may not read — so the probe is
 * recorded (AUD-11) while the answer stays that of a missing item.
 */
export function readableOrHidden<T extends ClassifiedItem>(actor: Pick<Actor, 'id' | 'clearance'>, key: string, item: T | undefined, location: HiddenItemLocation): T {
  const notFound = location.notFound ?? itemNotFound;
  if (!item) throw notFound(key);
  if (!mayRead(actor, item)) throw new HiddenItemNotFound(notFound(key), { itemId: location.itemId ?? key, streamType: location.streamType, basis: basisOf(actor, item) });
  return item;
}
