import type { Command } from '@oa/core';
import type { FactsContext } from '@oa/platform';
import { isClassified, meetingSecrecyLevel, type DraftMinutes, type MinutesCommand, type MinutesContent, type MinutesState, type SecrecyLevel } from '@oa/domain-meetings';
import { MeetingTexts, unsealed, type TextSealing } from '../infrastructure/texts/meeting-text.store';
import { existingMeeting } from './meeting.facts';
import { minutesContentOf } from './minutes-content';

/** 起草会议记录 as requested: title, secrecy level (the meeting's in force, MTG-10) and text default to the meeting's record; the chair's name is for the generated text. */
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
 * MTG-10: the minutes are at least at the meeting's level in force (the default level); from
 * 秘密 up the title and each view, opinion and decision are kept beside the stream, in the
 * append's transaction (a refused draft keeps nothing), and the command carries their digests (COMMON-4).
 */
export async function minutesFacts(request: RequestedMinutesCommand, state: MinutesState, context: FactsContext): Promise<MinutesCommand> {
  const texts = MeetingTexts.forCommand(context);
  if (request.type === 'ReviseMinutesDraft' || request.type === 'ProposeMinutesAmendment') {
    if (state.status === 'empty' || !isClassified(state.secrecyLevel)) return request;
    return { ...request, data: { ...request.data, content: sealedContent(texts, state.meetingId, request.data.content) } } as MinutesCommand;
  }
  if (request.type === 'SignMinutes') {
    // FILE-4 the archives keep classified minutes with their texts in clear: the finalizing signature records that copy's digest
    if (state.status !== 'drafted' || !isClassified(state.secrecyLevel)) return request;
    return { ...request, data: { clearDraft: unsealed(state.draft, await texts.open(state.meetingId)) } };
  }
  if (request.type !== 'DraftMinutes') return request;
  const { meetingId, title, secrecyLevel, chairName, content } = request.data;
  const meeting = await existingMeeting(context, meetingId);
  const { actor } = request.metadata;
  const names = { ...(chairName !== undefined && { chair: chairName }), ...(actor.id === meeting.recorderId && { recorder: actor.name }) };
  const meetingLevel = meetingSecrecyLevel(meeting);
  const level = secrecyLevel ?? meetingLevel;
  const classified = isClassified(level);
  // the meeting's title as kept (a classified meeting's stream holds its digest)
  const meetingTitle = (await texts.open(meetingId)).get(meeting.title) ?? meeting.title;
  const draftTitle = title ?? `${meetingTitle}会议记录`;
  const draftContent = content ?? minutesContentOf(meeting, names);
  return {
    ...request,
    data: {
      meetingId,
      title: classified ? texts.seal(meetingId, draftTitle) : draftTitle,
      chairId: meeting.chairId,
      recorderId: meeting.recorderId,
      scheduledEnd: meeting.endsAt,
      secrecyLevel: level,
      meetingSecrecyLevel: meetingLevel,
      content: classified ? sealedContent(texts, meetingId, draftContent) : draftContent,
    },
  };
}

/** The minutes with each view, opinion and decision kept beside the stream (with the command's events) and replaced by its digest. */
function sealedContent(texts: TextSealing, meetingId: string, content: MinutesContent): MinutesContent {
  const seal = (text: string) => texts.seal(meetingId, text);
  return {
    ...content,
    items: content.items.map((item) => ({
      ...item,
      views: item.views.map((view) => ({ ...view, view: seal(view.view) })),
      ...(item.writtenOpinions !== undefined && { writtenOpinions: item.writtenOpinions.map((opinion) => ({ ...opinion, opinion: seal(opinion.opinion) })) }),
      decision: seal(item.decision),
    })),
  };
}
