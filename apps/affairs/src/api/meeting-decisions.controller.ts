import { Body, Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Call, CommandRoute, DirectoryAuthorities, IdPipe, Roles, StateRoute, StreamStateQuery, commandOn, mintId, type CommandCall } from '@oa/platform';
import { MeetingDecisionListQuery } from '../application/affairs.query-handlers';
import { meetingDecisionStream, supervisionTaskStream } from '../affairs.service-definition';
import { AFFAIRS_READERS, SUPERVISION_CLERKS } from './access';
import { DecisionListQuery, TaskTermsRequest } from './dto/affairs.request';
import { termsOnFile } from './people-on-file';

/** 会议决定事项 (SUP-1, MTG-7): the meetings' decisions, recorded from their topic, each followed up by tasks here. */
@ApiTags('督办 (supervision)')
@Controller('supervision/decisions')
export class MeetingDecisionsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(DirectoryAuthorities) private readonly directory: DirectoryAuthorities,
  ) {}

  @Get()
  @Roles(...AFFAIRS_READERS)
  @ApiOperation({ summary: '会议通过的决定事项及其督办事项数（可按会议筛选）' })
  list(@Query() query: DecisionListQuery) {
    return this.queries.execute(new MeetingDecisionListQuery(query.meetingId));
  }

  @StateRoute(':id', { summary: '会议决定事项', roles: AFFAIRS_READERS })
  get(@Param('id', IdPipe) id: string) {
    return this.queries.execute(new StreamStateQuery(meetingDecisionStream, id));
  }

  /** SUP-1: the task takes its source and assigner (the meeting's chair) from the recorded decision; a decision may have several. */
  @CommandRoute(':id/tasks', { summary: '会议决定立项督办（SUP-1、MTG-7；交办人为会议主持人）', roles: SUPERVISION_CLERKS, creates: true })
  assign(@Param('id', IdPipe) decisionId: string, @Body() body: TaskTermsRequest, @Call() call: CommandCall) {
    const taskId = mintId(call, 'AssignDecisionSupervisionTask');
    return this.commands.execute(commandOn(supervisionTaskStream, taskId, 'CreateSupervisionTask', { taskId, decisionId, ...termsOnFile(this.directory, body, call.metadata.now) }, call, { created: true }));
  }
}
