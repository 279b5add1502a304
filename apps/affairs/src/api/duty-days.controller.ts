import { BadRequestException, Body, Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { dutyDayId } from '@oa/domain-affairs';
import { Call, CommandRoute, DirectoryAuthorities, IdPipe, IsoDatePipe, Roles, StateRoute, StreamHistoryQuery, StreamStateQuery, commandOn, mintId, replyOf, type CommandCall } from '@oa/platform';
import { InformationBelowQuotaQuery } from '../application/affairs.query-handlers';
import { DutyLogExportQuery, type CsvFile } from '../application/affairs-exports.query-handlers';
import { sendCsv } from './supervision-tasks.controller';
import { namedOnFile, personOnFile } from './people-on-file';
import { dutyDayStream, emergencyReportStream, informationSubmissionStream } from '../affairs.service-definition';
import { AFFAIRS_READERS, DUTY_OFFICERS, INFORMATION_SUBMITTERS, ROSTER_KEEPERS } from './access';
import {
  AmendDutyLogRequest,
  ContinuedReportRequest,
  DayRangeQuery,
  DutyLogRequest,
  FinalReportRequest,
  FirstReportRequest,
  HandOverRequest,
  PeriodQuery,
  ScheduleDutyRequest,
  SubmitInformationRequest,
} from './dto/affairs.request';

/** 值班 (DUTY-1), 突发事件信息报送 (INFO-1) and 信息报送 (INFO-2). */
@ApiTags('值班与信息报送 (duty and information)')
@Controller()
export class DutyAndInformationController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(DirectoryAuthorities) private readonly directory: DirectoryAuthorities,
  ) {}

  @CommandRoute('duty-days/:date/roster', { summary: '排班或变更值班表（DUTY-1：带班领导与值班员；当日及以前不得变更）', roles: ROSTER_KEEPERS })
  schedule(@Param('date', IsoDatePipe) date: string, @Body() body: ScheduleDutyRequest, @Call() call: CommandCall) {
    // DUTY-1 the leader's role and everyone's name are the directory's at this instant
    const { now } = call.metadata;
    const leaderOnDuty = personOnFile(this.directory, body.leaderOnDuty, now, 'leaderOnDuty.id');
    const officers = body.officers.map((officer, index) => namedOnFile(this.directory, officer, now, `officers[${index}].id`));
    const data = { date, leaderOnDuty, officers, ...(body.reason !== undefined && { reason: body.reason }) };
    return this.commands.execute(commandOn(dutyDayStream, dutyDayId(date), 'ScheduleDuty', data, call));
  }

  @CommandRoute('duty-days/:date/handovers', { summary: '交接班（DUTY-1：当班值班员交班，交接未办结事项）', roles: DUTY_OFFICERS })
  handOver(@Param('date', IsoDatePipe) date: string, @Body() body: HandOverRequest, @Call() call: CommandCall) {
    const incomingOfficer = namedOnFile(this.directory, body.incomingOfficer, call.metadata.now, 'incomingOfficer.id');
    return this.commands.execute(commandOn(dutyDayStream, dutyDayId(date), 'HandOverShift', { incomingOfficer, openItems: body.openItems ?? [] }, call));
  }

  @CommandRoute('duty-days/:date/log', { summary: '记录值班日志（DUTY-1：逐条记录时间）', roles: DUTY_OFFICERS, creates: true })
  async log(@Param('date', IsoDatePipe) date: string, @Body() body: DutyLogRequest, @Call() call: CommandCall) {
    const entryId = mintId(call, `DutyLog:${date}`);
    return { ...replyOf(await this.commands.execute(commandOn(dutyDayStream, dutyDayId(date), 'RecordDutyLogEntry', { entryId, occurredAt: body.occurredAt, kind: body.kind, summary: body.summary }, call))), entryId };
  }

  @CommandRoute('duty-days/:date/log/:entryId/amend', { summary: '补正值班日志（DUTY-1：不得修改，只能补正）', roles: DUTY_OFFICERS })
  amend(@Param('date', IsoDatePipe) date: string, @Param('entryId', IdPipe) entryId: string, @Body() body: AmendDutyLogRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(dutyDayStream, dutyDayId(date), 'AmendDutyLogEntry', { entryId, correction: body.correction, reason: body.reason }, call));
  }

  @StateRoute('duty-days/:date', { summary: '值班日：值班表、当班值班员与日志条目', roles: AFFAIRS_READERS })
  dutyDay(@Param('date', IsoDatePipe) date: string) {
    return this.queries.execute(new StreamStateQuery(dutyDayStream, dutyDayId(date)));
  }

  @Get('duty-days/:date/history')
  @Roles(...AFFAIRS_READERS)
  @ApiOperation({ summary: '值班日的全部事件：值班表、交接班、日志及补正' })
  dutyDayHistory(@Param('date', IsoDatePipe) date: string) {
    return this.queries.execute(new StreamHistoryQuery(dutyDayStream, dutyDayId(date)));
  }

  @Get('duty-log')
  @Roles(...AFFAIRS_READERS)
  @ApiProduces('text/csv')
  @ApiOperation({ summary: '值班日志导出（CSV）：期间内每日的值班表、交接班、日志及补正' })
  async dutyLog(@Query() query: DayRangeQuery, @Res() response: FastifyReply) {
    if (query.to < query.from) throw new BadRequestException({ code: 'AFFAIRS.INVALID_INPUT', title: '请求不合法', detail: '截止日期不得早于起始日期' });
    sendCsv(response, await this.queries.execute<DutyLogExportQuery, CsvFile>(new DutyLogExportQuery(query.from, query.to)));
  }

  @CommandRoute('emergency-reports', { summary: '突发事件首报（INFO-1：事件、地点、时间；知悉后规定时间内）', roles: DUTY_OFFICERS, creates: true })
  firstReport(@Body() body: FirstReportRequest, @Call() call: CommandCall) {
    const incidentId = mintId(call, 'EmergencyReport');
    const { learntAt, what, where, when, recipients } = body;
    return this.commands.execute(commandOn(emergencyReportStream, incidentId, 'SubmitFirstEmergencyReport', { incidentId, learntAt, what, where, when, recipients: recipients ?? [] }, call, { created: true }));
  }

  @CommandRoute('emergency-reports/:id/continued', { summary: '续报（INFO-1）', roles: DUTY_OFFICERS })
  continued(@Param('id', IdPipe) id: string, @Body() body: ContinuedReportRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(emergencyReportStream, id, 'SubmitContinuedEmergencyReport', { situation: body.situation, recipients: body.recipients ?? [] }, call));
  }

  @CommandRoute('emergency-reports/:id/final', { summary: '终报（INFO-1：原因与处置结果）', roles: DUTY_OFFICERS })
  final(@Param('id', IdPipe) id: string, @Body() body: FinalReportRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(emergencyReportStream, id, 'SubmitFinalEmergencyReport', { cause: body.cause, outcome: body.outcome, recipients: body.recipients ?? [] }, call));
  }

  @Get('emergency-reports/:id/history')
  @Roles(...AFFAIRS_READERS)
  @ApiOperation({ summary: '突发事件的全部报告' })
  emergencyHistory(@Param('id', IdPipe) id: string) {
    return this.queries.execute(new StreamHistoryQuery(emergencyReportStream, id));
  }

  @CommandRoute('information-submissions', { summary: '报送信息（INFO-2）', roles: INFORMATION_SUBMITTERS, creates: true })
  submit(@Body() body: SubmitInformationRequest, @Call() call: CommandCall) {
    const submissionId = mintId(call, 'SubmitInformation');
    return this.commands.execute(commandOn(informationSubmissionStream, submissionId, 'SubmitInformation', { submissionId, unitId: body.unitId, title: body.title, contentHash: body.contentHash }, call, { created: true }));
  }

  @Get('information-submissions/below-quota')
  @Roles(...AFFAIRS_READERS)
  @ApiOperation({ summary: '某一期间未完成信息报送定额的单位（INFO-2）' })
  belowQuota(@Query() query: PeriodQuery) {
    return this.queries.execute(new InformationBelowQuotaQuery(query.period));
  }
}
