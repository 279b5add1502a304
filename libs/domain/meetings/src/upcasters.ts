import type { Upcaster } from '@oa/core';
import type { MeetingScheduled } from './meeting/meeting.events';
import { DEFAULT_MEETING_SECRECY_LEVEL } from './meetings.types';

/**
 * The meetings events whose shape changed, lifted to the current one on every read. MTG-10:
 * a meeting scheduled at version 1 carried no secrecy level, so it reads as 内部 (the default).
 */
export const meetingsUpcasters: readonly Upcaster[] = [
  {
    type: 'MeetingScheduled',
    fromVersion: 1,
    upcast: (data: Omit<MeetingScheduled['data'], 'secrecyLevel'>): MeetingScheduled['data'] => ({ ...data, secrecyLevel: DEFAULT_MEETING_SECRECY_LEVEL }),
  },
];
