import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandMetadata } from '@oa/core';
import { CommandContext, Roles, CommandHeaders, CommandHeadersDoc, etagOf, replied, type CommandOptions, IdPipe } from '@oa/platform';
import { SealQueries } from '../application/seal.queries';
import { SealUsageApplicationCommandHandler } from '../application/seal-usage-application.command-handler';
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
    @Inject(SealUsageApplicationCommandHandler) private readonly commands: SealUsageApplicationCommandHandler,
    @Inject(SealQueries) private readonly queries: SealQueries,
  ) {}

  @Post()
  @Roles(...STAFF)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '提交用印申请（SEAL-5：严禁空白纸张、空白介绍信）' })
  async apply(@Body() body: ApplyForSealUsageRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.apply({ ...body }, metadata, options));
  }

  @Post(':id/approve')
  @HttpCode(HttpStatus.OK)
  @Roles('sealApprover')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '批准（SEAL-4：不得审批本人申请或本人保管的印章）' })
  async approve(@Param('id', IdPipe) id: string, @Body() body: ApproveSealUsageApplicationRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.approve(id, { ...(body.comment !== undefined && { comment: body.comment }) }, metadata, options));
  }

  @Post(':id/reject')
  @HttpCode(HttpStatus.OK)
  @Roles('sealApprover')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '不予批准（须说明理由）' })
  async reject(@Param('id', IdPipe) id: string, @Body() body: RejectSealUsageApplicationRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.reject(id, { reason: body.reason }, metadata, options));
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @Roles(...STAFF)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '撤回（申请人本人）' })
  async cancel(@Param('id', IdPipe) id: string, @Body() body: CancelSealUsageApplicationRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.cancel(id, { ...(body.reason !== undefined && { reason: body.reason }) }, metadata, options));
  }

  @Post(':id/usages')
  @Roles('sealKeeper')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '用印登记（SEAL-3 先审批后用印；SEAL-6 不得超过批准次数）' })
  async recordUsage(@Param('id', IdPipe) id: string, @Body() body: RecordSealUsageRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { usageId, copies, impressions, witnessId, witnessName, remarks } = body;
    return replied(
      response,
      await this.commands.recordUsage(id, { ...(usageId !== undefined && { usageId }), copies, impressions, witnessId, witnessName, ...(remarks !== undefined && { remarks }) }, metadata, options),
    );
  }

  @Get(':id')
  @Roles(...APPLICATION_READERS)
  @ApiOperation({ summary: '用印申请的状态与版本（asOf：某一时点的状态）' })
  async get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery, @Res({ passthrough: true }) response: Response) {
    const { version, state } = await this.queries.application(id, query.asOf);
    response.setHeader('ETag', etagOf(version));
    return { id, version, ...state };
  }

  @Get(':id/history')
  @Roles(...APPLICATION_READERS)
  @ApiOperation({ summary: '用印申请的全部事件（操作人、时间）' })
  history(@Param('id', IdPipe) id: string) {
    return this.queries.applicationHistory(id);
  }
}
