import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandMetadata } from '@oa/core';
import type { MinutesContent } from '@oa/domain-meetings';
import { CommandContext, Roles, CommandHeaders, CommandHeadersDoc, etagOf, replied, type CommandOptions, IdPipe } from '@oa/platform';
import { MeetingQueries } from '../application/meeting.queries';
import { MinutesCommandHandler } from '../application/minutes.command-handler';
import { minutesMarkdown } from '../application/minutes.markdown';
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
    @Inject(MinutesCommandHandler) private readonly commands: MinutesCommandHandler,
    @Inject(MeetingQueries) private readonly queries: MeetingQueries,
  ) {}

  @Post(':id/minutes')
  @Roles('meetingSecretary')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '起草会议记录（记录人；不给正文时按会议登记情况生成）' })
  async draft(@Param('id', IdPipe) id: string, @Body() body: DraftMinutesRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { title, secrecyLevel, chairName, content } = body;
    const input = {
      ...(title !== undefined && { title }),
      ...(secrecyLevel !== undefined && { secrecyLevel }),
      ...(chairName !== undefined && { chairName }),
      ...(content !== undefined && { content: contentOf(content) }),
    };
    return replied(response, await this.commands.draft(id, input, metadata, options));
  }

  @Post(':id/minutes/revise')
  @HttpCode(HttpStatus.OK)
  @Roles('meetingSecretary')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '修改草稿（记录人；定稿后不得修改）' })
  async revise(@Param('id', IdPipe) id: string, @Body() body: ReviseMinutesRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.revise(id, contentOf(body.content), metadata, options));
  }

  @Post(':id/minutes/sign')
  @HttpCode(HttpStatus.OK)
  @Roles(...RECORDER_OR_CHAIR)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '签字（记录人和主持人均签字后定稿）' })
  async sign(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.sign(id, metadata, options));
  }

  @Post(':id/minutes/amendments')
  @Roles(...RECORDER_OR_CHAIR)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '提出更正（定稿后；须说明理由）' })
  async proposeAmendment(@Param('id', IdPipe) id: string, @Body() body: ProposeMinutesAmendmentRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.proposeAmendment(id, { reason: body.reason, content: contentOf(body.content) }, metadata, options));
  }

  @Post(':id/minutes/amendments/:amendmentId/approve')
  @HttpCode(HttpStatus.OK)
  @Roles(...CHAIR)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '批准更正（主持人；原记录仍可查阅）' })
  async approveAmendment(@Param('id', IdPipe) id: string, @Param('amendmentId', IdPipe) amendmentId: string, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.approveAmendment(id, amendmentId, metadata, options));
  }

  @Post(':id/minutes/amendments/:amendmentId/reject')
  @HttpCode(HttpStatus.OK)
  @Roles(...CHAIR)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '不予更正（主持人；须说明理由）' })
  async rejectAmendment(
    @Param('id', IdPipe) id: string,
    @Param('amendmentId', IdPipe) amendmentId: string,
    @Body() body: RejectMinutesAmendmentRequest,
    @CommandContext() metadata: CommandMetadata,
    @CommandHeaders() options: CommandOptions,
    @Res({ passthrough: true }) response: Response,
  ) {
    return replied(response, await this.commands.rejectAmendment(id, amendmentId, body.reason, metadata, options));
  }

  @Get(':id/minutes')
  @Roles(...MEETING_READERS)
  @ApiOperation({ summary: '会议记录（现行版本；asOf：某一时点的记录；内部级须有相应知悉权限，COMMON-3）' })
  async get(@Param('id', IdPipe) id: string, @Query() query: MinutesQuery, @CommandContext() context: CommandMetadata, @Res({ passthrough: true }) response: Response) {
    const view = await this.queries.minutes(id, context.actor, query.asOf);
    response.setHeader('ETag', etagOf(view.version));
    const { state, ...rest } = view;
    return { ...rest, ...state };
  }

  @Get(':id/minutes/history')
  @Roles(...MEETING_READERS)
  @ApiOperation({ summary: '会议记录的全部版本、更正和事件' })
  history(@Param('id', IdPipe) id: string, @CommandContext() context: CommandMetadata) {
    return this.queries.minutesHistory(id, context.actor);
  }

  @Get(':id/minutes/export')
  @Roles(...MEETING_READERS)
  @ApiProduces('application/json', 'text/markdown')
  @ApiOperation({ summary: '导出会议记录：format=markdown 为带固定栏目的打印版式' })
  async export(@Param('id', IdPipe) id: string, @Query() query: MinutesExportQuery, @CommandContext() context: CommandMetadata, @Res({ passthrough: true }) response: Response) {
    const view = await this.queries.minutes(id, context.actor, query.asOf);
    response.setHeader('ETag', etagOf(view.version));
    if (query.format !== 'markdown') {
      const { state, ...rest } = view;
      return { ...rest, ...state };
    }
    response.setHeader('Content-Type', 'text/markdown; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="minutes-${id}.md"; filename*=UTF-8''${encodeURIComponent('会议记录')}-${id}.md`);
    return minutesMarkdown(view);
  }
}
