import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMetadata } from '@oa/core';
import { transferManifestCsv } from '@oa/domain-archives';
import { Call, CommandContext, Confidential, IdPipe, Roles, type CommandCall } from '@oa/platform';
import { ArchiveItemWorkflows } from '../application/archive-item.workflows';
import { ArchiveComponents } from '../application/archive-components';
import { TransferManifestQuery } from '../application/archive.query-handlers';
import { ARCHIVE_READERS, ARCHIVISTS } from './access';
import { ManifestQuery, TransferRequest } from './dto/archive-item.request';

/** 移交 (ARC-7): a batch of items to the archives bureau, with its manifest; read-only afterwards. */
@ApiTags('移交 (transfers)')
@Controller('transfers')
export class TransfersController {
  constructor(
    @Inject(ArchiveItemWorkflows) private readonly workflows: ArchiveItemWorkflows,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(ArchiveComponents) private readonly components: ArchiveComponents,
  ) {}

  /**
   * A batch, not one stream: its reply is the items' versions and the manifest, found at the
   * Location, so not a `CommandRoute` (no one ETag); the transfer's id is the Idempotency-Key's.
   */
  @Post()
  @Roles(...ARCHIVISTS)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '幂等键：重试返回首次结果，不重复写入' })
  @ApiOperation({ summary: '移交档案馆（ARC-7：附移交清单，移交后只读）' })
  async transfer(@Body() body: TransferRequest, @Call() call: CommandCall, @Res({ passthrough: true }) response: FastifyReply) {
    const result = await this.workflows.transfer(body.itemIds, body.recipient, call);
    response.header('Location', `transfers/${result.transferId}/manifest`);
    return { id: result.transferId, items: result.items, manifest: (await this.queries.execute(new TransferManifestQuery(result.transferId, call.metadata.actor))).items };
  }

  @Get(':id/manifest')
  @Roles(...ARCHIVE_READERS)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: '移交清单（每件档案的著录项与摘要值），format=csv 导出' })
  async manifest(@Param('id', IdPipe) id: string, @Query() query: ManifestQuery, @CommandContext() metadata: CommandMetadata, @Res({ passthrough: true }) response: FastifyReply) {
    const manifest = await this.queries.execute(new TransferManifestQuery(id, metadata.actor));
    if (query.format !== 'csv') return manifest;
    response.header('Content-Type', 'text/csv; charset=utf-8');
    response.header('Content-Disposition', `attachment; filename="transfer-manifest-${id}.csv"`);
    return `\uFEFF${transferManifestCsv(manifest.items)}`;
  }

  @Get(':id/package')
  @Roles(...ARCHIVISTS)
  @Confidential('documentContent')
  @ApiProduces('application/zip')
  @ApiOperation({ summary: '移交数据包（ARC-7：档案的电子文件、含每个文件 SHA-256/SM3 的移交清单及其签名，ZIP）' })
  async package(@Param('id', IdPipe) id: string, @CommandContext() metadata: CommandMetadata, @Res() response: FastifyReply): Promise<void> {
    await this.components.transferPackage(id, metadata.actor, response);
  }
}
