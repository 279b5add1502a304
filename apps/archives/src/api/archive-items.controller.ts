import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandMetadata } from '@oa/core';
import { CommandContext, CommandHeaders, CommandHeadersDoc, IdPipe, Roles, etagOf, replied, type CommandOptions } from '@oa/platform';
import { ArchiveItemCommandHandler } from '../application/archive-item.command-handler';
import { ArchiveQueries } from '../application/archive.queries';
import { ARCHIVE_READERS, ARCHIVISTS, BORROWERS, LOAN_APPROVERS } from './access';
import {
  AppraiseRequest,
  ApproveDestructionRequest,
  ApproveLoanRequest,
  AsOfQuery,
  CatalogueQuery,
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
    @Inject(ArchiveItemCommandHandler) private readonly commands: ArchiveItemCommandHandler,
    @Inject(ArchiveQueries) private readonly queries: ArchiveQueries,
  ) {}

  @Get()
  @Roles(...ARCHIVE_READERS)
  @ApiOperation({ summary: '档案目录（按年度、保管期限、机构、题名、密级检索）' })
  list(@Query() query: CatalogueQuery, @CommandContext() metadata: CommandMetadata) {
    return this.queries.list({
      ...(query.year !== undefined && { year: Number(query.year) }),
      ...(query.retention !== undefined && { retention: query.retention }),
      ...(query.organisation !== undefined && { organisation: query.organisation }),
      ...(query.title !== undefined && { title: query.title }),
      ...(query.secrecyLevel !== undefined && { secrecyLevel: query.secrecyLevel }),
    }, metadata.actor);
  }

  @Get('late-filings')
  @Roles(...ARCHIVE_READERS)
  @ApiOperation({ summary: '逾期归档的档案（ARC-3：次年6月30日后归档）' })
  lateFilings(@CommandContext() metadata: CommandMetadata) {
    return this.queries.lateFilings(metadata.actor);
  }

  @Post(':id/file')
  @HttpCode(HttpStatus.OK)
  @Roles(...ARCHIVISTS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '归档（ARC-1 著录；ARC-2 生成档号；ARC-4 四性检测）' })
  async file(@Param('id', IdPipe) id: string, @Body() body: FileArchiveItemRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { fondsCode, year, retention, organisationCode, pages, recomputedHashes } = body;
    const hashes = recomputedHashes?.map(({ componentId, hash }) => ({ componentId, hash }));
    return replied(response, await this.commands.file(id, { fondsCode, year, retention, organisationCode, pages, ...(hashes !== undefined && { recomputedHashes: hashes }) }, metadata, options));
  }

  @Post(':id/loans')
  @Roles(...BORROWERS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '借阅申请（ARC-5：借阅人密级须不低于档案密级）' })
  async requestLoan(@Param('id', IdPipe) id: string, @Body() body: RequestLoanRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.requestLoan(id, { purpose: body.purpose, dueAt: body.dueAt }, metadata, options));
  }

  @Post(':id/loans/:loanId/approve')
  @HttpCode(HttpStatus.OK)
  @Roles(...LOAN_APPROVERS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '批准借阅（ARC-5：涉密档案由办公室主任审批）' })
  async approveLoan(
    @Param('id', IdPipe) id: string,
    @Param('loanId', IdPipe) loanId: string,
    @Body() body: ApproveLoanRequest,
    @CommandContext() metadata: CommandMetadata,
    @CommandHeaders() options: CommandOptions,
    @Res({ passthrough: true }) response: Response,
  ) {
    return replied(response, await this.commands.handle(id, 'ApproveArchiveItemLoan', { loanId, ...(body.comment !== undefined && { comment: body.comment }) }, metadata, options));
  }

  @Post(':id/loans/:loanId/reject')
  @HttpCode(HttpStatus.OK)
  @Roles(...LOAN_APPROVERS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '不予批准借阅' })
  async rejectLoan(
    @Param('id', IdPipe) id: string,
    @Param('loanId', IdPipe) loanId: string,
    @Body() body: RejectRequest,
    @CommandContext() metadata: CommandMetadata,
    @CommandHeaders() options: CommandOptions,
    @Res({ passthrough: true }) response: Response,
  ) {
    return replied(response, await this.commands.handle(id, 'RejectArchiveItemLoan', { loanId, reason: body.reason }, metadata, options));
  }

  @Post(':id/loans/:loanId/return')
  @HttpCode(HttpStatus.OK)
  @Roles(...ARCHIVISTS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '归还（ARC-5：由档案员登记）' })
  async returnLoan(
    @Param('id', IdPipe) id: string,
    @Param('loanId', IdPipe) loanId: string,
    @Body() body: ReturnLoanRequest,
    @CommandContext() metadata: CommandMetadata,
    @CommandHeaders() options: CommandOptions,
    @Res({ passthrough: true }) response: Response,
  ) {
    return replied(response, await this.commands.handle(id, 'ReturnArchiveItemLoan', { loanId, ...(body.remarks !== undefined && { remarks: body.remarks }) }, metadata, options));
  }

  @Post(':id/appraise')
  @HttpCode(HttpStatus.OK)
  @Roles('appraisalCommittee')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '鉴定（ARC-6：保管期满后由鉴定小组作出，销毁或延长保管期限）' })
  async appraise(@Param('id', IdPipe) id: string, @Body() body: AppraiseRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { decision, reason, extendYears } = body;
    return replied(response, await this.commands.appraise(id, { decision, reason, ...(extendYears !== undefined && { extendYears }) }, metadata, options));
  }

  @Post(':id/destruction/approve')
  @HttpCode(HttpStatus.OK)
  @Roles('leader')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '批准销毁（ARC-6：须经领导批准）' })
  async approveDestruction(@Param('id', IdPipe) id: string, @Body() body: ApproveDestructionRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { appraisalId, comment } = body;
    return replied(response, await this.commands.handle(id, 'ApproveArchiveItemDestruction', { appraisalId, ...(comment !== undefined && { comment }) }, metadata, options));
  }

  @Post(':id/destruction/reject')
  @HttpCode(HttpStatus.OK)
  @Roles('leader')
  @CommandHeadersDoc()
  @ApiOperation({ summary: '不予批准销毁' })
  async rejectDestruction(@Param('id', IdPipe) id: string, @Body() body: RejectDestructionRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.handle(id, 'RejectArchiveItemDestruction', { appraisalId: body.appraisalId, reason: body.reason }, metadata, options));
  }

  @Post(':id/destroy')
  @HttpCode(HttpStatus.OK)
  @Roles(...ARCHIVISTS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '销毁（ARC-6：两名以上监销人，登记销毁清册，保留著录信息；永久档案不得销毁）' })
  async destroy(@Param('id', IdPipe) id: string, @Body() body: DestroyRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const witnesses = body.witnesses.map(({ id: witnessId, name }) => ({ id: witnessId, name }));
    return replied(response, await this.commands.destroy(id, { appraisalId: body.appraisalId, method: body.method, witnesses }, metadata, options));
  }

  @Get(':id')
  @Roles(...ARCHIVE_READERS)
  @ApiOperation({ summary: '档案的状态、著录项与版本（asOf：某一时点的状态）' })
  async get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery, @CommandContext() metadata: CommandMetadata, @Res({ passthrough: true }) response: Response) {
    const { version, state } = await this.queries.item(id, metadata.actor, query.asOf);
    response.setHeader('ETag', etagOf(version));
    return { id, version, ...state };
  }

  @Get(':id/history')
  @Roles(...ARCHIVE_READERS)
  @ApiOperation({ summary: '档案的全部事件（操作人、时间）' })
  history(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata) {
    return this.queries.history(id, metadata.actor);
  }
}

/** 档号 (ARC-2): the item filed under an archival code, as its own resource so paths never overlap. */
@ApiTags('档案 (archive-items)')
@Controller('archival-codes')
export class ArchivalCodesController {
  constructor(@Inject(ArchiveQueries) private readonly queries: ArchiveQueries) {}

  @Get(':archivalCode')
  @Roles(...ARCHIVE_READERS)
  @ApiOperation({ summary: '按档号查档案（ARC-2）' })
  async byCode(@Param('archivalCode') archivalCode: string, @CommandContext() metadata: CommandMetadata, @Res({ passthrough: true }) response: Response) {
    const { id, version, state } = await this.queries.byArchivalCode(archivalCode, metadata.actor);
    response.setHeader('ETag', etagOf(version));
    return { id, version, ...state };
  }
}
