import { streamType, type ReadModel, type Requested, type ServiceDefinition } from '@oa/platform';
import { directoryReading } from '@oa/domain-directory';
import {
  committeeDecider,
  meetingDecider,
  meetingsUpcasters,
  minutesDecider,
  refuse,
  supervisionTaskDecider,
  type MeetingCommand,
  type MeetingEvent,
  type MeetingState,
  type MinutesCommand,
  type MinutesEvent,
  type MinutesState,
  type SupervisionTaskCommand,
  type SupervisionTaskEvent,
  type SupervisionTaskState,
} from '@oa/domain-meetings';
import { MeetingsReadModel1732600000000 } from './infrastructure/migrations/meetings-read-model.migration';
import { MeetingTexts1733200000000 } from './infrastructure/migrations/meeting-texts.migration';
import { MeetingsEnvironment } from './infrastructure/texts/meeting-text.store';
import { MeetingReadModel } from './infrastructure/read-models/meeting.entity';
import { SupervisionTaskReadModel } from './infrastructure/read-models/supervision-task.entity';
import { meetingListProjection } from './infrastructure/read-models/meeting.projection';
import { supervisionTaskListProjection } from './infrastructure/read-models/supervision-task.projection';
import { meetingFacts } from './application/meeting.facts';
import { minutesFacts, type RequestedMinutesCommand } from './application/minutes.facts';

const meetingsList: ReadModel = { name: 'meetings', tables: ['"meetings".meetings'], projections: [meetingListProjection] };
const supervisionTaskList: ReadModel = { name: 'supervision-tasks', tables: ['"meetings".supervision_tasks'], projections: [supervisionTaskListProjection] };

/** MEETINGS.NOT_FOUND for a read of `what` whose stream has no events (or none up to `asOf`). */
export const notFound = (what: string) => (id: string, asOf?: string) =>
  refuse('MEETINGS.NOT_FOUND', 'notFound', asOf !== undefined ? `${what} ${id} 在 ${asOf} 时尚不存在` : `${what} ${id} 不存在`);

// Only the creating command of each stream type carries its id, so none declares an idField.

/** 委员会 and its membership over time: each change is an event with its effective date. */
export const committeeStream = streamType({ decider: committeeDecider, notFound: notFound('委员会') });

/** 会议: the committee's members on the meeting day are its facts (MTG-3, MTG-5). */
export const meetingStream = streamType<MeetingCommand, MeetingEvent, MeetingState, Requested<MeetingCommand, 'expectedMembers'>>({
  decider: meetingDecider,
  readModels: [meetingsList],
  facts: meetingFacts,
  notFound: notFound('会议'),
});

/** 会议记录 (MTG-6): the meeting's chair, recorder, scheduled end and proceedings are a draft's facts. */
export const minutesStream = streamType<MinutesCommand, MinutesEvent, MinutesState, RequestedMinutesCommand>({ decider: minutesDecider, facts: minutesFacts });

/**
 * The minutes of a meeting are their own stream; the store keys versions by stream id alone,
 * so the minutes stream id is derived from the meeting's id (its events carry `meetingId`).
 */
export const minutesStreamId = (meetingId: string): string => `minutes-${meetingId}`;

/** 督办 (MTG-7) created here before ADR 0018: followed up until closed; new ones start in the affairs service. */
export const supervisionTaskStream = streamType<SupervisionTaskCommand, SupervisionTaskEvent, SupervisionTaskState>({
  decider: supervisionTaskDecider,
  readModels: [supervisionTaskList],
  notFound: notFound('督办事项'),
});

/** Needs MEETING_CONTENT_KEY (64 hex digits, the key of classified meeting texts, MTG-10) besides the platform's variables, checked at start: see README.md. */
export const meetingsService: ServiceDefinition = {
  service: 'meetings',
  title: '会议服务 (meetings)',
  entities: [MeetingReadModel, SupervisionTaskReadModel],
  migrations: [MeetingsReadModel1732600000000, MeetingTexts1733200000000],
  streams: [committeeStream, meetingStream, minutesStream, supervisionTaskStream],
  // DIR-4: roles, posts and clearance are the directory's at each request
  directory: directoryReading,
  environment: MeetingsEnvironment,
  upcasters: meetingsUpcasters,
  // MTG-1 / FILE-1 materials as files, classified ones under the meetings key (MTG-10)
  files: { key: (settings) => Buffer.from((settings as MeetingsEnvironment).MEETING_CONTENT_KEY, 'hex') },
};
