import { CHINA_STANDARD_TIME_OFFSET_MINUTES, addWorkingDays, endOfLocalDate, localDateOf, type WorkingCalendar } from '@oa/core';
import { chairSpokeBeforeOthersOnMajorMatter } from '../meetings.detectors';
import { instantMillis } from '../meetings.validation';
import type { MinutesContent } from './minutes.commands';
import type { MinutesEvent } from './minutes.events';
import { minutesEventTime } from './minutes.events';
import type { MinutesState } from './minutes.state';
import { evolveMinutes, initialMinutesState } from './minutes.state';

/** The minutes as they stood at an instant (`GET …?asOf=`): events that took effect later are left out. */
export function minutesAsOf(events: readonly MinutesEvent[], instant: string): MinutesState {
  const cutoff = instantMillis(instant);
  return events.filter((event) => instantMillis(minutesEventTime(event)) <= cutoff).reduce(evolveMinutes, initialMinutesState());
}

/** The text readable at an instant: the draft before finalization, afterwards the version then in force. */
export function minutesContentAsOf(events: readonly MinutesEvent[], instant: string): { readonly version?: number; readonly content: MinutesContent } | undefined {
  const state = minutesAsOf(events, instant);
  if (state.status === 'drafted') return { content: state.draft };
  if (state.status === 'finalized') {
    const current = state.versions[state.versions.length - 1];
    return current && { version: current.version, content: current.content };
  }
  return undefined;
}

export const DEFAULT_MINUTES_DEADLINE_WORKING_DAYS = 3;

/**
 * MTG-6 the instant from which minutes are late: the end of the N-th working day after the
 * meeting's (local) day. Working days skip Saturday and Sunday, and the holidays given.
 */
export function minutesDeadline(scheduledEnd: string, workingDays = DEFAULT_MINUTES_DEADLINE_WORKING_DAYS, calendar: WorkingCalendar = {}): string {
  const offset = calendar.utcOffsetMinutes ?? CHINA_STANDARD_TIME_OFFSET_MINUTES;
  const lastDay = addWorkingDays(localDateOf(scheduledEnd, offset), workingDays, calendar);
  return endOfLocalDate(lastDay, offset);
}

/** MTG-6 / AUD-6 minutes not finalized within N working days (3 by default) of the meeting. */
export function isFinalizedLate(
  scheduledEnd: string,
  finalizedAt: string,
  workingDays = DEFAULT_MINUTES_DEADLINE_WORKING_DAYS,
  calendar: WorkingCalendar = {},
): boolean {
  return instantMillis(finalizedAt) >= instantMillis(minutesDeadline(scheduledEnd, workingDays, calendar));
}

/** MTG-9 over minutes: the major-matter items on which the chair spoke before other members. */
export function minutesItemsWhereChairSpokeBeforeOthers(content: MinutesContent): string[] {
  const memberIds = [...content.present.map((member) => member.memberId), ...content.absent.map((member) => member.memberId)];
  return content.items
    .filter((item) =>
      chairSpokeBeforeOthersOnMajorMatter({
        chairId: content.chair.personId,
        majorMatter: item.majorMatter,
        speakerIds: item.views.map((view) => view.speakerId),
        memberIds,
      }),
    )
    .map((item) => item.itemId);
}
