import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandMetadata } from '@oa/core';
import { CommandContext, Roles, CommandHeaders, CommandHeadersDoc, etagOf, replied, type CommandOptions, IdPipe } from '@oa/platform';
import { MeetingQueries } from '../application/meeting.queries';
import { SupervisionTaskCommandHandler } from '../application/supervision-task.command-handler';
import { PROGRESS_REPORTERS, SUPERVISION_READERS, SUPERVISORS } from './access';
import { AsOfQuery } from './dto/common.request';
import { CloseSupervisionTaskRequest, CreateSupervisionTaskRequest, ListSupervisionTasksQuery, ReportSupervisionProgressRequest } from './dto/supervision-task.request';

/** 督办 (MTG-7): tasks from decisions, with owner unit, deadline, progress and closure with evidence. */
@ApiTags('督办 (supervision-tasks)')
@Controller('supervision-tasks')
export class SupervisionTasksController {
  constructor(
    @Inject(SupervisionTaskCommandHandler) private readonly commands: SupervisionTaskCommandHandler,
    @Inject(MeetingQueries) private readonly queries: MeetingQueries,
  ) {}

  @Post()
  @Roles(...SUPERVISORS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '督办立项（MTG-7：会议通过的决定，明确责任单位和时限）' })
  async create(@Body() body: CreateSupervisionTaskRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { meetingId, itemId, description, ownerUnit, ownerPersonId, deadline } = body;
    return replied(response, await this.commands.create({ meetingId, itemId, description, ownerUnit, ...(ownerPersonId !== undefined && { ownerPersonId }), deadline }, metadata, options));
  }

  @Post(':id/progress')
  @HttpCode(HttpStatus.OK)
  @Roles(...PROGRESS_REPORTERS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '报告进展' })
  async reportProgress(@Param('id', IdPipe) id: string, @Body() body: ReportSupervisionProgressRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { summary, percentComplete } = body;
    return replied(response, await this.commands.reportProgress(id, { summary, ...(percentComplete !== undefined && { percentComplete }) }, metadata, options));
  }

  @Post(':id/close')
  @HttpCode(HttpStatus.OK)
  @Roles(...SUPERVISORS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '办结（MTG-7：须有佐证材料）' })
  async close(@Param('id', IdPipe) id: string, @Body() body: CloseSupervisionTaskRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.close(id, { summary: body.summary, evidence: body.evidence.map(({ name, hash }) => ({ name, hash })) }, metadata, options));
  }

  @Get()
  @Roles(...SUPERVISION_READERS)
  @ApiOperation({ summary: '督办台账（可按责任单位、是否未办结筛选）' })
  list(@Query() query: ListSupervisionTasksQuery) {
    return this.queries.supervisionTaskList({
      ...(query.ownerUnit !== undefined && { ownerUnit: query.ownerUnit }),
      ...(query.open === 'true' && { openOnly: true }),
    });
  }

  @Get(':id')
  @Roles(...SUPERVISION_READERS)
  @ApiOperation({ summary: '督办事项的状态与版本（asOf：某一时点的状态）' })
  async get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery, @Res({ passthrough: true }) response: Response) {
    const { version, state } = await this.queries.supervisionTask(id, query.asOf);
    response.setHeader('ETag', etagOf(version));
    return { id, version, ...state };
  }

  @Get(':id/history')
  @Roles(...SUPERVISION_READERS)
  @ApiOperation({ summary: '督办事项的全部事件（操作人、时间）' })
  history(@Param('id', IdPipe) id: string) {
    return this.queries.supervisionTaskHistory(id);
  }
}
