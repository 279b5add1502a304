import { Body, Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@oa/core';
import { Call, CommandContext, CommandRoute, Roles, Sha256Pipe, StateRoute, commandOn, mintId, replyOf, type CommandCall, IdPipe, UploadedBody, type IncomingUpload } from '@oa/platform';
import { MeetingMaterials } from '../application/meeting-materials';
import { MeetingHistoryQuery, MeetingListQuery, MeetingStateQuery } from '../application/meeting.query-handlers';
import { meetingStream } from '../meetings.service-definition';
import { CHAIR, MEETING_READERS, OFFICE, RECORDER_OR_CHAIR, SUBMITTERS } from './access';
import { AsOfQuery } from './dto/common.request';
import {
  CancelMeetingRequest,
  IssueMeetingNoticeRequest,
  CheckAgendaItemRequest,
  ListMeetingsQuery,
  MaterialUploadQuery,
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
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(MeetingMaterials) private readonly materials: MeetingMaterials,
  ) {}

  /** MTG-1 / FILE-1 the body is the material itself, before the item is put on the agenda. */
  @CommandRoute(':id/agenda-items/:itemId/materials', { summary: '上传议题材料（MTG-1、FILE-1：流式上传，按内容判定格式；秘密及以上会议的材料加密保存）', roles: SUBMITTERS })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  attachMaterial(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Query() query: MaterialUploadQuery, @UploadedBody() upload: IncomingUpload, @Call() call: CommandCall) {
    return this.materials.attach(id, itemId, query.name, upload, call);
  }

  @Get(':id/agenda-items/:itemId/materials/:sha256')
  @Roles(...MEETING_READERS)
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: '下载议题材料（支持 Range；COMMON-3：秘密及以上会议须有相应密级和知悉权限）' })
  async downloadMaterial(
    @Param('id', IdPipe) id: string,
    @Param('itemId', IdPipe) itemId: string,
    @Param('sha256', Sha256Pipe) sha256: string,
    @CommandContext() metadata: CommandMetadata,
    @Req() request: FastifyRequest,
    @Res() response: FastifyReply,
  ): Promise<void> {
    await this.materials.download(id, itemId, sha256, metadata.actor, request, response);
  }

  @CommandRoute(undefined, { summary: '安排会议（应到会委员按会议当日的委员会组成确定）', roles: OFFICE, creates: true })
  schedule(@Body() body: ScheduleMeetingRequest, @Call() call: CommandCall) {
    const meetingId = mintId(call, 'ScheduleMeeting');
    return this.commands.execute(commandOn(meetingStream, meetingId, 'ScheduleMeeting', { ...body, meetingId }, call, { created: true }));
  }

  @CommandRoute(':id/cancel', { summary: '取消尚未召开的会议', roles: OFFICE })
  cancel(@Param('id', IdPipe) id: string, @Body() body: CancelMeetingRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(meetingStream, id, 'CancelMeeting', { reason: body.reason }, call));
  }

  /** 会议通知: the notice's id is the server's (or the Idempotency-Key's). */
  @CommandRoute(':id/notices', { summary: '发出会议通知（MTG-2：须送达全体应到委员）', roles: OFFICE, creates: true })
  async issueNotice(@Param('id', IdPipe) id: string, @Body() body: IssueMeetingNoticeRequest, @Call() call: CommandCall) {
    const noticeId = mintId(call, `IssueMeetingNotice:${id}`);
    const data = { noticeId, recipients: body.recipients.map((recipient) => ({ ...recipient })), contentHash: body.contentHash };
    return { ...replyOf(await this.commands.execute(commandOn(meetingStream, id, 'IssueMeetingNotice', data, call))), noticeId };
  }

  /** 提交议题: the item's id is the server's. */
  @CommandRoute(':id/agenda-items', { summary: '提交议题（MTG-1：材料随后以文件上传到议题，审核前须已上传）', roles: SUBMITTERS, creates: true })
  async submitAgendaItem(@Param('id', IdPipe) id: string, @Body() body: SubmitAgendaItemRequest, @Call() call: CommandCall) {
    const { title, submittingUnit, majorMatter, cadreAppointment } = body;
    const itemId = mintId(call, `SubmitAgendaItem:${id}`);
    const data = {
      itemId,
      title,
      ...(submittingUnit !== undefined && { submittingUnit }),
      ...(majorMatter !== undefined && { majorMatter }),
      ...(cadreAppointment !== undefined && { cadreAppointment }),
    };
    return { ...replyOf(await this.commands.execute(commandOn(meetingStream, id, 'SubmitAgendaItem', data, call))), itemId };
  }

  @CommandRoute(':id/agenda-items/:itemId/check', { summary: '办公室审核议题（MTG-1）', roles: OFFICE })
  checkAgendaItem(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Body() body: CheckAgendaItemRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(meetingStream, id, 'CheckAgendaItem', { itemId, ...(body.comment !== undefined && { comment: body.comment }) }, call));
  }

  @CommandRoute(':id/agenda-items/:itemId/return', { summary: '退回议题（须说明理由）', roles: OFFICE })
  returnAgendaItem(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Body() body: ReturnAgendaItemRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(meetingStream, id, 'ReturnAgendaItem', { itemId, reason: body.reason }, call));
  }

  @CommandRoute(':id/agenda-items/:itemId/put-on-agenda', { summary: '列入议程（MTG-1：议题由书记确定，只能由本次会议主持人操作）', roles: CHAIR })
  putOnAgenda(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(meetingStream, id, 'PutAgendaItemOnAgenda', { itemId }, call));
  }

  @CommandRoute(':id/attendance', { summary: '登记出席情况（MTG-2：每名委员到会或请假并注明事由，列席单列）', roles: RECORDER_OR_CHAIR })
  recordAttendance(@Param('id', IdPipe) id: string, @Body() body: RecordAttendanceRequest, @Call() call: CommandCall) {
    const data = {
      present: [...body.present],
      absent: body.absent.map(({ memberId, reason }) => ({ memberId, reason })),
      nonVotingAttendees: body.nonVotingAttendees.map(({ personId, name, unit }) => ({ personId, name, ...(unit !== undefined && { unit }) })),
    };
    return this.commands.execute(commandOn(meetingStream, id, 'RecordAttendance', data, call));
  }

  @CommandRoute(':id/open', { summary: '开会（须先登记出席情况）', roles: RECORDER_OR_CHAIR })
  open(@Param('id', IdPipe) id: string, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(meetingStream, id, 'OpenMeeting', {}, call));
  }

  @CommandRoute(':id/attendance/departures', { summary: '登记中途离会（MTG-2：注明事由；其后的表决与决定只计仍在会的委员，MTG-3、MTG-5）', roles: RECORDER_OR_CHAIR })
  recordMemberLeaving(@Param('id', IdPipe) id: string, @Body() body: RecordMemberLeavingRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(meetingStream, id, 'RecordMemberLeaving', { memberId: body.memberId, reason: body.reason }, call));
  }

  @CommandRoute(':id/agenda-items/:itemId/recusals', { summary: '登记回避（MTG-4：须说明事由，表决前登记）', roles: RECORDER_OR_CHAIR })
  recordRecusal(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Body() body: RecordRecusalRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(meetingStream, id, 'RecordRecusal', { itemId, memberId: body.memberId, reason: body.reason }, call));
  }

  @CommandRoute(':id/agenda-items/:itemId/speeches', { summary: '记录发言（按发言顺序）', roles: RECORDER_OR_CHAIR })
  recordSpeech(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Body() body: RecordSpeechRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(meetingStream, id, 'RecordSpeech', { itemId, speakerId: body.speakerId, view: body.view }, call));
  }

  @CommandRoute(':id/agenda-items/:itemId/votes', { summary: '记录表决（MTG-5：赞成票超过应到会委员半数为通过；不得委托表决）', roles: RECORDER_OR_CHAIR })
  recordVote(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Body() body: RecordVoteRequest, @Call() call: CommandCall) {
    const { method, ballots, counts } = body;
    const data = {
      itemId,
      method,
      ...(ballots !== undefined && { ballots: ballots.map(({ memberId, choice }) => ({ memberId, choice })) }),
      ...(counts !== undefined && { counts: { for: counts.for, against: counts.against, abstain: counts.abstain } }),
    };
    return this.commands.execute(commandOn(meetingStream, id, 'RecordVote', data, call));
  }

  @CommandRoute(':id/agenda-items/:itemId/written-opinions', { summary: '登记请假委员的书面意见（不计入票数）', roles: RECORDER_OR_CHAIR })
  recordWrittenOpinion(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Body() body: RecordWrittenOpinionRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(meetingStream, id, 'RecordWrittenOpinion', { itemId, memberId: body.memberId, opinion: body.opinion }, call));
  }

  @CommandRoute(':id/agenda-items/:itemId/decision', { summary: '记录决定（MTG-1 未列入议程不决定；MTG-3 到会人数；MTG-5 按表决结果；MTG-8 三重一大）', roles: RECORDER_OR_CHAIR })
  recordDecision(@Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string, @Body() body: RecordDecisionRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(meetingStream, id, 'RecordDecision', { itemId, outcome: body.outcome, text: body.text }, call));
  }

  @CommandRoute(':id/close', { summary: '散会', roles: RECORDER_OR_CHAIR })
  close(@Param('id', IdPipe) id: string, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(meetingStream, id, 'CloseMeeting', {}, call));
  }

  @Get()
  @Roles(...MEETING_READERS)
  @ApiOperation({ summary: '会议列表（可按委员会、状态筛选）' })
  list(@Query() query: ListMeetingsQuery, @CommandContext() context: CommandMetadata) {
    return this.queries.execute(
      new MeetingListQuery(
        {
          ...(query.committeeId !== undefined && { committeeId: query.committeeId }),
          ...(query.status !== undefined && { status: query.status }),
        },
        context.actor,
      ),
    );
  }

  @StateRoute(':id', { summary: '会议、议程、出席、表决与决定（asOf：某一时点的状态；秘密及以上只对应知范围内且密级相符的人，MTG-10、COMMON-3）', roles: MEETING_READERS })
  get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery, @CommandContext() context: CommandMetadata) {
    return this.queries.execute(new MeetingStateQuery(id, context.actor, query.asOf));
  }

  @Get(':id/history')
  @Roles(...MEETING_READERS)
  @ApiOperation({ summary: '会议的全部事件（操作人、时间；COMMON-3 同上）' })
  history(@Param('id', IdPipe) id: string, @CommandContext() context: CommandMetadata) {
    return this.queries.execute(new MeetingHistoryQuery(id, context.actor));
  }
}
