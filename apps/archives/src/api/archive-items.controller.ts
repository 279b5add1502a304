import { Body, Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@oa/core';
import { Call, CommandContext, CommandRoute, Confidential, IdPipe, Roles, StateRoute, commandOn, mintId, replyOf, type CommandCall, UploadedBody, type IncomingUpload } from '@oa/platform';
import { ArchiveItemWorkflows } from '../application/archive-item.workflows';
import { ArchiveComponents } from '../application/archive-components';
import { ArchiveCatalogueQuery, ArchiveItemByCodeQuery, ArchiveItemHistoryQuery, ArchiveItemQuery } from '../application/archive.query-handlers';
import { archiveItemStream } from '../archives.service-definition';
import { ARCHIVE_READERS, ARCHIVISTS, BORROWERS, LOAN_APPROVERS } from './access';
import {
  AppraiseRequest,
  ApproveDestructionRequest,
  ApproveLoanRequest,
  AsOfQuery,
  CatalogueQuery,
  ComponentUploadQuery,
  DestroyRequest,
  FileArchiveItemRequest,
  RejectDestructionRequest,
  RejectRequest,
  RequestLoanRequest,
  ReturnLoanRequest,
} from './dto/archive-item.request';

/** 档案: filing, the catalogue, loans, appraisal and destruction; reads with version, history and asOf. */
@ApiTags('档案 (archive-items)')
@Controller('archive-items')
export class ArchiveItemsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(ArchiveItemWorkflows) private readonly workflows: ArchiveItemWorkflows,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(ArchiveComponents) private readonly components: ArchiveComponents,
  ) {}

  @Get()
  @Roles(...ARCHIVE_READERS)
  @ApiOperation({ summary: '档案目录（按年度、保管期限、机构、题名、密级检索）' })
  list(@Query() query: CatalogueQuery, @CommandContext() metadata: CommandMetadata) {
    const filter = {
      ...(query.year !== undefined && { year: Number(query.year) }),
      ...(query.retention !== undefined && { retention: query.retention }),
      ...(query.organisation !== undefined && { organisation: query.organisation }),
      ...(query.title !== undefined && { title: query.title }),
      ...(query.secrecyLevel !== undefined && { secrecyLevel: query.secrecyLevel }),
    };
    return this.queries.execute(new ArchiveCatalogueQuery({ list: 'catalogue', filter }, metadata.actor));
  }

  @Get('late-filings')
  @Roles(...ARCHIVE_READERS)
  @ApiOperation({ summary: '逾期归档的档案（ARC-3：次年6月30日后归档）' })
  lateFilings(@CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new ArchiveCatalogueQuery({ list: 'lateFilings' }, metadata.actor));
  }

  @CommandRoute(':id/file', { summary: '归档（ARC-1 著录；ARC-2 生成档号；ARC-4 四性检测）', roles: ARCHIVISTS })
  file(@Param('id', IdPipe) id: string, @Body() body: FileArchiveItemRequest, @Call() call: CommandCall) {
    const { fondsCode, year, retention, organisationCode, pages } = body;
    return this.workflows.file(id, { fondsCode, year, retention, organisationCode, pages }, call);
  }

  @CommandRoute(':id/components/fetch', { summary: '重取电子文件（FILE-4：向来源服务取得尚无副本的组件；来源服务同时记录移交）', roles: ARCHIVISTS })
  fetchComponents(@Param('id', IdPipe) id: string, @Call() call: CommandCall) {
    return this.components.fetch(id, call);
  }

  /** FILE-4 the body is the file itself: a component its source could not send. */
  @CommandRoute(':id/components/:componentId/file', { summary: '上传组件的电子文件（FILE-4：来源服务无法提供时由档案员上传；与来源登记的摘要不符的，归档时真实性检测不通过）', roles: ARCHIVISTS })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  uploadComponent(@Param('id', IdPipe) id: string, @Param('componentId') componentId: string, @Query() query: ComponentUploadQuery, @UploadedBody() upload: IncomingUpload, @Call() call: CommandCall) {
    return this.components.upload(id, componentId, query.name, upload, call);
  }

  @Get(':id/components/:componentId/file')
  @Roles(...ARCHIVE_READERS)
  @Confidential('documentContent')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: '下载档案组件的电子文件（支持 Range；COMMON-2：系统管理员不可读；COMMON-3：须有相应密级和知悉权限）' })
  async downloadComponent(@Param('id', IdPipe) id: string, @Param('componentId') componentId: string, @CommandContext() metadata: CommandMetadata, @Req() request: FastifyRequest, @Res() response: FastifyReply) {
    await this.components.download(id, componentId, metadata.actor, request, response);
  }

  @CommandRoute(':id/four-properties-check', { summary: '四性检测（ARC-4：由本服务保存的电子文件重新计算摘要和格式；结果无论通过与否均记录为事件）', roles: [...ARCHIVISTS, 'auditor'] })
  checkFourProperties(@Param('id', IdPipe) id: string, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(archiveItemStream, id, 'CheckArchiveItemFourProperties', {}, call));
  }

  /** ARC-5 借阅: the loan's id is the server's; the borrower is the actor. */
  @CommandRoute(':id/loans', { summary: '借阅申请（ARC-5：借阅人密级须不低于档案密级）', roles: BORROWERS, creates: true })
  async requestLoan(@Param('id', IdPipe) id: string, @Body() body: RequestLoanRequest, @Call() call: CommandCall) {
    const loanId = mintId(call, `RequestArchiveItemLoan:${id}`);
    return { ...replyOf(await this.commands.execute(commandOn(archiveItemStream, id, 'RequestArchiveItemLoan', { purpose: body.purpose, dueAt: body.dueAt, loanId }, call))), loanId };
  }

  @CommandRoute(':id/loans/:loanId/approve', { summary: '批准借阅（ARC-5：涉密档案由办公室主任审批）', roles: LOAN_APPROVERS })
  approveLoan(@Param('id', IdPipe) id: string, @Param('loanId', IdPipe) loanId: string, @Body() body: ApproveLoanRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(archiveItemStream, id, 'ApproveArchiveItemLoan', { loanId, ...(body.comment !== undefined && { comment: body.comment }) }, call));
  }

  @CommandRoute(':id/loans/:loanId/reject', { summary: '不予批准借阅', roles: LOAN_APPROVERS })
  rejectLoan(@Param('id', IdPipe) id: string, @Param('loanId', IdPipe) loanId: string, @Body() body: RejectRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(archiveItemStream, id, 'RejectArchiveItemLoan', { loanId, reason: body.reason }, call));
  }

  @CommandRoute(':id/loans/:loanId/return', { summary: '归还（ARC-5：由档案员登记）', roles: ARCHIVISTS })
  returnLoan(@Param('id', IdPipe) id: string, @Param('loanId', IdPipe) loanId: string, @Body() body: ReturnLoanRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(archiveItemStream, id, 'ReturnArchiveItemLoan', { loanId, ...(body.remarks !== undefined && { remarks: body.remarks }) }, call));
  }

  /** ARC-6 鉴定: the appraisal's id is the server's; approval and destruction name it. */
  @CommandRoute(':id/appraise', { summary: '鉴定（ARC-6：保管期满后由鉴定小组作出，销毁或延长保管期限）', roles: ['appraisalCommittee'] })
  async appraise(@Param('id', IdPipe) id: string, @Body() body: AppraiseRequest, @Call() call: CommandCall) {
    const { decision, reason, extendYears } = body;
    const appraisalId = mintId(call, `AppraiseArchiveItem:${id}`);
    return { ...replyOf(await this.commands.execute(commandOn(archiveItemStream, id, 'AppraiseArchiveItem', { decision, reason, ...(extendYears !== undefined && { extendYears }), appraisalId }, call))), appraisalId };
  }

  @CommandRoute(':id/destruction/approve', { summary: '批准销毁（ARC-6：须经领导批准）', roles: ['leader'] })
  approveDestruction(@Param('id', IdPipe) id: string, @Body() body: ApproveDestructionRequest, @Call() call: CommandCall) {
    const { appraisalId, comment } = body;
    return this.commands.execute(commandOn(archiveItemStream, id, 'ApproveArchiveItemDestruction', { appraisalId, ...(comment !== undefined && { comment }) }, call));
  }

  @CommandRoute(':id/destruction/reject', { summary: '不予批准销毁', roles: ['leader'] })
  rejectDestruction(@Param('id', IdPipe) id: string, @Body() body: RejectDestructionRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(archiveItemStream, id, 'RejectArchiveItemDestruction', { appraisalId: body.appraisalId, reason: body.reason }, call));
  }

  /** ARC-6 销毁: the destruction list entry's id is the server's. */
  @CommandRoute(':id/destroy', { summary: '销毁（ARC-6：两名以上监销人，登记销毁清册，保留著录信息；永久档案不得销毁）', roles: ARCHIVISTS })
  async destroy(@Param('id', IdPipe) id: string, @Body() body: DestroyRequest, @Call() call: CommandCall) {
    const witnesses = body.witnesses.map(({ id: witnessId, name }) => ({ id: witnessId, name }));
    const destructionListId = mintId(call, `DestroyArchiveItem:${id}`);
    return {
      ...replyOf(await this.commands.execute(commandOn(archiveItemStream, id, 'DestroyArchiveItem', { appraisalId: body.appraisalId, method: body.method, witnesses, destructionListId }, call))),
      destructionListId,
    };
  }

  @StateRoute(':id', { summary: '档案的状态、著录项与版本（asOf：某一时点的状态）', roles: ARCHIVE_READERS })
  get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new ArchiveItemQuery(id, metadata.actor, query.asOf));
  }

  @Get(':id/history')
  @Roles(...ARCHIVE_READERS)
  @ApiOperation({ summary: '档案的全部事件（操作人、时间）' })
  history(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new ArchiveItemHistoryQuery(id, metadata.actor));
  }
}

/** 档号 (ARC-2): the item filed under an archival code, as its own resource so paths never overlap. */
@ApiTags('档案 (archive-items)')
@Controller('archival-codes')
export class ArchivalCodesController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @StateRoute(':archivalCode', { summary: '按档号查档案（ARC-2）', roles: ARCHIVE_READERS })
  byCode(@Param('archivalCode') archivalCode: string, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new ArchiveItemByCodeQuery(archivalCode, metadata.actor));
  }
}
