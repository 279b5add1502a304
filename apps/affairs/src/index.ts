// What end-to-end tests and tools start or run: the service's definition, its module and its job.
export { AffairsModule } from './affairs.module';
export { affairsService, supervisionTaskStream, instructionStream, dutyDayStream, emergencyReportStream, informationSubmissionStream } from './affairs.service-definition';
export { EscalationSweeper } from './application/escalation.sweeper';
