import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandMetadata } from '@oa/core';
import { CommandContext, Roles, CommandHeaders, CommandHeadersDoc, etagOf, replied, type CommandOptions, IdPipe } from '@oa/platform';
import { MeetingCommandHandler } from '../application/meeting.command-handler';
import { MeetingQueries } from '../application/meeting.queries';
import { CHAIR, MEETING_READERS, OFFICE, RECORDER_OR_CHAIR, SUBMITTERS } from './access';
import { AsOfQuery } from './dto/common.request';
import {
  CancelMeetingRequest,
  IssueMeetingNoticeRequest,
  CheckAgendaItemRequest,
  ListMeetingsQuery,
  RecordAttendanceRequest,
  RecordDecisionRequest,
  RecordMemberLeavingRequest,
  RecordRecusalRequest,
  RecordSpeechRequest,
  RecordVoteRequest,
  RecordWrittenOpinionRequest,
  ReturnAgendaItemRequest,
  ScheduleMeetingRequest,
  SubmitAgendaItemRequest,
} from './dto/meeting.request';

/** 会议: schedule, agenda (MTG-1), attendance (MTG-2), proceedings and decisions (MTG-3/4/5/8). */
@ApiTags('会议 (meetings)')
@Controller('meetings')
export class MeetingsController {
  constructor(
    @Inject(MeetingCommandHandler) private readonly commands: MeetingCommandHandler,
    @Inject(MeetingQueries) private readonly queries: MeetingQueries,
  ) {}

  @Post()
  @Roles(...OFFICE)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '安排会议（应到会委员按会议当日的委员会组成确定）' })
  async schedule(@Body() body: ScheduleMeetingRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.schedule({ ...body }, metadata, options));
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @Roles(...OFFICE)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '取消尚未召开的会议' })
  async cancel(@Param('id', IdPipe) id: string, @Body() body: CancelMeetingRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'CancelMeeting', { reason: body.reason }, metadata, options));
  }

  @Post(':id/notices')
  @Roles(...OFFICE)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '发出会议通知（MTG-2：须送达全体应到委员）' })
  async issueNotice(@Param('id', IdPipe) id: string, @Body() body: IssueMeetingNoticeRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.issueNotice(id, { recipients: body.recipients.map((recipient) => ({ ...recipient })), contentHash: body.contentHash }, metadata, options));
  }

  @Post(':id/agenda-items')
  @Roles(...SUBMITTERS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '提交议题（MTG-1：须附材料）' })
  async submitAgendaItem(@Param('id', IdPipe) id: string, @Body() body: SubmitAgendaItemRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { title, submittingUnit, materials, majorMatter, cadreAppointment } = body;
    return replied(
      response,
      await this.commands.submitAgendaItem(
        id,
        {
          title,
          ...(submittingUnit !== undefined && { submittingUnit }),
          materials: materials.map(({ name, hash }) => ({ name, hash })),
          ...(majorMatter !== undefined && { majorMatter }),
          ...(cadreAppointment !== undefined && { cadreAppointment }),
        },
        metadata,
        options,
      ),
    );
  }

  @Post(':id/agenda-items/:itemId/check')
  @HttpCode(HttpStatus.OK)
  @Roles(...OFFICE)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '办公室审核议题（MTG-1）' })
  async checkAgendaItem(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Body() body: CheckAgendaItemRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'CheckAgendaItem', { itemId, ...(body.comment !== undefined && { comment: body.comment }) }, metadata, options));
  }

  @Post(':id/agenda-items/:itemId/return')
  @HttpCode(HttpStatus.OK)
  @Roles(...OFFICE)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '退回议题（须说明理由）' })
  async returnAgendaItem(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Body() body: ReturnAgendaItemRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'ReturnAgendaItem', { itemId, reason: body.reason }, metadata, options));
  }

  @Post(':id/agenda-items/:itemId/put-on-agenda')
  @HttpCode(HttpStatus.OK)
  @Roles(...CHAIR)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '列入议程（MTG-1：议题由书记确定，只能由本次会议主持人操作）' })
  async putOnAgenda(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'PutAgendaItemOnAgenda', { itemId }, metadata, options));
  }

  @Post(':id/attendance')
  @HttpCode(HttpStatus.OK)
  @Roles(...RECORDER_OR_CHAIR)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '登记出席情况（MTG-2：每名委员到会或请假并注明事由，列席单列）' })
  async recordAttendance(@Param('id', IdPipe) id: string, @Body() body: RecordAttendanceRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const data = {
      present: [...body.present],
      absent: body.absent.map(({ memberId, reason }) => ({ memberId, reason })),
      nonVotingAttendees: body.nonVotingAttendees.map(({ personId, name, unit }) => ({ personId, name, ...(unit !== undefined && { unit }) })),
    };
    return replied(response, await this.commands.handle(id, 'RecordAttendance', data, metadata, options));
  }

  @Post(':id/open')
  @HttpCode(HttpStatus.OK)
  @Roles(...RECORDER_OR_CHAIR)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '开会（须先登记出席情况）' })
  async open(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'OpenMeeting', {}, metadata, options));
  }

  @Post(':id/attendance/departures')
  @HttpCode(HttpStatus.OK)
  @Roles(...RECORDER_OR_CHAIR)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '登记中途离会（MTG-2：注明事由；其后的表决与决定只计仍在会的委员，MTG-3、MTG-5）' })
  async recordMemberLeaving(@Param('id', IdPipe) id: string, @Body() body: RecordMemberLeavingRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'RecordMemberLeaving', { memberId: body.memberId, reason: body.reason }, metadata, options));
  }

  @Post(':id/agenda-items/:itemId/recusals')
  @HttpCode(HttpStatus.OK)
  @Roles(...RECORDER_OR_CHAIR)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '登记回避（MTG-4：须说明事由，表决前登记）' })
  async recordRecusal(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Body() body: RecordRecusalRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'RecordRecusal', { itemId, memberId: body.memberId, reason: body.reason }, metadata, options));
  }

  @Post(':id/agenda-items/:itemId/speeches')
  @HttpCode(HttpStatus.OK)
  @Roles(...RECORDER_OR_CHAIR)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '记录发言（按发言顺序）' })
  async recordSpeech(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Body() body: RecordSpeechRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'RecordSpeech', { itemId, speakerId: body.speakerId, view: body.view }, metadata, options));
  }

  @Post(':id/agenda-items/:itemId/votes')
  @HttpCode(HttpStatus.OK)
  @Roles(...RECORDER_OR_CHAIR)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '记录表决（MTG-5：赞成票超过应到会委员半数为通过；不得委托表决）' })
  async recordVote(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Body() body: RecordVoteRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { method, ballots, counts } = body;
    const data = {
      itemId,
      method,
      ...(ballots !== undefined && { ballots: ballots.map(({ memberId, choice }) => ({ memberId, choice })) }),
      ...(counts !== undefined && { counts: { for: counts.for, against: counts.against, abstain: counts.abstain } }),
    };
    return replied(response, await this.commands.handle(id, 'RecordVote', data, metadata, options));
  }

  @Post(':id/agenda-items/:itemId/written-opinions')
  @HttpCode(HttpStatus.OK)
  @Roles(...RECORDER_OR_CHAIR)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '登记请假委员的书面意见（不计入票数）' })
  async recordWrittenOpinion(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Body() body: RecordWrittenOpinionRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'RecordWrittenOpinion', { itemId, memberId: body.memberId, opinion: body.opinion }, metadata, options));
  }

  @Post(':id/agenda-items/:itemId/decision')
  @HttpCode(HttpStatus.OK)
  @Roles(...RECORDER_OR_CHAIR)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '记录决定（MTG-1 未列入议程不决定；MTG-3 到会人数；MTG-5 按表决结果；MTG-8 三重一大）' })
  async recordDecision(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Body() body: RecordDecisionRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'RecordDecision', { itemId, outcome: body.outcome, text: body.text }, metadata, options));
  }

  @Post(':id/close')
  @HttpCode(HttpStatus.OK)
  @Roles(...RECORDER_OR_CHAIR)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '散会' })
  async close(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'CloseMeeting', {}, metadata, options));
  }

  @Get()
  @Roles(...MEETING_READERS)
  @ApiOperation({ summary: '会议列表（可按委员会、状态筛选）' })
  list(@Query() query: ListMeetingsQuery) {
    return this.queries.meetings({
      ...(query.committeeId !== undefined && { committeeId: query.committeeId }),
      ...(query.status !== undefined && { status: query.status }),
    });
  }

  @Get(':id')
  @Roles(...MEETING_READERS)
  @ApiOperation({ summary: '会议、议程、出席、表决与决定（asOf：某一时点的状态）' })
  async get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery, @Res({ passthrough: true }) response: Response) {
    const { version, state } = await this.queries.meeting(id, query.asOf);
    response.setHeader('ETag', etagOf(version));
    return { id, version, ...state };
  }

  @Get(':id/history')
  @Roles(...MEETING_READERS)
  @ApiOperation({ summary: '会议的全部事件（操作人、时间）' })
  history(@Param('id', IdPipe) id: string) {
    return this.queries.meetingHistory(id);
  }
}
