import type { ExistingMeeting, Member, MinutesContent, MinutesItem } from '@oa/domain-meetings';

/**
 * The minutes as the proceedings were recorded on the meeting stream (MTG-6): attendance,
 * and for every item decided or deferred its recusals, the views in speaking order, the
 * vote and the decision. The recorder may still revise the draft before signing.
 */
export function minutesContentOf(meeting: ExistingMeeting, names: { readonly chair?: string; readonly recorder?: string }): MinutesContent {
  const member = (memberId: string): Member => ({ memberId, name: meeting.expectedMembers.find((one) => one.memberId === memberId)?.name ?? memberId });
  const attendance = meeting.attendance ?? { present: [], absent: [], nonVotingAttendees: [] };
  const startedAt = meeting.status === 'inProgress' || meeting.status === 'closed' ? meeting.openedAt : meeting.startsAt;
  const endedAt = meeting.status === 'closed' ? meeting.closedAt : meeting.endsAt;
  const left = attendance.left ?? [];
  const items = meeting.items
    .filter((item) => item.decision !== undefined)
    .sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER))
    .map((item): MinutesItem => ({
      itemId: item.itemId,
      title: item.title,
      ...(item.majorMatter !== undefined && { majorMatter: item.majorMatter }),
      cadreAppointment: item.cadreAppointment,
      recusals: item.recusals.map(({ memberId, reason }) => ({ memberId, reason })),
      views: [...item.speeches].sort((a, b) => a.sequence - b.sequence).map(({ speakerId, view }) => ({ speakerId, view })),
      ...(item.writtenOpinions.length > 0 && { writtenOpinions: item.writtenOpinions.map(({ memberId, opinion }) => ({ memberId, opinion })) }),
      ...(item.vote !== undefined && {
        vote: { method: item.vote.method, counts: item.vote.counts, ...(item.vote.ballots !== undefined && { ballots: item.vote.ballots }) },
      }),
      outcome: item.decision?.outcome ?? 'deferred',
      decision: item.decision?.text ?? '',
      ...leftBeforeOf(left, item.decision?.decidedAt),
    }));
  return {
    startedAt,
    endedAt,
    place: meeting.place,
    chair: { personId: meeting.chairId, name: names.chair ?? member(meeting.chairId).name },
    recorder: { personId: meeting.recorderId, name: names.recorder ?? meeting.recorderId },
    present: attendance.present.map(member),
    absent: attendance.absent.map(({ memberId, reason }) => ({ ...member(memberId), reason })),
    ...(left.length > 0 && { left: left.map(({ memberId, reason }) => ({ ...member(memberId), reason })) }),
    nonVotingAttendees: attendance.nonVotingAttendees.map((person) => ({ ...person })),
    items,
  };
}

/** MTG-2 the members who had left before the item was decided (no view is asked of them in the minutes). */
function leftBeforeOf(left: readonly { readonly memberId: string; readonly leftAt: string }[], decidedAt: string | undefined): { leftBefore?: string[] } {
  if (decidedAt === undefined) return {};
  const ids = left.filter((member) => Date.parse(member.leftAt) <= Date.parse(decidedAt)).map((member) => member.memberId);
  return ids.length > 0 ? { leftBefore: ids } : {};
}
