import { Body, Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Call, CommandRoute, Roles, StateRoute, StreamHistoryQuery, StreamStateQuery, commandOn, mintId, replyOf, type CommandCall, IdPipe } from '@oa/platform';
import { SealListQuery, SealUsageRegisterQuery } from '../application/seal.query-handlers';
import { usageRegisterCsv } from '../application/usage-register.csv';
import { sealStream } from '../seals.service-definition';
import { SEAL_ADMINISTRATORS, SEAL_READERS } from './access';
import { AsOfQuery, UsageRegisterQuery } from './dto/read.request';
import {
  ApproveSealCheckoutRequest,
  AssignSealKeeperRequest,
  CancelSealHandoverRequest,
  RejectSealCheckoutRequest,
  RequestSealCheckoutRequest,
  ReturnSealRequest,
  ConfirmSealHandoverRequest,
  InitiateSealHandoverRequest,
  ListSealsQuery,
  RegisterSealRequest,
  SealReasonRequest,
  SurrenderSealRequest,
} from './dto/seal.request';

/** 印章: registry, lifecycle, keeper and handover; reads with version, history and asOf. */
@ApiTags('印章 (seals)')
@Controller('seals')
export class SealsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @CommandRoute(undefined, { summary: '刻制备案（登记印章）', roles: SEAL_ADMINISTRATORS, creates: true })
  register(@Body() body: RegisterSealRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(sealStream, mintId(call, 'RegisterSeal'), 'RegisterSeal', { ...body }, call, { created: true }));
  }

  @CommandRoute(':id/activate', { summary: '启用', roles: SEAL_ADMINISTRATORS })
  activate(@Param('id', IdPipe) id: string, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(sealStream, id, 'ActivateSeal', {}, call));
  }

  @CommandRoute(':id/suspend', { summary: '暂停使用', roles: SEAL_ADMINISTRATORS })
  suspend(@Param('id', IdPipe) id: string, @Body() body: SealReasonRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(sealStream, id, 'SuspendSeal', { reason: body.reason }, call));
  }

  @CommandRoute(':id/resume', { summary: '恢复使用', roles: SEAL_ADMINISTRATORS })
  resume(@Param('id', IdPipe) id: string, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(sealStream, id, 'ResumeSeal', {}, call));
  }

  @CommandRoute(':id/disable', { summary: '停用', roles: SEAL_ADMINISTRATORS })
  disable(@Param('id', IdPipe) id: string, @Body() body: SealReasonRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(sealStream, id, 'DisableSeal', { reason: body.reason }, call));
  }

  @CommandRoute(':id/surrender', { summary: '缴销（须有监销人）', roles: SEAL_ADMINISTRATORS })
  surrender(@Param('id', IdPipe) id: string, @Body() body: SurrenderSealRequest, @Call() call: CommandCall) {
    const { witnessId, witnessName, reason } = body;
    return this.commands.execute(commandOn(sealStream, id, 'SurrenderSeal', { witnessId, witnessName, ...(reason !== undefined && { reason }) }, call));
  }

  @CommandRoute(':id/keeper', { summary: '指定保管人（SEAL-2：此后更换须办理交接）', roles: SEAL_ADMINISTRATORS })
  assignKeeper(@Param('id', IdPipe) id: string, @Body() body: AssignSealKeeperRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(sealStream, id, 'AssignSealKeeper', { keeperId: body.keeperId, keeperName: body.keeperName }, call));
  }

  /** 交接: the handover's id is the server's; both keepers confirm it by that id. */
  @CommandRoute(':id/handovers', { summary: '发起交接（SEAL-2：须有监交人）', roles: ['officeDirector', 'sealKeeper'], creates: true })
  async initiateHandover(@Param('id', IdPipe) id: string, @Body() body: InitiateSealHandoverRequest, @Call() call: CommandCall) {
    const handoverId = mintId(call, `InitiateSealHandover:${id}`);
    return { ...replyOf(await this.commands.execute(commandOn(sealStream, id, 'InitiateSealHandover', { ...body, handoverId }, call))), handoverId };
  }

  @CommandRoute(':id/handovers/confirm', { summary: '确认交接（交出或接收的保管人本人）', roles: ['sealKeeper'] })
  confirmHandover(@Param('id', IdPipe) id: string, @Body() body: ConfirmSealHandoverRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(sealStream, id, 'ConfirmSealHandover', { handoverId: body.handoverId }, call));
  }

  @CommandRoute(':id/handovers/cancel', { summary: '取消未完成的交接', roles: SEAL_ADMINISTRATORS })
  cancelHandover(@Param('id', IdPipe) id: string, @Body() body: CancelSealHandoverRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(sealStream, id, 'CancelSealHandover', { handoverId: body.handoverId, reason: body.reason }, call));
  }

  /** 外借申请 (SEAL-8): the checkout's id is the server's. */
  @CommandRoute(':id/checkouts', { summary: '外借申请（SEAL-8：事由、去向、携印人、预计归还时间）', roles: ['sealKeeper', 'officeDirector'], creates: true })
  async requestCheckout(@Param('id', IdPipe) id: string, @Body() body: RequestSealCheckoutRequest, @Call() call: CommandCall) {
    const checkoutId = mintId(call, `RequestSealCheckout:${id}`);
    return { ...replyOf(await this.commands.execute(commandOn(sealStream, id, 'RequestSealCheckout', { ...body, checkoutId }, call))), checkoutId };
  }

  @CommandRoute(':id/checkouts/approve', { summary: '批准外借（SEAL-8：单位主要领导）', roles: ['leader'] })
  approveCheckout(@Param('id', IdPipe) id: string, @Body() body: ApproveSealCheckoutRequest, @Call() call: CommandCall) {
    const { checkoutId, comment } = body;
    return this.commands.execute(commandOn(sealStream, id, 'ApproveSealCheckout', { checkoutId, ...(comment !== undefined && { comment }) }, call));
  }

  @CommandRoute(':id/checkouts/reject', { summary: '不予批准外借', roles: ['leader'] })
  rejectCheckout(@Param('id', IdPipe) id: string, @Body() body: RejectSealCheckoutRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(sealStream, id, 'RejectSealCheckout', { checkoutId: body.checkoutId, reason: body.reason }, call));
  }

  @CommandRoute(':id/return', { summary: '归还（SEAL-8：由保管人登记）', roles: ['sealKeeper'] })
  returnSeal(@Param('id', IdPipe) id: string, @Body() body: ReturnSealRequest, @Call() call: CommandCall) {
    const { checkoutId, remarks } = body;
    return this.commands.execute(commandOn(sealStream, id, 'ReturnSeal', { checkoutId, ...(remarks !== undefined && { remarks }) }, call));
  }

  @Get()
  @Roles(...SEAL_READERS)
  @ApiOperation({ summary: '印章台账（可按单位、种类、状态筛选）' })
  list(@Query() query: ListSealsQuery) {
    return this.queries.execute(
      new SealListQuery({
        ...(query.unit !== undefined && { unit: query.unit }),
        ...(query.kind !== undefined && { kind: query.kind }),
        ...(query.status !== undefined && { status: query.status }),
      }),
    );
  }

  @StateRoute(':id', { summary: '印章状态与版本（asOf：某一时点的状态）', roles: SEAL_READERS })
  get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery) {
    return this.queries.execute(new StreamStateQuery(sealStream, id, query.asOf));
  }

  @Get(':id/history')
  @Roles(...SEAL_READERS)
  @ApiOperation({ summary: '印章的全部事件（操作人、时间）' })
  history(@Param('id', IdPipe) id: string) {
    return this.queries.execute(new StreamHistoryQuery(sealStream, id));
  }

  @Get(':id/usage-register')
  @Roles(...SEAL_READERS)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: '用印登记簿（SEAL-9），format=csv 导出 Excel 可直接打开的 UTF-8 文件' })
  async usageRegister(@Param('id', IdPipe) id: string, @Query() query: UsageRegisterQuery, @Res({ passthrough: true }) response: FastifyReply) {
    const rows = await this.queries.execute(
      new SealUsageRegisterQuery(id, {
        ...(query.from !== undefined && { from: query.from }),
        ...(query.to !== undefined && { to: query.to }),
      }),
    );
    if (query.format !== 'csv') return rows;
    response.header('Content-Type', 'text/csv; charset=utf-8');
    response.header('Content-Disposition', `attachment; filename="seal-usage-register-${id}.csv"; filename*=UTF-8''${encodeURIComponent('用印登记簿')}-${id}.csv`);
    return usageRegisterCsv(rows);
  }
}
