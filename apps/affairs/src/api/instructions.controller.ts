import { Controller, Get, Inject, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdPipe, Roles, StateRoute, StreamHistoryQuery, StreamStateQuery } from '@oa/platform';
import { InstructionListQuery } from '../application/affairs.query-handlers';
import { instructionStream } from '../affairs.service-definition';
import { AFFAIRS_READERS } from './access';

/** 领导批示 (SUP-3): recorded from the documents service, each awaiting its task or its record as needing none. */
@ApiTags('督办 (supervision)')
@Controller('supervision/instructions')
export class InstructionsController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @Roles(...AFFAIRS_READERS)
  @ApiOperation({ summary: '待处理的领导批示（按处理时限排序）' })
  awaiting() {
    return this.queries.execute(new InstructionListQuery());
  }

  @StateRoute(':id', { summary: '领导批示及其处理', roles: AFFAIRS_READERS })
  get(@Param('id', IdPipe) id: string) {
    return this.queries.execute(new StreamStateQuery(instructionStream, id));
  }

  @Get(':id/history')
  @Roles(...AFFAIRS_READERS)
  @ApiOperation({ summary: '领导批示的全部事件' })
  history(@Param('id', IdPipe) id: string) {
    return this.queries.execute(new StreamHistoryQuery(instructionStream, id));
  }
}
