import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandMetadata } from '@oa/core';
import { CommandContext, Roles, CommandHeaders, CommandHeadersDoc, etagOf, replied, type CommandOptions, IdPipe } from '@oa/platform';
import { SealCommandHandler } from '../application/seal.command-handler';
import { SealQueries } from '../application/seal.queries';
import { usageRegisterCsv } from '../application/usage-register.csv';
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
    @Inject(SealCommandHandler) private readonly commands: SealCommandHandler,
    @Inject(SealQueries) private readonly queries: SealQueries,
  ) {}

  @Post()
  @Roles(...SEAL_ADMINISTRATORS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '刻制备案（登记印章）' })
  async register(@Body() body: RegisterSealRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.register({ ...body }, metadata, options));
  }

  @Post(':id/activate')
  @HttpCode(HttpStatus.OK)
  @Roles(...SEAL_ADMINISTRATORS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '启用' })
  async activate(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'ActivateSeal', {}, metadata, options));
  }

  @Post(':id/suspend')
  @HttpCode(HttpStatus.OK)
  @Roles(...SEAL_ADMINISTRATORS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '暂停使用' })
  async suspend(@Param('id', IdPipe) id: string, @Body() body: SealReasonRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'SuspendSeal', { reason: body.reason }, metadata, options));
  }

  @Post(':id/resume')
  @HttpCode(HttpStatus.OK)
  @Roles(...SEAL_ADMINISTRATORS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '恢复使用' })
  async resume(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'ResumeSeal', {}, metadata, options));
  }

  @Post(':id/disable')
  @HttpCode(HttpStatus.OK)
  @Roles(...SEAL_ADMINISTRATORS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '停用' })
  async disable(@Param('id', IdPipe) id: string, @Body() body: SealReasonRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'DisableSeal', { reason: body.reason }, metadata, options));
  }

  @Post(':id/surrender')
  @HttpCode(HttpStatus.OK)
  @Roles(...SEAL_ADMINISTRATORS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '缴销（须有监销人）' })
  async surrender(@Param('id', IdPipe) id: string, @Body() body: SurrenderSealRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { witnessId, witnessName, reason } = body;
    return replied(response, await this.commands.handle(id, 'SurrenderSeal', { witnessId, witnessName, ...(reason !== undefined && { reason }) }, metadata, options));
  }

  @Post(':id/keeper')
  @HttpCode(HttpStatus.OK)
  @Roles(...SEAL_ADMINISTRATORS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '指定保管人（SEAL-2：此后更换须办理交接）' })
  async assignKeeper(@Param('id', IdPipe) id: string, @Body() body: AssignSealKeeperRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'AssignSealKeeper', { keeperId: body.keeperId, keeperName: body.keeperName }, metadata, options));
  }

  @Post(':id/handovers')
  @Roles('officeDirector', 'sealKeeper')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '发起交接（SEAL-2：须有监交人）' })
  async initiateHandover(@Param('id', IdPipe) id: string, @Body() body: InitiateSealHandoverRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.initiateHandover(id, { ...body }, metadata, options));
  }

  @Post(':id/handovers/confirm')
  @HttpCode(HttpStatus.OK)
  @Roles('sealKeeper')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '确认交接（交出或接收的保管人本人）' })
  async confirmHandover(@Param('id', IdPipe) id: string, @Body() body: ConfirmSealHandoverRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'ConfirmSealHandover', { handoverId: body.handoverId }, metadata, options));
  }

  @Post(':id/handovers/cancel')
  @HttpCode(HttpStatus.OK)
  @Roles(...SEAL_ADMINISTRATORS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '取消未完成的交接' })
  async cancelHandover(@Param('id', IdPipe) id: string, @Body() body: CancelSealHandoverRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'CancelSealHandover', { handoverId: body.handoverId, reason: body.reason }, metadata, options));
  }

  @Post(':id/checkouts')
  @Roles('sealKeeper', 'officeDirector')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '外借申请（SEAL-8：事由、去向、携印人、预计归还时间）' })
  async requestCheckout(@Param('id', IdPipe) id: string, @Body() body: RequestSealCheckoutRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.requestCheckout(id, { ...body }, metadata, options));
  }

  @Post(':id/checkouts/approve')
  @HttpCode(HttpStatus.OK)
  @Roles('leader')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '批准外借（SEAL-8：单位主要领导）' })
  async approveCheckout(@Param('id', IdPipe) id: string, @Body() body: ApproveSealCheckoutRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { checkoutId, comment } = body;
    return replied(response, await this.commands.handle(id, 'ApproveSealCheckout', { checkoutId, ...(comment !== undefined && { comment }) }, metadata, options));
  }

  @Post(':id/checkouts/reject')
  @HttpCode(HttpStatus.OK)
  @Roles('leader')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '不予批准外借' })
  async rejectCheckout(@Param('id', IdPipe) id: string, @Body() body: RejectSealCheckoutRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'RejectSealCheckout', { checkoutId: body.checkoutId, reason: body.reason }, metadata, options));
  }

  @Post(':id/return')
  @HttpCode(HttpStatus.OK)
  @Roles('sealKeeper')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '归还（SEAL-8：由保管人登记）' })
  async returnSeal(@Param('id', IdPipe) id: string, @Body() body: ReturnSealRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { checkoutId, remarks } = body;
    return replied(response, await this.commands.handle(id, 'ReturnSeal', { checkoutId, ...(remarks !== undefined && { remarks }) }, metadata, options));
  }

  @Get()
  @Roles(...SEAL_READERS)
  @ApiOperation({ summary: '印章台账（可按单位、种类、状态筛选）' })
  list(@Query() query: ListSealsQuery) {
    return this.queries.list({
      ...(query.unit !== undefined && { unit: query.unit }),
      ...(query.kind !== undefined && { kind: query.kind }),
      ...(query.status !== undefined && { status: query.status }),
    });
  }

  @Get(':id')
  @Roles(...SEAL_READERS)
  @ApiOperation({ summary: '印章状态与版本（asOf：某一时点的状态）' })
  async get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery, @Res({ passthrough: true }) response: Response) {
    const { version, state } = await this.queries.seal(id, query.asOf);
    response.setHeader('ETag', etagOf(version));
    return { id, version, ...state };
  }

  @Get(':id/history')
  @Roles(...SEAL_READERS)
  @ApiOperation({ summary: '印章的全部事件（操作人、时间）' })
  history(@Param('id', IdPipe) id: string) {
    return this.queries.sealHistory(id);
  }

  @Get(':id/usage-register')
  @Roles(...SEAL_READERS)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: '用印登记簿（SEAL-9），format=csv 导出 Excel 可直接打开的 UTF-8 文件' })
  async usageRegister(@Param('id', IdPipe) id: string, @Query() query: UsageRegisterQuery, @Res({ passthrough: true }) response: Response) {
    const rows = await this.queries.usageRegister(id, {
      ...(query.from !== undefined && { from: query.from }),
      ...(query.to !== undefined && { to: query.to }),
    });
    if (query.format !== 'csv') return rows;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="seal-usage-register-${id}.csv"; filename*=UTF-8''${encodeURIComponent('用印登记簿')}-${id}.csv`);
    return usageRegisterCsv(rows);
  }
}
