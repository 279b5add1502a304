import { Body, Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@oa/core';
import { isSecrecyLevel } from '@oa/domain-documents';
import { Call, CommandContext, CommandRoute, Confidential, DirectoryAuthorities, RequestValidationError, Roles, Sha256Pipe, StateRoute, commandOn, mintId, type CommandCall, IdPipe, UploadedBody, type IncomingUpload } from '@oa/platform';
import { DocumentContentQuery, DocumentHistoryQuery, DocumentListQuery, IncomingDocumentQuery } from '../application/document.query-handlers';
import { DocumentTexts } from '../application/document-text';
import { DocumentFiles } from '../application/document-files';
import { DocumentFileUploadQuery } from './dto/file.request';
import { incomingDocumentStream } from '../documents.service-definition';
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
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(DocumentTexts) private readonly texts: DocumentTexts,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(DirectoryAuthorities) private readonly directory: DirectoryAuthorities,
    @Inject(DocumentFiles) private readonly files: DocumentFiles,
  ) {}

  @CommandRoute(undefined, { summary: '签收（DOC-8：来文机关、来文字号、密级、份数、紧急程度）', roles: ['registrar'], creates: true })
  receive(@Body() body: ReceiveIncomingDocumentRequest, @Call() call: CommandCall) {
    const id = mintId(call, 'ReceiveIncomingDocument');
    const { secrecyPeriod, copyNumbers, content, ...rest } = body;
    const receive = (contentHash?: string) => {
      const receipt = {
        ...withoutUndefined(rest),
        ...(secrecyPeriod !== undefined && { secrecyPeriod: { unit: secrecyPeriod.unit, value: secrecyPeriod.value } }),
        ...(copyNumbers !== undefined && { copyNumbers }),
        ...(contentHash !== undefined && { contentHash }),
      };
      return this.commands.execute(commandOn(incomingDocumentStream, id, 'ReceiveIncomingDocument', receipt, call, { created: true, ...this.texts.titleOf(id, rest.title) }));
    };
    return content === undefined ? receive() : this.texts.recording(id, content, rest.secrecyLevel, receive);
  }

  @CommandRoute(':id/register', { summary: '登记（DOC-8：收文编号按年度连续）', roles: ['registrar'] })
  register(@Param('id', IdPipe) id: string, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(incomingDocumentStream, id, 'RegisterIncomingDocument', {}, call));
  }

  @CommandRoute(':id/initial-review', { summary: '初审（DOC-9：退文须说明理由并经办公室主任同意）', roles: ['registrar', 'officeDirector'] })
  initialReview(@Param('id', IdPipe) id: string, @Body() body: InitialReviewRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(incomingDocumentStream, id, 'ReviewIncomingDocumentInitially', withoutUndefined({ ...body }), call));
  }

  @CommandRoute(':id/propose', { summary: '拟办', roles: ['officeDirector'] })
  propose(@Param('id', IdPipe) id: string, @Body() body: ProposeHandlingRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(incomingDocumentStream, id, 'ProposeIncomingDocumentHandling', { proposal: body.proposal }, call));
  }

  @CommandRoute(':id/instruct', { summary: '批办（领导）', roles: ['leader', 'signer'] })
  instruct(@Param('id', IdPipe) id: string, @Body() body: InstructRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(incomingDocumentStream, id, 'InstructIncomingDocument', withoutUndefined({ ...body }), call));
  }

  @CommandRoute(':id/assign-handling', { summary: '交办承办（DOC-10：一个主办单位、承办人和办理时限；紧急公文专人催办）', roles: ['officeDirector'] })
  assignHandling(@Param('id', IdPipe) id: string, @Body() body: AssignHandlingRequest, @Call() call: CommandCall) {
    const { units, ...rest } = body;
    const data = { ...withoutUndefined(rest), units: units.map((u) => ({ unit: u.unit, role: u.role })) };
    return this.commands.execute(commandOn(incomingDocumentStream, id, 'AssignIncomingDocumentHandling', data, call));
  }

  @CommandRoute(':id/circulate', { summary: '传阅（DOC-11：涉密公文仅传阅具有相应知悉权限的人员）', roles: ['officeDirector', 'registrar'] })
  circulate(@Param('id', IdPipe) id: string, @Body() body: CirculateRequest, @Call() call: CommandCall) {
    // DOC-11 / DIR-2: each reader's clearance is the directory's at this instant (with its grant), never the request's;
    // before the directory is in force nobody is cleared, so only unclassified documents circulate
    const readers = body.readers.map(({ readerId, readerName }, index) => {
      const person = this.directory.personAt(readerId, call.metadata.now);
      if (person !== undefined && !person.active) {
        throw new RequestValidationError([{ field: `readers[${index}].readerId`, reasons: [person.known ? `${person.name ?? readerId}已离岗，不能传阅` : `${readerId}不在组织与人员目录中`] }]);
      }
      const grantId = person?.active ? person.authority.clearance.grantId : undefined;
      return { readerId, readerName: person?.name ?? readerName, clearance: person?.active && isSecrecyLevel(person.clearance) ? person.clearance : 'none', ...(grantId !== undefined && { clearanceGrantId: grantId }) };
    });
    return this.commands.execute(commandOn(incomingDocumentStream, id, 'CirculateIncomingDocument', { readers }, call));
  }

  @CommandRoute(':id/read', { summary: '阅毕（传阅名单上的本人）', roles: CIRCULATION_READERS })
  read(@Param('id', IdPipe) id: string, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(incomingDocumentStream, id, 'MarkIncomingDocumentRead', {}, call));
  }

  @CommandRoute(':id/complete', { summary: '办结（DOC-12：须有办理结果，需答复的须已复文）', roles: ['handler'] })
  complete(@Param('id', IdPipe) id: string, @Body() body: CompleteRequest, @Call() call: CommandCall) {
    const reply = body.reply ? { outgoingDocumentId: body.reply.outgoingDocumentId, ...(body.reply.documentNumber !== undefined && { documentNumber: body.reply.documentNumber }) } : undefined;
    return this.commands.execute(commandOn(incomingDocumentStream, id, 'CompleteIncomingDocument', { result: body.result, ...(reply !== undefined && { reply }) }, call));
  }

  @CommandRoute(':id/hand-off', { summary: '移交归档', roles: ['registrar'] })
  handOff(@Param('id', IdPipe) id: string, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(incomingDocumentStream, id, 'HandOffIncomingDocumentForFiling', {}, call));
  }

  @Get()
  @Roles(...DOCUMENT_READERS)
  @ApiOperation({ summary: '收文列表（COMMON-3：无权知悉的涉密公文不列出）' })
  list(@Query() query: ListDocumentsQuery, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new DocumentListQuery('incoming', metadata.actor, { ...(query.status !== undefined && { status: query.status }) }));
  }

  @StateRoute(':id', { summary: '收文状态与版本（asOf：某一时点的状态）', roles: DOCUMENT_READERS })
  get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new IncomingDocumentQuery(id, metadata.actor, query.asOf));
  }

  @Get(':id/history')
  @Roles(...DOCUMENT_READERS)
  @ApiOperation({ summary: '收文的全部事件（操作人、时间）' })
  history(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new DocumentHistoryQuery('incoming', id, metadata.actor));
  }

  @Get(':id/content')
  @Roles(...DOCUMENT_READERS)
  @Confidential('documentContent')
  @ApiOperation({ summary: '收文正文（COMMON-2、COMMON-3）' })
  content(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new DocumentContentQuery('incoming', id, metadata.actor));
  }

  /** FILE-1 the body is the file itself: the electronic text or, for a 收文 on paper, its scanned copy (正文), and 附件. */
  @CommandRoute(':id/files', { summary: '上传收文正文（纸质来文的扫描件）或附件（FILE-1：流式上传；FILE-3：按内容判定格式；FILE-2：秘密及以上加密保存）', roles: ['registrar', 'handler'] })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  attachFile(@Param('id', IdPipe) id: string, @Query() query: DocumentFileUploadQuery, @UploadedBody() upload: IncomingUpload, @Call() call: CommandCall) {
    return this.files.attach('incoming', id, query.role, query.name, upload, call);
  }

  @Get(':id/files/:sha256')
  @Roles(...DOCUMENT_READERS)
  @Confidential('documentContent')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: '下载收文正文或附件（支持 Range；COMMON-2、COMMON-3）' })
  async downloadFile(@Param('id', IdPipe) id: string, @Param('sha256', Sha256Pipe) sha256: string, @CommandContext() metadata: CommandMetadata, @Req() request: FastifyRequest, @Res() response: FastifyReply) {
    await this.files.download('incoming', id, sha256, metadata.actor, request, response);
  }
}
