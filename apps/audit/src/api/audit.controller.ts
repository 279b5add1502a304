import { Body, Controller, Get, HttpCode, HttpStatus, Inject, NotFoundException, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMetadata } from '@oa/core';
import type { FindingReviewState } from '@oa/domain-audit';
import { Call, CommandContext, CommandRoute, Confidential, IdPipe, Roles, replyOf, type CommandCall, type CommandResult } from '@oa/platform';
import { EntriesExportQuery, FindingsExportQuery, type AuditExport } from '../application/audit-export.query-handlers';
import { AuditEntriesQuery, AuditLogsQuery, AuditStreamHistoryQuery, FindingListQuery, FindingQuery } from '../application/audit.query-handlers';
import { CheckpointPublicKeyQuery, CheckpointQuery, EntryInclusionProofQuery, LatestCheckpointQuery, LogConsistencyProofQuery } from '../application/checkpoint.query-handlers';
import { Checkpoints, type SignedCheckpoint } from '../application/checkpoints';
import { findingReviewOf } from '../application/finding-reviews';
import { AuditStreamStateQuery } from '../application/stream-state.query-handlers';
import { CatalogListQuery } from '../application/catalog.query-handlers';
import { VOCABULARY } from '../application/vocabulary';
import { AUDIT_READERS } from './access';
import {
  CatalogListQuery as CatalogListRequest,
  ConsistencyProofQuery,
  EntriesQuery,
  ExportEntriesQuery,
  ExportFindingsQuery,
  FindingReviewRequest,
  FindingsQuery,
  InclusionProofQuery,
  PeriodQuery,
  StreamHistoryQuery,
  StreamStateQuery,
} from './dto/audit.request';

/** A review's reply: the finding's review stream and version, and its status after the annotation. */
const reviewed = (result: CommandResult<FindingReviewState>) => ({ ...replyOf(result), status: result.state.status });

const checkpointIdPipe = new ParseIntPipe({
  exceptionFactory: () => new NotFoundException({ code: 'AUDIT.CHECKPOINT_NOT_FOUND', title: '检查点不存在' }),
});

/** 审计: the trail of every service, its findings, and the signed checkpoints and proofs over it. */
@ApiTags('审计 (audit)')
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(Checkpoints) private readonly checkpoints: Checkpoints,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Post('checkpoints')
  @HttpCode(HttpStatus.CREATED)
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '立即签署检查点（各日志的大小与根哈希）' })
  createCheckpoint(@CommandContext() metadata: CommandMetadata) {
    return this.checkpoints.create(new Date(metadata.now));
  }

  @Get('checkpoints/latest')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '最新检查点（已签名）' })
  latestCheckpoint() {
    return this.queries.execute(new LatestCheckpointQuery());
  }

  @Get('checkpoints/public-key')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '检查点签名公钥（SPKI PEM）及其 keyId，连同密钥轮换前的公钥（previous）；离线核验时应使用另行交付的公钥' })
  publicKey() {
    return this.queries.execute(new CheckpointPublicKeyQuery());
  }

  @Get('checkpoints/:id')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '按编号取检查点（已签名），如导出文件所注明的检查点' })
  checkpoint(@Param('id', checkpointIdPipe) id: number) {
    return this.queries.execute(new CheckpointQuery(id));
  }

  @Get('entries/:eventId/inclusion-proof')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '记录的包含证明（审计路径与检查点），可用 tools/audit-verify/verify.mjs 离线核验' })
  inclusionProof(@Param('eventId') eventId: string, @Query() query: InclusionProofQuery, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new EntryInclusionProofQuery(eventId, metadata.actor, query.checkpoint));
  }

  @Get('logs')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '各日志（每个主题分区一个）及其当前大小' })
  logs() {
    return this.queries.execute(new AuditLogsQuery());
  }

  @Get('logs/:log/consistency-proof')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '日志两个大小之间的一致性证明（含两个检查点），日志名中的 / 写作 %2F' })
  consistencyProof(@Param('log') log: string, @Query() query: ConsistencyProofQuery) {
    return this.queries.execute(new LogConsistencyProofQuery(log, query.from, query.to));
  }

  @Get('streams/:streamId/history')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '某一流（印章、会议、公文、档案…）的完整历史，含操作人与时间' })
  streamHistory(@Param('streamId') streamId: string, @Query() query: StreamHistoryQuery, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new AuditStreamHistoryQuery(streamId, metadata.actor, query.streamType));
  }

  @Get('streams/:streamId/state')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '状态回溯：某一流在某一时点的状态（以各业务领域的同一演进函数折叠审计记录）' })
  streamState(@Param('streamId') streamId: string, @Query() query: StreamStateQuery, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new AuditStreamStateQuery(streamId, query.streamType, query.asOf ?? metadata.now, metadata.actor));
  }

  @Get('actors/:actorId/entries')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '某人在一段时间内的全部操作' })
  actorEntries(@Param('actorId') actorId: string, @Query() query: PeriodQuery, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new AuditEntriesQuery({ actorId, from: query.from, to: query.to, limit: query.limit }, metadata.actor));
  }

  @Get('entries')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '按服务、事件类型与时间范围检索；concerning：针对某一对象被拒绝或越权的操作' })
  entries(@Query() query: EntriesQuery, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new AuditEntriesQuery({ service: query.service, type: query.type, concerning: query.concerning, from: query.from, to: query.to, limit: query.limit }, metadata.actor));
  }

  @Get('catalog')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '查找：印章（按单位、状态）、会议（按委员会、日期）、公文（按文号、标题，仅限本人涉密等级以内）、人员（按单位），以及单位与委员会；按日期由近及远' })
  catalog(@Query() query: CatalogListRequest, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new CatalogListQuery(query, metadata.actor));
  }

  @Get('vocabulary')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '审计记录中代码的中文名称：业务规则与拒绝代码（rules）、角色（roles）' })
  vocabulary() {
    return VOCABULARY;
  }

  @Get('findings')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '合规发现（规则、严重程度、相关流与证据事件、状态与审计意见），可按规则、状态、严重程度、服务、处室与发生时间筛选' })
  findings(@Query() query: FindingsQuery, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new FindingListQuery(query, metadata.actor));
  }

  @Get('findings/:id')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '单条合规发现及其审计意见' })
  finding(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new FindingQuery(id, metadata.actor));
  }

  @CommandRoute('findings/:id/acknowledge', { summary: '确认发现（可附意见）；意见作为事件记入审计记录', roles: AUDIT_READERS })
  @Confidential('auditTrail')
  async acknowledge(@Param('id', IdPipe) id: string, @Body() body: FindingReviewRequest, @Call() call: CommandCall) {
    return reviewed(await this.commands.execute(findingReviewOf(id, 'AcknowledgeFinding', body.note, call)));
  }

  @CommandRoute('findings/:id/dispute', { summary: '对发现提出异议（须写明理由）；意见作为事件记入审计记录', roles: AUDIT_READERS })
  @Confidential('auditTrail')
  async dispute(@Param('id', IdPipe) id: string, @Body() body: FindingReviewRequest, @Call() call: CommandCall) {
    return reviewed(await this.commands.execute(findingReviewOf(id, 'DisputeFinding', body.note, call)));
  }

  @CommandRoute('findings/:id/resolve', { summary: '办结发现（须写明处理意见）；意见作为事件记入审计记录', roles: AUDIT_READERS })
  @Confidential('auditTrail')
  async resolve(@Param('id', IdPipe) id: string, @Body() body: FindingReviewRequest, @Call() call: CommandCall) {
    return reviewed(await this.commands.execute(findingReviewOf(id, 'ResolveFinding', body.note, call)));
  }

  @Get('exports/entries')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiProduces('application/jsonl', 'text/csv')
  @ApiOperation({ summary: '导出审计记录（JSON Lines 或 CSV），按时间、服务、类型、操作人或流限定，截至为此签署的检查点' })
  async exportEntries(@Query() query: ExportEntriesQuery, @CommandContext() metadata: CommandMetadata, @Res() response: FastifyReply) {
    const { format, checkpoint, ...filter } = query;
    send(response, await this.queries.execute(new EntriesExportQuery(filter, format, await this.cut(metadata, checkpoint), metadata.actor)));
  }

  @Get('exports/findings')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiProduces('application/jsonl', 'text/csv')
  @ApiOperation({ summary: '导出合规发现（JSON Lines 或 CSV），截至为此签署的检查点' })
  async exportFindings(@Query() query: ExportFindingsQuery, @CommandContext() metadata: CommandMetadata, @Res() response: FastifyReply) {
    const { format, checkpoint, ...filter } = query;
    send(response, await this.queries.execute(new FindingsExportQuery(filter, format, await this.cut(metadata, checkpoint), metadata.actor)));
  }

  /** An export's cut: a checkpoint signed for it, or the one named (several files of one package share it). */
  private cut(metadata: CommandMetadata, checkpointId: number | undefined): Promise<SignedCheckpoint> {
    return checkpointId === undefined ? this.checkpoints.create(new Date(metadata.now)) : this.queries.execute(new CheckpointQuery(checkpointId));
  }
}

/** The file, named after its checkpoint, which the header also gives for scripts. */
function send(response: FastifyReply, file: AuditExport): void {
  response
    .status(HttpStatus.OK)
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
    .header('OA-Audit-Checkpoint', String(file.checkpoint.body.id))
    .send(file.body);
}
