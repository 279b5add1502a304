import { Module } from '@nestjs/common';
import { FilingCopiesController } from './api/filing-copies.controller';
import { MeetingMaterials } from './application/meeting-materials';
import { MinutesFilingCopies } from './application/minutes-filing-copies';
import { CommitteesController } from './api/committees.controller';
import { MeetingsController } from './api/meetings.controller';
import { MinutesController } from './api/minutes.controller';
import { SupervisionTasksController } from './api/supervision-tasks.controller';
import { MeetingHistoryQueryHandler, MeetingListQueryHandler, MeetingStateQueryHandler, MinutesHistoryQueryHandler, MinutesViewQueryHandler, SupervisionTaskListQueryHandler } from './application/meeting.query-handlers';
import { SupervisionOverdueSweeper } from './application/supervision-overdue.sweeper';
import { MeetingReadStore } from './infrastructure/read-models/meeting-read-store';
import { SupervisionTaskReadStore } from './infrastructure/read-models/supervision-task-read-store';
import { meetingTextsProvider } from './infrastructure/texts/meeting-text.store';

/** The meetings service's own controllers, queries and read models (the platform brings the command path and the rest). */
@Module({
  controllers: [CommitteesController, MeetingsController, MinutesController, SupervisionTasksController, FilingCopiesController],
  providers: [
    // application
    MeetingMaterials,
    MinutesFilingCopies,
    MeetingListQueryHandler,
    MeetingStateQueryHandler,
    MeetingHistoryQueryHandler,
    SupervisionTaskListQueryHandler,
    MinutesViewQueryHandler,
    MinutesHistoryQueryHandler,
    SupervisionOverdueSweeper,
    // infrastructure
    MeetingReadStore,
    SupervisionTaskReadStore,
    meetingTextsProvider,
  ],
})
export class MeetingsModule {}
