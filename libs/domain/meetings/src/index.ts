export * from './meetings.types';
export * from './meetings.rules';
export * from './meetings.detectors';
export { isContentHash, isIsoInstant } from './meetings.validation';
export * from './upcasters';

export * from './committee/committee.commands';
export * from './committee/committee.events';
export * from './committee/committee.state';
export * from './committee/committee.decide';

export * from './meeting/meeting.commands';
export * from './meeting/meeting.events';
export * from './meeting/meeting.state';
export * from './meeting/meeting.decide';

export * from './minutes/minutes.commands';
export * from './minutes/minutes.events';
export * from './minutes/minutes.state';
export * from './minutes/minutes.decide';
export * from './minutes/minutes.queries';

export * from './supervision-task/supervision-task.commands';
export * from './supervision-task/supervision-task.events';
export * from './supervision-task/supervision-task.state';
export * from './supervision-task/supervision-task.decide';
