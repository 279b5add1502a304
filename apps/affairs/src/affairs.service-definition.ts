import { itemNotFound, type Command } from '@oa/core';
import { streamType, type ReadModel, type ServiceDefinition } from '@oa/platform';
import { directoryReading } from '@oa/domain-directory';
import {
  dutyDayDecider,
  emergencyReportDecider,
  informationSubmissionDecider,
  instructionDecider,
  meetingDecisionDecider,
  supervisionTaskDecider,
  type InformationSubmissionCommand,
  type InformationSubmissionEvent,
  type InformationSubmissionState,
  type SubmitInformation,
  type SupervisionTaskCommand,
  type SupervisionTaskEvent,
  type SupervisionTaskState,
} from '@oa/domain-affairs';
import { supervisionTaskFacts, type RequestedSupervisionTaskCommand } from './application/supervision-task.facts';
import { AffairsEnvironment, informationPeriodOf } from './infrastructure/affairs-settings';
import { AffairsReadModel1733500000000 } from './infrastructure/migrations/affairs-read-model.migration';
import { AffairsMeetingDecisions1733600000000 } from './infrastructure/migrations/affairs-meeting-decisions.migration';
import { informationSubmissionProjection, instructionListProjection, meetingDecisionListProjection, supervisionTaskListProjection } from './infrastructure/read-models/affairs.projection';

/** 信息报送 as requested: everything but the period kind. */
type RequestedSubmitInformation = Command<'SubmitInformation', Omit<SubmitInformation['data'], 'periodKind'>>;

const supervisionTaskList: ReadModel = { name: 'supervision-tasks', tables: ['"affairs".supervision_tasks'], projections: [supervisionTaskListProjection] };
const meetingDecisionList: ReadModel = { name: 'meeting-decisions', tables: ['"affairs".meeting_decisions'], projections: [meetingDecisionListProjection] };
const instructionList: ReadModel = { name: 'instructions', tables: ['"affairs".instructions'], projections: [instructionListProjection] };
const informationList: ReadModel = { name: 'information-submissions', tables: ['"affairs".information_submissions'], projections: [informationSubmissionProjection] };

/** 督办事项 (SUP-1, SUP-2): its source and assigner are facts, from the instruction it follows up or the assigning leader. */
export const supervisionTaskStream = streamType<SupervisionTaskCommand, SupervisionTaskEvent, SupervisionTaskState, RequestedSupervisionTaskCommand>({
  decider: supervisionTaskDecider,
  readModels: [supervisionTaskList],
  facts: supervisionTaskFacts,
  notFound: (id) => itemNotFound(id),
});
/** 领导批示 (SUP-3), recorded from the documents service's IncomingDocumentInstructed (stream id = that event's id). */
export const instructionStream = streamType({ decider: instructionDecider, readModels: [instructionList], notFound: (id) => itemNotFound(id) });
/** 会议决定事项 (SUP-1), recorded from the meetings service's DecisionRecorded (stream id = that event's id). */
export const meetingDecisionStream = streamType({ decider: meetingDecisionDecider, readModels: [meetingDecisionList], notFound: (id) => itemNotFound(id) });
/** 值班日 (DUTY-1), `duty-<YYYY-MM-DD>`. */
export const dutyDayStream = streamType({ decider: dutyDayDecider, notFound: (id) => itemNotFound(id) });
/** 突发事件信息报送 (INFO-1). */
export const emergencyReportStream = streamType({ decider: emergencyReportDecider, notFound: (id) => itemNotFound(id) });
/** 信息报送 (INFO-2): the period kind it counts in is the office's configuration at the submission. */
export const informationSubmissionStream = streamType<InformationSubmissionCommand, InformationSubmissionEvent, InformationSubmissionState, RequestedSubmitInformation>({
  decider: informationSubmissionDecider,
  readModels: [informationList],
  facts: async (request, _state, { settings }) => ({ ...request, data: { ...request.data, periodKind: informationPeriodOf(settings as AffairsEnvironment) } }),
  notFound: (id) => itemNotFound(id),
});

export const affairsService: ServiceDefinition = {
  service: 'affairs',
  title: '办事服务 (affairs)',
  migrations: [AffairsReadModel1733500000000, AffairsMeetingDecisions1733600000000],
  environment: AffairsEnvironment,
  streams: [supervisionTaskStream, instructionStream, meetingDecisionStream, dutyDayStream, emergencyReportStream, informationSubmissionStream],
  // DIR-4: roles, posts and clearance are the directory's at each request
  directory: directoryReading,
};
