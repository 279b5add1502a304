export * from './affairs.rules';
export * from './affairs.config';

export * from './supervision-task/supervision-task.commands';
export * from './supervision-task/supervision-task.events';
export * from './supervision-task/supervision-task.state';
export * from './supervision-task/supervision-task.decide';
export * from './instruction/instruction';
export * from './duty-day/duty-day';
export * from './emergency-report/emergency-report';
export * from './information/information-submission';
export * from './meeting-decision/meeting-decision';
