import { Module } from '@nestjs/common';
import { DutyAndInformationController } from './api/duty-days.controller';
import { InstructionsController } from './api/instructions.controller';
import { MeetingDecisionsController } from './api/meeting-decisions.controller';
import { SupervisionTasksController } from './api/supervision-tasks.controller';
import { InformationBelowQuotaQueryHandler, InstructionListQueryHandler, MeetingDecisionListQueryHandler, SupervisionTaskListQueryHandler } from './application/affairs.query-handlers';
import { EscalationSweeper } from './application/escalation.sweeper';
import { DutyLogExportQueryHandler, SupervisionReportQueryHandler } from './application/affairs-exports.query-handlers';
import { OnInstructionReaction } from './infrastructure/consumers/on-instruction.reaction';
import { OnMeetingDecisionReaction } from './infrastructure/consumers/on-meeting-decision.reaction';

/** The affairs service's own controllers, queries, job and reaction (the platform brings the command path and the rest). */
@Module({
  controllers: [SupervisionTasksController, InstructionsController, MeetingDecisionsController, DutyAndInformationController],
  providers: [
    // application
    SupervisionTaskListQueryHandler,
    InstructionListQueryHandler,
    MeetingDecisionListQueryHandler,
    InformationBelowQuotaQueryHandler,
    SupervisionReportQueryHandler,
    DutyLogExportQueryHandler,
    EscalationSweeper,
    // infrastructure
    OnInstructionReaction,
    OnMeetingDecisionReaction,
  ],
})
export class AffairsModule {}
