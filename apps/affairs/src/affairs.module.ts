import { Module } from '@nestjs/common';
import { DutyAndInformationController } from './api/duty-days.controller';
import { InstructionsController } from './api/instructions.controller';
import { SupervisionTasksController } from './api/supervision-tasks.controller';
import { InformationBelowQuotaQueryHandler, InstructionListQueryHandler, SupervisionTaskListQueryHandler } from './application/affairs.query-handlers';
import { EscalationSweeper } from './application/escalation.sweeper';
import { DutyLogExportQueryHandler, SupervisionReportQueryHandler } from './application/affairs-exports.query-handlers';
import { OnInstructionReaction } from './infrastructure/consumers/on-instruction.reaction';

/** The affairs service's own controllers, queries, job and reaction (the platform brings the command path and the rest). */
@Module({
  controllers: [SupervisionTasksController, InstructionsController, DutyAndInformationController],
  providers: [
    // application
    SupervisionTaskListQueryHandler,
    InstructionListQueryHandler,
    InformationBelowQuotaQueryHandler,
    SupervisionReportQueryHandler,
    DutyLogExportQueryHandler,
    EscalationSweeper,
    // infrastructure
    OnInstructionReaction,
  ],
})
export class AffairsModule {}
