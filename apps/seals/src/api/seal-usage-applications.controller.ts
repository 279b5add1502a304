import { Body, Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Call, CommandRoute, Roles, StateRoute, StreamHistoryQuery, StreamStateQuery, commandOn, mintId, replyOf, type CommandCall, IdPipe } from '@oa/platform';
import { sealUsageApplicationStream } from '../seals.service-definition';
import { APPLICATION_READERS, STAFF } from './access';
import { AsOfQuery } from './dto/read.request';
import {
  ApplyForSealUsageRequest,
  ApproveSealUsageApplicationRequest,
  CancelSealUsageApplicationRequest,
  RecordSealUsageRequest,
  RejectSealUsageApplicationRequest,
} from './dto/seal-usage-application.request';

/** 用印申请: apply, approve or reject, cancel, and the usages recorded against it (用印登记). */
@ApiTags('用印申请 (seal-applications)')
@Controller('seal-applications')
export class SealUsageApplicationsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @CommandRoute(undefined, { summary: '提交用印申请（SEAL-5：严禁空白纸张、空白介绍信）', roles: STAFF, creates: true })
  apply(@Body() body: ApplyForSealUsageRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(sealUsageApplicationStream, mintId(call, 'ApplyForSealUsage'), 'ApplyForSealUsage', { ...body }, call, { created: true }));
  }

  @CommandRoute(':id/approve', { summary: '批准（SEAL-4：不得审批本人申请或本人保管的印章）', roles: ['sealApprover'] })
  approve(@Param('id', IdPipe) id: string, @Body() body: ApproveSealUsageApplicationRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(sealUsageApplicationStream, id, 'ApproveSealUsageApplication', { ...(body.comment !== undefined && { comment: body.comment }) }, call));
  }

  @CommandRoute(':id/reject', { summary: '不予批准（须说明理由）', roles: ['sealApprover'] })
  reject(@Param('id', IdPipe) id: string, @Body() body: RejectSealUsageApplicationRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(sealUsageApplicationStream, id, 'RejectSealUsageApplication', { reason: body.reason }, call));
  }

  @CommandRoute(':id/cancel', { summary: '撤回（申请人本人）', roles: STAFF })
  cancel(@Param('id', IdPipe) id: string, @Body() body: CancelSealUsageApplicationRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(sealUsageApplicationStream, id, 'CancelSealUsageApplication', { ...(body.reason !== undefined && { reason: body.reason }) }, call));
  }

  /** 用印登记: `usageId` is the client's or derived from the Idempotency-Key, so a retry records nothing twice. */
  @CommandRoute(':id/usages', { summary: '用印登记（SEAL-3 先审批后用印；SEAL-6 不得超过批准次数）', roles: ['sealKeeper'], creates: true })
  async recordUsage(@Param('id', IdPipe) id: string, @Body() body: RecordSealUsageRequest, @Call() call: CommandCall) {
    const { copies, impressions, witnessId, witnessName, remarks } = body;
    const usageId = body.usageId ?? mintId(call, 'RecordSealUsage');
    const data = { usageId, copies, impressions, witnessId, witnessName, ...(remarks !== undefined && { remarks }) };
    return { ...replyOf(await this.commands.execute(commandOn(sealUsageApplicationStream, id, 'RecordSealUsage', data, call))), usageId };
  }

  @StateRoute(':id', { summary: '用印申请的状态与版本（asOf：某一时点的状态）', roles: APPLICATION_READERS })
  get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery) {
    return this.queries.execute(new StreamStateQuery(sealUsageApplicationStream, id, query.asOf));
  }

  @Get(':id/history')
  @Roles(...APPLICATION_READERS)
  @ApiOperation({ summary: '用印申请的全部事件（操作人、时间）' })
  history(@Param('id', IdPipe) id: string) {
    return this.queries.execute(new StreamHistoryQuery(sealUsageApplicationStream, id));
  }
}
