import { Body, Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Call, CommandRoute, Roles, StateRoute, StreamHistoryQuery, StreamStateQuery, commandOn, type CommandCall, IdPipe } from '@oa/platform';
import { SupervisionTaskListQuery } from '../application/meeting.query-handlers';
import { supervisionTaskStream } from '../meetings.service-definition';
import { PROGRESS_REPORTERS, SUPERVISION_READERS, SUPERVISORS } from './access';
import { AsOfQuery } from './dto/common.request';
import { CloseSupervisionTaskRequest, ListSupervisionTasksQuery, ReportSupervisionProgressRequest } from './dto/supervision-task.request';

/**
 * 督办 (MTG-7) the meetings service created before ADR 0018: followed up here until closed (progress,
 * closure with evidence, overdue) and readable; a decision's new tasks start in the affairs service.
 */
@ApiTags('督办 (supervision-tasks)')
@Controller('supervision-tasks')
export class SupervisionTasksController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @CommandRoute(':id/progress', { summary: '报告进展', roles: PROGRESS_REPORTERS })
  reportProgress(@Param('id', IdPipe) id: string, @Body() body: ReportSupervisionProgressRequest, @Call() call: CommandCall) {
    const { summary, percentComplete } = body;
    return this.commands.execute(commandOn(supervisionTaskStream, id, 'ReportSupervisionProgress', { summary, ...(percentComplete !== undefined && { percentComplete }) }, call));
  }

  @CommandRoute(':id/close', { summary: '办结（MTG-7：须有佐证材料）', roles: SUPERVISORS })
  close(@Param('id', IdPipe) id: string, @Body() body: CloseSupervisionTaskRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(supervisionTaskStream, id, 'CloseSupervisionTask', { summary: body.summary, evidence: body.evidence.map(({ name, hash }) => ({ name, hash })) }, call));
  }

  @Get()
  @Roles(...SUPERVISION_READERS)
  @ApiOperation({ summary: '督办台账（可按责任单位、是否未办结筛选）' })
  list(@Query() query: ListSupervisionTasksQuery) {
    return this.queries.execute(
      new SupervisionTaskListQuery({
        ...(query.ownerUnit !== undefined && { ownerUnit: query.ownerUnit }),
        ...(query.open === 'true' && { openOnly: true }),
      }),
    );
  }

  @StateRoute(':id', { summary: '督办事项的状态与版本（asOf：某一时点的状态）', roles: SUPERVISION_READERS })
  get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery) {
    return this.queries.execute(new StreamStateQuery(supervisionTaskStream, id, query.asOf));
  }

  @Get(':id/history')
  @Roles(...SUPERVISION_READERS)
  @ApiOperation({ summary: '督办事项的全部事件（操作人、时间）' })
  history(@Param('id', IdPipe) id: string) {
    return this.queries.execute(new StreamHistoryQuery(supervisionTaskStream, id));
  }
}
