import { Module } from '@nestjs/common';
import { CommitteesController } from './api/committees.controller';
import { MeetingsController } from './api/meetings.controller';
import { MinutesController } from './api/minutes.controller';
import { SupervisionTasksController } from './api/supervision-tasks.controller';
import { CommitteeCommandHandler } from './application/committee.command-handler';
import { MeetingCommandHandler } from './application/meeting.command-handler';
import { MeetingQueries } from './application/meeting.queries';
import { MeetingStreams } from './application/meeting-streams';
import { MinutesCommandHandler } from './application/minutes.command-handler';
import { SupervisionOverdueSweeper } from './application/supervision-overdue.sweeper';
import { SupervisionTaskCommandHandler } from './application/supervision-task.command-handler';
import { MeetingReadStore } from './infrastructure/read-models/meeting-read-store';
import { SupervisionTaskReadStore } from './infrastructure/read-models/supervision-task-read-store';

/** The meetings service's own controllers, handlers and read models (the platform brings the rest). */
@Module({
  controllers: [CommitteesController, MeetingsController, MinutesController, SupervisionTasksController],
  providers: [
    // application
    CommitteeCommandHandler,
    MeetingCommandHandler,
    MinutesCommandHandler,
    SupervisionTaskCommandHandler,
    MeetingQueries,
    MeetingStreams,
    SupervisionOverdueSweeper,
    // infrastructure
    MeetingReadStore,
    SupervisionTaskReadStore,
  ],
})
export class MeetingsModule {}
