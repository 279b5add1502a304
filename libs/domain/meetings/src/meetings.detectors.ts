import type { MajorMatterCategory } from './meetings.types';

export interface SpeakingOrder {
  readonly chairId: string;
  /** Set when the item is a major matter (三重一大); otherwise MTG-9 does not apply. */
  readonly majorMatter?: MajorMatterCategory | undefined;
  /** The speakers on one item, in speaking order; a speaker may appear more than once. */
  readonly speakerIds: readonly string[];
  /**
   * When given, only these speakers' positions count (the members); a non-voting attendee
   * answering a question after the chair is no finding.
   */
  readonly memberIds?: readonly string[];
}

/**
 * MTG-9 末位表态: on a major matter the chair states a position last. True when the chair
 * spoke and another member spoke after the chair — a finding (AUD-13), never a refusal.
 * Used by the audit service on the meeting and minutes streams.
 */
export function chairSpokeBeforeOthersOnMajorMatter(order: SpeakingOrder): boolean {
  if (order.majorMatter === undefined) return false;
  const members = order.memberIds ? new Set(order.memberIds) : undefined;
  const counted = order.speakerIds.filter((id) => id === order.chairId || members === undefined || members.has(id));
  const firstChairSpeech = counted.indexOf(order.chairId);
  if (firstChairSpeech < 0) return false;
  return counted.slice(firstChairSpeech + 1).some((id) => id !== order.chairId);
}
