import { Body, Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@oa/core';
import { Call, CommandContext, CommandHandling, CommandRoute, Confidential, Roles, Sha256Pipe, StateRoute, commandOn, mintId, type CommandCall, IdPipe, UploadedBody, type IncomingUpload } from '@oa/platform';
import type { OutgoingDocumentDraftInput } from '@oa/domain-documents';
import { DocumentContentQuery, DocumentHistoryQuery, DocumentListQuery, OutgoingDocumentQuery } from '../application/document.query-handlers';
import { DocumentTexts } from '../application/document-text';
import { DocumentFiles } from '../application/document-files';
import { voidRegisteredNumber } from '../application/document-number.allocator';
import { outgoingDocumentStream } from '../documents.service-definition';
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
import { DocumentFileUploadQuery } from './dto/file.request';

/** The DTO as the domain's draft input with its text instead of the hash: optional keys left out, lists copied. */
function draftOf(body: OutgoingDocumentDraftRequest): Omit<OutgoingDocumentDraftInput, 'contentHash'> & { readonly content: string } {
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
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(CommandHandling) private readonly ledgers: CommandHandling,
    @Inject(DocumentTexts) private readonly texts: DocumentTexts,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(DocumentFiles) private readonly files: DocumentFiles,
  ) {}

  @CommandRoute(undefined, { summary: '拟稿（正文由本服务保存，事件只记摘要；秘密及以上加密存储）', roles: DRAFTERS, creates: true })
  draft(@Body() body: OutgoingDocumentDraftRequest, @Call() call: CommandCall) {
    const id = mintId(call, 'DraftOutgoingDocument');
    const { content, ...draft } = draftOf(body);
    return this.texts.recording(id, content, draft.secrecyLevel, (contentHash) =>
      this.commands.execute(commandOn(outgoingDocumentStream, id, 'DraftOutgoingDocument', { ...draft, contentHash }, call, { created: true, ...this.texts.titleOf(id, draft.title) })),
    );
  }

  @CommandRoute(':id/revise', { summary: '修改文稿（整体替换；核稿后修改须重新核稿，DOC-2）', roles: DRAFTERS })
  revise(@Param('id', IdPipe) id: string, @Body() body: OutgoingDocumentDraftRequest, @Call() call: CommandCall) {
    const { content, ...draft } = draftOf(body);
    return this.texts.recording(id, content, draft.secrecyLevel, (contentHash) =>
      this.commands.execute(commandOn(outgoingDocumentStream, id, 'ReviseOutgoingDocumentDraft', { ...draft, contentHash }, call, this.texts.titleOf(id, draft.title))),
    );
  }

  @CommandRoute(':id/submit', { summary: '送核稿', roles: DRAFTERS })
  submit(@Param('id', IdPipe) id: string, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(outgoingDocumentStream, id, 'SubmitOutgoingDocumentForReview', {}, call));
  }

  @CommandRoute(':id/review', { summary: '核稿（DOC-1：拟稿人以外的核稿人；可退回修改）', roles: ['reviewer'] })
  review(@Param('id', IdPipe) id: string, @Body() body: ReviewOutgoingDocumentRequest, @Call() call: CommandCall) {
    const data = { decision: body.decision, ...(body.comments !== undefined && { comments: body.comments }) };
    return this.commands.execute(commandOn(outgoingDocumentStream, id, 'ReviewOutgoingDocument', data, call));
  }

  @CommandRoute(':id/countersign', { summary: '会签（DOC-3）', roles: COUNTERSIGNERS })
  countersign(@Param('id', IdPipe) id: string, @Body() body: CountersignOutgoingDocumentRequest, @Call() call: CommandCall) {
    const { party, code, opinion } = body;
    return this.commands.execute(commandOn(outgoingDocumentStream, id, 'CountersignOutgoingDocument', { party, code, opinion }, call));
  }

  @CommandRoute(':id/sign-off', { summary: '签发（DOC-2：签署意见、姓名和日期）', roles: ['signer'] })
  signOff(@Param('id', IdPipe) id: string, @Body() body: SignOffOutgoingDocumentRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(outgoingDocumentStream, id, 'SignOffOutgoingDocument', { opinion: body.opinion }, call));
  }

  @CommandRoute(':id/recheck', { summary: '复核（DOC-2：实质性修改退回原签发人）', roles: RECHECKERS })
  recheck(@Param('id', IdPipe) id: string, @Body() body: RecheckOutgoingDocumentRequest, @Call() call: CommandCall) {
    const { substantiveChange, content, notes } = body;
    const recheck = (contentHash?: string) =>
      this.commands.execute(commandOn(outgoingDocumentStream, id, 'RecheckOutgoingDocument', { substantiveChange, ...(contentHash !== undefined && { contentHash }), ...(notes !== undefined && { notes }) }, call));
    // DOC-2 a corrected text is stored and its hash recorded
    return content === undefined ? recheck() : this.texts.recording(id, content, undefined, recheck);
  }

  @CommandRoute(':id/register', { summary: '登记（DOC-4：在编号簿上分配发文字号，不空号、不重号）', roles: ['registrar'] })
  register(@Param('id', IdPipe) id: string, @Body() body: RegisterOutgoingDocumentRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(outgoingDocumentStream, id, 'RegisterOutgoingDocument', { copies: body.copies, ...(body.impressionsPerCopy !== undefined && { impressionsPerCopy: body.impressionsPerCopy }) }, call));
  }

  @CommandRoute(':id/distribute', { summary: '核发（DOC-6：涉密公文逐份标注份号）', roles: ['registrar'] })
  distribute(@Param('id', IdPipe) id: string, @Body() body: DistributeOutgoingDocumentRequest, @Call() call: CommandCall) {
    const deliveries = body.deliveries.map(({ recipient, copies, copyNumbers }) => ({ recipient, copies, ...(copyNumbers !== undefined && { copyNumbers }) }));
    return this.commands.execute(commandOn(outgoingDocumentStream, id, 'DistributeOutgoingDocument', { deliveries }, call));
  }

  @CommandRoute(':id/hand-off', { summary: '移交归档（核发后；事件携带档案所需的信息）', roles: ['registrar'] })
  handOff(@Param('id', IdPipe) id: string, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(outgoingDocumentStream, id, 'HandOffOutgoingDocumentForFiling', {}, call));
  }

  @CommandRoute(':id/withdraw', { summary: '撤回（签发前，拟稿人本人）', roles: DRAFTERS })
  withdraw(@Param('id', IdPipe) id: string, @Body() body: ReasonRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(outgoingDocumentStream, id, 'WithdrawOutgoingDocument', { reason: body.reason }, call));
  }

  @CommandRoute(':id/void', { summary: '作废（签发后、核发前；已登记的文号在编号簿上作废，不再使用）', roles: VOIDERS })
  async void(@Param('id', IdPipe) id: string, @Body() body: ReasonRequest, @Call() call: CommandCall) {
    const voided = await this.commands.execute(commandOn(outgoingDocumentStream, id, 'VoidOutgoingDocument', { reason: body.reason }, call));
    await voidRegisteredNumber(this.ledgers, voided, call.metadata);
    return voided;
  }

  @Get()
  @Roles(...DOCUMENT_READERS)
  @ApiOperation({ summary: '发文列表（COMMON-3：无权知悉的涉密公文不列出）' })
  list(@Query() query: ListDocumentsQuery, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new DocumentListQuery('outgoing', metadata.actor, { ...(query.status !== undefined && { status: query.status }) }));
  }

  @StateRoute(':id', { summary: '发文状态、版本与版头（asOf：某一时点的状态）', roles: DOCUMENT_READERS })
  get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new OutgoingDocumentQuery(id, metadata.actor, query.asOf));
  }

  @Get(':id/history')
  @Roles(...DOCUMENT_READERS)
  @ApiOperation({ summary: '发文的全部事件（操作人、时间）' })
  history(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new DocumentHistoryQuery('outgoing', id, metadata.actor));
  }

  @Get(':id/content')
  @Roles(...DOCUMENT_READERS)
  @Confidential('documentContent')
  @ApiOperation({ summary: '发文正文（COMMON-2：系统管理员不可读；COMMON-3：须有知悉权限）' })
  content(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new DocumentContentQuery('outgoing', id, metadata.actor));
  }

  /** FILE-1 the body is the file itself, streamed into the store; 正文 and 附件 by the drafter, the 签发稿 by the office's document staff. */
  @CommandRoute(':id/files', { summary: '上传正文、附件或签发稿（FILE-1：流式上传，大小受限；FILE-3：按内容判定格式；FILE-2：秘密及以上加密保存）', roles: [...DRAFTERS, ...RECHECKERS] })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  attachFile(@Param('id', IdPipe) id: string, @Query() query: DocumentFileUploadQuery, @UploadedBody() upload: IncomingUpload, @Call() call: CommandCall) {
    return this.files.attach('outgoing', id, query.role, query.name, upload, call);
  }

  @Get(':id/files/:sha256')
  @Roles(...DOCUMENT_READERS)
  @Confidential('documentContent')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: '下载正文、附件或签发稿（支持 Range；COMMON-2：系统管理员不可读；COMMON-3：须有知悉权限，否则 404）' })
  async downloadFile(@Param('id', IdPipe) id: string, @Param('sha256', Sha256Pipe) sha256: string, @CommandContext() metadata: CommandMetadata, @Req() request: FastifyRequest, @Res() response: FastifyReply) {
    await this.files.download('outgoing', id, sha256, metadata.actor, request, response);
  }
}
