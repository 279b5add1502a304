import { Controller, Get, Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@oa/core';
import { CommandContext, Roles } from '@oa/platform';
import { ArchiveCatalogueQuery } from '../application/archive.query-handlers';
import { ARCHIVE_READERS } from './access';

/** 归档候选 (ARC-1): what arrived from the documents and meetings topics and waits for the archivist. */
@ApiTags('归档候选 (filing-candidates)')
@Controller('filing-candidates')
export class FilingCandidatesController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @Roles(...ARCHIVE_READERS)
  @ApiOperation({ summary: '待归档的候选（办结、核发的公文与定稿的会议记录）' })
  list(@CommandContext() metadata: CommandMetadata) {
    return this.queries.execute(new ArchiveCatalogueQuery({ list: 'candidates' }, metadata.actor));
  }
}
