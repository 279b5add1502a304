import type { Command } from '@oa/core';
import type { FactsContext } from '@oa/platform';
import type { DraftMinutes, MinutesCommand, MinutesContent, SecrecyLevel } from '@oa/domain-meetings';
import { existingMeeting } from './meeting.facts';
import { minutesContentOf } from './minutes-content';

/** 起草会议记录 as requested: title, secrecy level and text default to the meeting's record; the chair's name is for the generated text. */
export type RequestedDraftMinutes = Command<
  'DraftMinutes',
  {
    readonly meetingId: string;
    readonly title?: string;
    readonly secrecyLevel?: SecrecyLevel;
    readonly chairName?: string;
    readonly content?: MinutesContent;
  }
>;

export type RequestedMinutesCommand = Exclude<MinutesCommand, DraftMinutes> | RequestedDraftMinutes;

/**
 * The facts of a 会议记录 command (MTG-6): a draft takes the chair, the recorder and the
 * scheduled end from the meeting stream, and without a text of its own the proceedings recorded there.
 */
export async function minutesFacts(request: RequestedMinutesCommand, _state: unknown, context: FactsContext): Promise<MinutesCommand> {
  if (request.type !== 'DraftMinutes') return request;
  const { meetingId, title, secrecyLevel, chairName, content } = request.data;
  const meeting = await existingMeeting(context, meetingId);
  const { actor } = request.metadata;
  const names = { ...(chairName !== undefined && { chair: chairName }), ...(actor.id === meeting.recorderId && { recorder: actor.name }) };
  return {
    ...request,
    data: {
      meetingId,
      title: title ?? `${meeting.title}会议记录`,
      chairId: meeting.chairId,
      recorderId: meeting.recorderId,
      scheduledEnd: meeting.endsAt,
      secrecyLevel: secrecyLevel ?? 'none',
      content: content ?? minutesContentOf(meeting, names),
    },
  };
}
