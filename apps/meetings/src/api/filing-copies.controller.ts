import { Controller, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Call, IdPipe, Roles, Sha256Pipe, type CommandCall } from '@oa/platform';
import { MinutesFilingCopies } from '../application/minutes-filing-copies';

/** FILE-2 / FILE-4 the internal route the archives copy finalized minutes over (MinutesFilingCopies). */
@ApiTags('内部 (internal)')
@Controller('internal/filing-copies')
export class FilingCopiesController {
  constructor(@Inject(MinutesFilingCopies) private readonly copies: MinutesFilingCopies) {}

  @Post('minutes/:meetingId/:sha256')
  @Roles('archivist')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: '向档案服务提供定稿会议记录（FILE-2：仅档案服务账号；双方记录移交；秘密及以上的会议记录含明文，档案服务加密保存）' })
  async release(@Param('meetingId', IdPipe) meetingId: string, @Param('sha256', Sha256Pipe) sha256: string, @Call() call: CommandCall, @Res() response: FastifyReply): Promise<void> {
    await this.copies.release(meetingId, sha256, call, response);
  }
}
