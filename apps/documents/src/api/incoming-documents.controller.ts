import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandMetadata } from '@oa/core';
import { CommandContext, Confidential, Roles, CommandHeaders, CommandHeadersDoc, etagOf, replied, type CommandOptions, IdPipe } from '@oa/platform';
import { DocumentQueries } from '../application/document.queries';
import { IncomingDocumentCommandHandler } from '../application/incoming-document.command-handler';
import { CIRCULATION_READERS, DOCUMENT_READERS } from './access';
import {
  AssignHandlingRequest,
  CirculateRequest,
  CompleteRequest,
  InitialReviewRequest,
  InstructRequest,
  ProposeHandlingRequest,
  ReceiveIncomingDocumentRequest,
} from './dto/incoming-document.request';
import { AsOfQuery, ListDocumentsQuery } from './dto/read.request';

const withoutUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** 收文: 签收 → 登记 → 初审 → 拟办 → 批办 → 承办 / 传阅 → 办结 → 归档移交. */
@ApiTags('收文 (incoming-documents)')
@Controller('incoming-documents')
export class IncomingDocumentsController {
  constructor(
    @Inject(IncomingDocumentCommandHandler) private readonly commands: IncomingDocumentCommandHandler,
    @Inject(DocumentQueries) private readonly queries: DocumentQueries,
  ) {}

  @Post()
  @Roles('registrar')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '签收（DOC-8：来文机关、来文字号、密级、份数、紧急程度）' })
  async receive(@Body() body: ReceiveIncomingDocumentRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { secrecyPeriod, copyNumbers, ...rest } = body;
    const receipt = {
      ...withoutUndefined(rest),
      ...(secrecyPeriod !== undefined && { secrecyPeriod: { unit: secrecyPeriod.unit, value: secrecyPeriod.value } }),
      ...(copyNumbers !== undefined && { copyNumbers }),
    };
    return replied(response, await this.commands.receive(receipt, metadata, options));
  }

  @Post(':id/register')
  @HttpCode(HttpStatus.OK)
  @Roles('registrar')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '登记（DOC-8：收文编号按年度连续）' })
  async register(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.register(id, metadata, options));
  }

  @Post(':id/initial-review')
  @HttpCode(HttpStatus.OK)
  @Roles('registrar', 'officeDirector')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '初审（DOC-9：退文须说明理由并经办公室主任同意）' })
  async initialReview(@Param('id', IdPipe) id: string, @Body() body: InitialReviewRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.simple(id, 'ReviewIncomingDocumentInitially', withoutUndefined({ ...body }), metadata, options));
  }

  @Post(':id/propose')
  @HttpCode(HttpStatus.OK)
  @Roles('officeDirector')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '拟办' })
  async propose(@Param('id', IdPipe) id: string, @Body() body: ProposeHandlingRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.simple(id, 'ProposeIncomingDocumentHandling', { proposal: body.proposal }, metadata, options));
  }

  @Post(':id/instruct')
  @HttpCode(HttpStatus.OK)
  @Roles('leader', 'signer')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '批办（领导）' })
  async instruct(@Param('id', IdPipe) id: string, @Body() body: InstructRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.simple(id, 'InstructIncomingDocument', withoutUndefined({ ...body }), metadata, options));
  }

  @Post(':id/assign-handling')
  @HttpCode(HttpStatus.OK)
  @Roles('officeDirector')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '交办承办（DOC-10：一个主办单位、承办人和办理时限；紧急公文专人催办）' })
  async assignHandling(@Param('id', IdPipe) id: string, @Body() body: AssignHandlingRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { units, ...rest } = body;
    const data = { ...withoutUndefined(rest), units: units.map((u) => ({ unit: u.unit, role: u.role })) };
    return replied(response, await this.commands.simple(id, 'AssignIncomingDocumentHandling', data, metadata, options));
  }

  @Post(':id/circulate')
  @HttpCode(HttpStatus.OK)
  @Roles('officeDirector', 'registrar')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '传阅（DOC-11：涉密公文仅传阅具有相应知悉权限的人员）' })
  async circulate(@Param('id', IdPipe) id: string, @Body() body: CirculateRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const readers = body.readers.map((r) => ({ readerId: r.readerId, readerName: r.readerName, clearance: r.clearance }));
    return replied(response, await this.commands.simple(id, 'CirculateIncomingDocument', { readers }, metadata, options));
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @Roles(...CIRCULATION_READERS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '阅毕（传阅名单上的本人）' })
  async read(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.simple(id, 'MarkIncomingDocumentRead', {}, metadata, options));
  }

  @Post(':id/complete')
  @HttpCode(HttpStatus.OK)
  @Roles('handler')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '办结（DOC-12：须有办理结果，需答复的须已复文）' })
  async complete(@Param('id', IdPipe) id: string, @Body() body: CompleteRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const reply = body.reply ? withoutUndefined({ documentNumber: body.reply.documentNumber, outgoingDocumentId: body.reply.outgoingDocumentId }) : undefined;
    return replied(response, await this.commands.simple(id, 'CompleteIncomingDocument', { result: body.result, ...(reply !== undefined && { reply }) }, metadata, options));
  }

  @Post(':id/hand-off')
  @HttpCode(HttpStatus.OK)
  @Roles('registrar')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '移交归档' })
  async handOff(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.simple(id, 'HandOffIncomingDocumentForFiling', {}, metadata, options));
  }

  @Get()
  @Roles(...DOCUMENT_READERS)
  @ApiOperation({ summary: '收文列表（COMMON-3：无权知悉的涉密公文不列出）' })
  list(@Query() query: ListDocumentsQuery, @CommandContext() metadata: CommandMetadata) {
    return this.queries.list('incoming', metadata.actor, { ...(query.status !== undefined && { status: query.status }) });
  }

  @Get(':id')
  @Roles(...DOCUMENT_READERS)
  @ApiOperation({ summary: '收文状态与版本（asOf：某一时点的状态）' })
  async get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery, @CommandContext() metadata: CommandMetadata, @Res({ passthrough: true }) response: Response) {
    const { version, state } = await this.queries.incoming(id, metadata.actor, query.asOf);
    response.setHeader('ETag', etagOf(version));
    return { id, version, ...state };
  }

  @Get(':id/history')
  @Roles(...DOCUMENT_READERS)
  @ApiOperation({ summary: '收文的全部事件（操作人、时间）' })
  history(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata) {
    return this.queries.history('incoming', id, metadata.actor);
  }

  @Get(':id/content')
  @Roles(...DOCUMENT_READERS)
  @Confidential('documentContent')
  @ApiOperation({ summary: '收文正文（COMMON-2、COMMON-3）' })
  content(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata) {
    return this.queries.content('incoming', id, metadata.actor);
  }
}
