import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandMetadata } from '@oa/core';
import { CommandContext, Confidential, Roles, CommandHeaders, CommandHeadersDoc, etagOf, replied, type CommandOptions, IdPipe } from '@oa/platform';
import { DocumentQueries } from '../application/document.queries';
import { OutgoingDocumentCommandHandler, type OutgoingDraft } from '../application/outgoing-document.command-handler';
import { COUNTERSIGNERS, DOCUMENT_READERS, DRAFTERS, RECHECKERS, VOIDERS } from './access';
import {
  CountersignOutgoingDocumentRequest,
  DistributeOutgoingDocumentRequest,
  OutgoingDocumentDraftRequest,
  ReasonRequest,
  RecheckOutgoingDocumentRequest,
  RegisterOutgoingDocumentRequest,
  ReviewOutgoingDocumentRequest,
  SignOffOutgoingDocumentRequest,
} from './dto/outgoing-document.request';
import { AsOfQuery, ListDocumentsQuery } from './dto/read.request';

/** The DTO as the domain's draft input: optional keys left out, lists copied. */
function draftOf(body: OutgoingDocumentDraftRequest): OutgoingDraft {
  const { mainRecipients, copyRecipients, secrecyPeriod, attachments, countersignDepartments, coIssuers, readers, ...rest } = body;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as typeof rest;
  return {
    ...defined,
    ...(mainRecipients !== undefined && { mainRecipients: mainRecipients.map((r) => ({ ...r })) }),
    ...(copyRecipients !== undefined && { copyRecipients: copyRecipients.map((r) => ({ ...r })) }),
    ...(secrecyPeriod !== undefined && { secrecyPeriod: { unit: secrecyPeriod.unit, value: secrecyPeriod.value } }),
    ...(attachments !== undefined && { attachments: attachments.map((a) => ({ ...a })) }),
    ...(countersignDepartments !== undefined && { countersignDepartments }),
    ...(coIssuers !== undefined && { coIssuers }),
    ...(readers !== undefined && { readers }),
  };
}

/** 发文: 拟稿 → 核稿 → 会签 → 签发 → 复核 → 登记 → 核发; reads with version, header, history, asOf and content. */
@ApiTags('发文 (outgoing-documents)')
@Controller('outgoing-documents')
export class OutgoingDocumentsController {
  constructor(
    @Inject(OutgoingDocumentCommandHandler) private readonly commands: OutgoingDocumentCommandHandler,
    @Inject(DocumentQueries) private readonly queries: DocumentQueries,
  ) {}

  @Post()
  @Roles(...DRAFTERS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '拟稿（正文由本服务保存，事件只记摘要；秘密及以上加密存储）' })
  async draft(@Body() body: OutgoingDocumentDraftRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.draft(draftOf(body), metadata, options));
  }

  @Post(':id/revise')
  @HttpCode(HttpStatus.OK)
  @Roles(...DRAFTERS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '修改文稿（整体替换；核稿后修改须重新核稿，DOC-2）' })
  async revise(@Param('id', IdPipe) id: string, @Body() body: OutgoingDocumentDraftRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.revise(id, draftOf(body), metadata, options));
  }

  @Post(':id/submit')
  @HttpCode(HttpStatus.OK)
  @Roles(...DRAFTERS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '送核稿' })
  async submit(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.simple(id, 'SubmitOutgoingDocumentForReview', {}, metadata, options));
  }

  @Post(':id/review')
  @HttpCode(HttpStatus.OK)
  @Roles('reviewer')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '核稿（DOC-1：拟稿人以外的核稿人；可退回修改）' })
  async review(@Param('id', IdPipe) id: string, @Body() body: ReviewOutgoingDocumentRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const data = { decision: body.decision, ...(body.comments !== undefined && { comments: body.comments }) };
    return replied(response, await this.commands.simple(id, 'ReviewOutgoingDocument', data, metadata, options));
  }

  @Post(':id/countersign')
  @HttpCode(HttpStatus.OK)
  @Roles(...COUNTERSIGNERS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '会签（DOC-3）' })
  async countersign(@Param('id', IdPipe) id: string, @Body() body: CountersignOutgoingDocumentRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { party, code, opinion, signerName } = body;
    return replied(response, await this.commands.simple(id, 'CountersignOutgoingDocument', { party, code, opinion, ...(signerName !== undefined && { signerName }) }, metadata, options));
  }

  @Post(':id/sign-off')
  @HttpCode(HttpStatus.OK)
  @Roles('signer')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '签发（DOC-2：签署意见、姓名和日期）' })
  async signOff(@Param('id', IdPipe) id: string, @Body() body: SignOffOutgoingDocumentRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.signOff(id, body.opinion, metadata, options));
  }

  @Post(':id/recheck')
  @HttpCode(HttpStatus.OK)
  @Roles(...RECHECKERS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '复核（DOC-2：实质性修改退回原签发人）' })
  async recheck(@Param('id', IdPipe) id: string, @Body() body: RecheckOutgoingDocumentRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { substantiveChange, content, notes } = body;
    return replied(response, await this.commands.recheck(id, { substantiveChange, ...(content !== undefined && { content }), ...(notes !== undefined && { notes }) }, metadata, options));
  }

  @Post(':id/register')
  @HttpCode(HttpStatus.OK)
  @Roles('registrar')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '登记（DOC-4：在编号簿上分配发文字号，不空号、不重号）' })
  async register(@Param('id', IdPipe) id: string, @Body() body: RegisterOutgoingDocumentRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.register(id, body.copies, metadata, options));
  }

  @Post(':id/distribute')
  @HttpCode(HttpStatus.OK)
  @Roles('registrar')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '核发（DOC-6：涉密公文逐份标注份号）' })
  async distribute(@Param('id', IdPipe) id: string, @Body() body: DistributeOutgoingDocumentRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const deliveries = body.deliveries.map(({ recipient, copies, copyNumbers }) => ({ recipient, copies, ...(copyNumbers !== undefined && { copyNumbers }) }));
    return replied(response, await this.commands.simple(id, 'DistributeOutgoingDocument', { deliveries }, metadata, options));
  }

  @Post(':id/hand-off')
  @HttpCode(HttpStatus.OK)
  @Roles('registrar')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '移交归档（核发后；事件携带档案所需的信息）' })
  async handOff(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.simple(id, 'HandOffOutgoingDocumentForFiling', {}, metadata, options));
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @Roles(...DRAFTERS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '撤回（签发前，拟稿人本人）' })
  async withdraw(@Param('id', IdPipe) id: string, @Body() body: ReasonRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.simple(id, 'WithdrawOutgoingDocument', { reason: body.reason }, metadata, options));
  }

  @Post(':id/void')
  @HttpCode(HttpStatus.OK)
  @Roles(...VOIDERS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '作废（签发后、核发前；已登记的文号在编号簿上作废，不再使用）' })
  async void(@Param('id', IdPipe) id: string, @Body() body: ReasonRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.void(id, body.reason, metadata, options));
  }

  @Get()
  @Roles(...DOCUMENT_READERS)
  @ApiOperation({ summary: '发文列表（COMMON-3：无权知悉的涉密公文不列出）' })
  list(@Query() query: ListDocumentsQuery, @CommandContext() metadata: CommandMetadata) {
    return this.queries.list('outgoing', metadata.actor, { ...(query.status !== undefined && { status: query.status }) });
  }

  @Get(':id')
  @Roles(...DOCUMENT_READERS)
  @ApiOperation({ summary: '发文状态、版本与版头（asOf：某一时点的状态）' })
  async get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery, @CommandContext() metadata: CommandMetadata, @Res({ passthrough: true }) response: Response) {
    const { version, state, header } = await this.queries.outgoing(id, metadata.actor, query.asOf);
    response.setHeader('ETag', etagOf(version));
    return { id, version, ...state, header };
  }

  @Get(':id/history')
  @Roles(...DOCUMENT_READERS)
  @ApiOperation({ summary: '发文的全部事件（操作人、时间）' })
  history(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata) {
    return this.queries.history('outgoing', id, metadata.actor);
  }

  @Get(':id/content')
  @Roles(...DOCUMENT_READERS)
  @Confidential('documentContent')
  @ApiOperation({ summary: '发文正文（COMMON-2：系统管理员不可读；COMMON-3：须有知悉权限）' })
  content(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata) {
    return this.queries.content('outgoing', id, metadata.actor);
  }
}
