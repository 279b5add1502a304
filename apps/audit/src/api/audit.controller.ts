import { Controller, Get, HttpCode, HttpStatus, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@oa/core';
import { CommandContext, Confidential, Roles } from '@oa/platform';
import { AuditQueries } from '../application/audit.queries';
import { Checkpoints } from '../application/checkpoints';
import { AUDIT_READERS } from './access';
import { ConsistencyProofQuery, EntriesQuery, FindingsQuery, InclusionProofQuery, PeriodQuery, StreamHistoryQuery } from './dto/audit.request';

/** 审计: the trail of every service, its findings, and the signed checkpoints and proofs over it. */
@ApiTags('审计 (audit)')
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(Checkpoints) private readonly checkpoints: Checkpoints,
    @Inject(AuditQueries) private readonly queries: AuditQueries,
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
  async latestCheckpoint() {
    const checkpoint = await this.checkpoints.latest();
    if (!checkpoint) throw new NotFoundException({ code: 'AUDIT.CHECKPOINT_NOT_FOUND', title: '尚无检查点' });
    return checkpoint;
  }

  @Get('checkpoints/public-key')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '检查点签名公钥（SPKI PEM）；离线核验时应使用另行交付的公钥' })
  publicKey() {
    return { publicKey: this.checkpoints.publicKeyPem };
  }

  @Get('entries/:eventId/inclusion-proof')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '记录的包含证明（审计路径与检查点），可用 tools/audit-verify/verify.mjs 离线核验' })
  inclusionProof(@Param('eventId') eventId: string, @Query() query: InclusionProofQuery) {
    return this.checkpoints.inclusionProof(eventId, query.checkpoint);
  }

  @Get('logs')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '各日志（每个主题分区一个）及其当前大小' })
  logs() {
    return this.queries.logs();
  }

  @Get('logs/:log/consistency-proof')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '日志两个大小之间的一致性证明（含两个检查点），日志名中的 / 写作 %2F' })
  consistencyProof(@Param('log') log: string, @Query() query: ConsistencyProofQuery) {
    return this.checkpoints.consistencyProof(log, query.from, query.to);
  }

  @Get('streams/:streamId/history')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '某一流（印章、会议、公文、档案…）的完整历史，含操作人与时间' })
  streamHistory(@Param('streamId') streamId: string, @Query() query: StreamHistoryQuery) {
    return this.queries.streamHistory(streamId, query.streamType);
  }

  @Get('actors/:actorId/entries')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '某人在一段时间内的全部操作' })
  actorEntries(@Param('actorId') actorId: string, @Query() query: PeriodQuery) {
    return this.queries.entries({ actorId, from: query.from, to: query.to, limit: query.limit });
  }

  @Get('entries')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '按服务、事件类型与时间范围检索' })
  entries(@Query() query: EntriesQuery) {
    return this.queries.entries({ service: query.service, type: query.type, from: query.from, to: query.to, limit: query.limit });
  }

  @Get('findings')
  @Roles(...AUDIT_READERS)
  @Confidential('auditTrail')
  @ApiOperation({ summary: '合规发现（规则、严重程度、相关流与证据事件、状态）' })
  findings(@Query() query: FindingsQuery) {
    return this.queries.findings({ rule: query.rule, status: query.status });
  }
}
