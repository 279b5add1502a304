import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@oa/platform';
import { DocumentNumberLedgerQuery } from '../application/document.query-handlers';
import { LEDGER_READERS } from './access';
import { DocumentNumbersQuery } from './dto/read.request';

/** 发文字号编号簿 (DOC-4). */
@ApiTags('发文字号 (document-numbers)')
@Controller('document-numbers')
export class DocumentNumbersController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @Roles(...LEDGER_READERS)
  @ApiOperation({ summary: '编号簿：某机关代字某年度已分配与已作废（含理由）的全部文号' })
  list(@Query() query: DocumentNumbersQuery) {
    return this.queries.execute(new DocumentNumberLedgerQuery(query.issuer, query.year));
  }
}
