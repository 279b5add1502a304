import { actors, commandOf } from '../meetings.fixtures';
import type { MinutesCommand, MinutesContent, MinutesItem } from './minutes.commands';
import type { MinutesEvent } from './minutes.events';

export const MEETING_ID = 'mtg-2024-07-05';
export const TITLE = '2024年第8次党委会会议记录';
/** A Friday: three working days later is Wednesday 10 July. */
export const SCHEDULED_END = '2024-07-05T12:00:00.000+08:00';
export const minutesCommand = commandOf<MinutesCommand>();

export const projectItem: MinutesItem = {
  itemId: 'item-project',
  title: '关于新建档案馆项目的议题',
  majorMatter: 'majorProject',
  recusals: [],
  views: [
    { speakerId: 'p7', view: '汇报项目可行性研究情况' },
    { speakerId: 'm2', view: '同意，建议分期建设' },
    { speakerId: 'm3', view: '同意' },
    { speakerId: 'm1', view: '综合大家意见，同意立项' },
  ],
  vote: { method: 'namedBallot', counts: { for: 3, against: 0, abstain: 0 }, ballots: [
    { memberId: 'm1', choice: 'for' },
    { memberId: 'm2', choice: 'for' },
    { memberId: 'm3', choice: 'for' },
  ] },
  outcome: 'adopted',
  decision: '同意新建档案馆项目立项，由办公室牵头落实',
};

/** Three members of a four-member committee present, one on leave; the chair speaks last. */
export function minutesContent(overrides: Partial<MinutesContent> = {}): MinutesContent {
  return {
    startedAt: '2024-07-05T09:00:00.000+08:00',
    endedAt: '2024-07-05T11:40:00.000+08:00',
    place: '第一会议室',
    chair: { personId: actors.chair.id, name: actors.chair.name },
    recorder: { personId: actors.recorder.id, name: actors.recorder.name },
    present: [
      { memberId: 'm1', name: '王书记' },
      { memberId: 'm2', name: '李副书记' },
      { memberId: 'm3', name: '张委员' },
    ],
    absent: [{ memberId: 'm4', name: '刘委员', reason: '因公出差' }],
    nonVotingAttendees: [{ personId: 'p7', name: '钱科长', unit: '财务科' }],
    items: [projectItem],
    ...overrides,
  };
}

export const DRAFTED_AT = '2024-07-05T15:00:00.000+08:00';

export const minutesDrafted = (content: MinutesContent = minutesContent()): MinutesEvent => ({
  type: 'MinutesDrafted',
  schemaVersion: 1,
  data: {
    meetingId: MEETING_ID,
    title: TITLE,
    chairId: actors.chair.id,
    recorderId: actors.recorder.id,
    scheduledEnd: SCHEDULED_END,
    secrecyLevel: 'internal',
    content,
    draftedBy: actors.recorder.id,
    draftedAt: DRAFTED_AT,
  },
});

export const minutesSigned = (role: 'recorder' | 'chair', signedAt: string): MinutesEvent => ({
  type: 'MinutesSigned',
  schemaVersion: 1,
  data: { meetingId: MEETING_ID, signedBy: role === 'recorder' ? actors.recorder.id : actors.chair.id, role, signedAt },
});

export const minutesFinalized = (finalizedAt: string, contentDigest: string): MinutesEvent => ({
  type: 'MinutesFinalized',
  schemaVersion: 1,
  data: {
    meetingId: MEETING_ID,
    title: TITLE,
    finalizedAt,
    version: 1,
    chairId: actors.chair.id,
    recorderId: actors.recorder.id,
    scheduledEnd: SCHEDULED_END,
    secrecyLevel: 'internal',
    contentDigest,
  },
});
