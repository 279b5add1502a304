import { Body, Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMetadata } from '@oa/core';
import type { MinutesContent } from '@oa/domain-meetings';
import { Call, CommandContext, CommandRoute, Roles, commandOn, etagOf, mintId, type CommandCall, type CommandReply, type RequestData, IdPipe } from '@oa/platform';
import { MinutesHistoryQuery, MinutesViewQuery } from '../application/meeting.query-handlers';
import { minutesMarkdown } from '../application/minutes.markdown';
import type { RequestedMinutesCommand } from '../application/minutes.facts';
import { minutesStream, minutesStreamId } from '../meetings.service-definition';
import { CHAIR, MEETING_READERS, RECORDER_OR_CHAIR } from './access';
import {
  DraftMinutesRequest,
  MinutesContentRequest,
  MinutesExportQuery,
  MinutesQuery,
  ProposeMinutesAmendmentRequest,
  RejectMinutesAmendmentRequest,
  ReviseMinutesRequest,
} from './dto/minutes.request';

/** The validated request as the domain's plain content (class instances carry nothing more). */
const contentOf = (request: MinutesContentRequest): MinutesContent => JSON.parse(JSON.stringify(request)) as MinutesContent;

/** 会议记录 (MTG-6): drafted by the recorder, signed by recorder and chair, then only amended. */
@ApiTags('会议记录 (minutes)')
@Controller('meetings')
export class MinutesController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @CommandRoute(':id/minutes', { summary: '起草会议记录（记录人；不给正文时按会议登记情况生成）', roles: ['meetingSecretary'], creates: true })
  draft(@Param('id', IdPipe) id: string, @Body() body: DraftMinutesRequest, @Call() call: CommandCall) {
    const { title, secrecyLevel, chairName, content } = body;
    const data = {
      meetingId: id,
      ...(title !== undefined && { title }),
      ...(secrecyLevel !== undefined && { secrecyLevel }),
      ...(chairName !== undefined && { chairName }),
      ...(content !== undefined && { content: contentOf(content) }),
    };
    return this.execute(id, 'DraftMinutes', data, call);
  }

  @CommandRoute(':id/minutes/revise', { summary: '修改草稿（记录人；定稿后不得修改）', roles: ['meetingSecretary'] })
  revise(@Param('id', IdPipe) id: string, @Body() body: ReviseMinutesRequest, @Call() call: CommandCall) {
    return this.execute(id, 'ReviseMinutesDraft', { content: contentOf(body.content) }, call);
  }

  @CommandRoute(':id/minutes/sign', { summary: '签字（记录人和主持人均签字后定稿）', roles: RECORDER_OR_CHAIR })
  sign(@Param('id', IdPipe) id: string, @Call() call: CommandCall) {
    return this.execute(id, 'SignMinutes', {}, call);
  }

  /** 更正申请: the amendment's id is the server's. */
  @CommandRoute(':id/minutes/amendments', { summary: '提出更正（定稿后；须说明理由）', roles: RECORDER_OR_CHAIR, creates: true })
  async proposeAmendment(@Param('id', IdPipe) id: string, @Body() body: ProposeMinutesAmendmentRequest, @Call() call: CommandCall) {
    const amendmentId = mintId(call, `ProposeMinutesAmendment:${id}`);
    return { ...(await this.execute(id, 'ProposeMinutesAmendment', { amendmentId, reason: body.reason, content: contentOf(body.content) }, call)), amendmentId };
  }

  @CommandRoute(':id/minutes/amendments/:amendmentId/approve', { summary: '批准更正（主持人；原记录仍可查阅）', roles: CHAIR })
  approveAmendment(@Param('id', IdPipe) id: string, @Param('amendmentId', IdPipe) amendmentId: string, @Call() call: CommandCall) {
    return this.execute(id, 'ApproveMinutesAmendment', { amendmentId }, call);
  }

  @CommandRoute(':id/minutes/amendments/:amendmentId/reject', { summary: '不予更正（主持人；须说明理由）', roles: CHAIR })
  rejectAmendment(@Param('id', IdPipe) id: string, @Param('amendmentId', IdPipe) amendmentId: string, @Body() body: RejectMinutesAmendmentRequest, @Call() call: CommandCall) {
    return this.execute(id, 'RejectMinutesAmendment', { amendmentId, reason: body.reason }, call);
  }

  @Get(':id/minutes')
  @Roles(...MEETING_READERS)
  @ApiOperation({ summary: '会议记录（现行版本；asOf：某一时点的记录；内部级须有相应知悉权限，COMMON-3）' })
  async get(@Param('id', IdPipe) id: string, @Query() query: MinutesQuery, @CommandContext() context: CommandMetadata, @Res({ passthrough: true }) response: FastifyReply) {
    const view = await this.queries.execute(new MinutesViewQuery(id, context.actor, query.asOf));
    response.header('ETag', etagOf(view.version));
    const { state, ...rest } = view;
    return { ...rest, ...state };
  }

  @Get(':id/minutes/history')
  @Roles(...MEETING_READERS)
  @ApiOperation({ summary: '会议记录的全部版本、更正和事件' })
  history(@Param('id', IdPipe) id: string, @CommandContext() context: CommandMetadata) {
    return this.queries.execute(new MinutesHistoryQuery(id, context.actor));
  }

  @Get(':id/minutes/export')
  @Roles(...MEETING_READERS)
  @ApiProduces('application/json', 'text/markdown')
  @ApiOperation({ summary: '导出会议记录：format=markdown 为带固定栏目的打印版式' })
  async export(@Param('id', IdPipe) id: string, @Query() query: MinutesExportQuery, @CommandContext() context: CommandMetadata, @Res({ passthrough: true }) response: FastifyReply) {
    const view = await this.queries.execute(new MinutesViewQuery(id, context.actor, query.asOf));
    response.header('ETag', etagOf(view.version));
    if (query.format !== 'markdown') {
      const { state, ...rest } = view;
      return { ...rest, ...state };
    }
    response.header('Content-Type', 'text/markdown; charset=utf-8');
    response.header('Content-Disposition', `attachment; filename="minutes-${id}.md"; filename*=UTF-8''${encodeURIComponent('会议记录')}-${id}.md`);
    return minutesMarkdown(view);
  }

  /** A command on the meeting's minutes; the reply carries the meeting's id, not the derived stream id. */
  private async execute<T extends RequestedMinutesCommand['type']>(meetingId: string, type: T, data: RequestData<RequestedMinutesCommand, T, never>, call: CommandCall): Promise<CommandReply> {
    const { version } = await this.commands.execute(commandOn(minutesStream, minutesStreamId(meetingId), type, data, call));
    return { id: meetingId, version };
  }
}
