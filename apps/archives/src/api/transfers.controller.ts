import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandMetadata } from '@oa/core';
import { transferManifestCsv } from '@oa/domain-archives';
import { CommandContext, CommandHeaders, CommandHeadersDoc, IdPipe, Roles, type CommandOptions } from '@oa/platform';
import { ArchiveItemCommandHandler } from '../application/archive-item.command-handler';
import { ArchiveQueries } from '../application/archive.queries';
import { ARCHIVE_READERS, ARCHIVISTS } from './access';
import { ManifestQuery, TransferRequest } from './dto/archive-item.request';

/** 移交 (ARC-7): a batch of items to the archives bureau, with its manifest; read-only afterwards. */
@ApiTags('移交 (transfers)')
@Controller('transfers')
export class TransfersController {
  constructor(
    @Inject(ArchiveItemCommandHandler) private readonly commands: ArchiveItemCommandHandler,
    @Inject(ArchiveQueries) private readonly queries: ArchiveQueries,
  ) {}

  @Post()
  @Roles(...ARCHIVISTS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '移交档案馆（ARC-7：附移交清单，移交后只读）' })
  async transfer(@Body() body: TransferRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const result = await this.commands.transfer(body.itemIds, body.recipient, metadata, options);
    response.setHeader('Location', `transfers/${result.transferId}/manifest`);
    return { id: result.transferId, items: result.items, manifest: (await this.queries.manifest(result.transferId, metadata.actor)).items };
  }

  @Get(':id/manifest')
  @Roles(...ARCHIVE_READERS)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: '移交清单（每件档案的著录项与摘要值），format=csv 导出' })
  async manifest(@Param('id', IdPipe) id: string, @Query() query: ManifestQuery, @CommandContext() metadata: CommandMetadata, @Res({ passthrough: true }) response: Response) {
    const manifest = await this.queries.manifest(id, metadata.actor);
    if (query.format !== 'csv') return manifest;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="transfer-manifest-${id}.csv"`);
    return `\uFEFF${transferManifestCsv(manifest.items)}`;
  }
}
