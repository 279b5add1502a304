import { Controller, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { canonicalJson } from '@oa/core';
import { Call, IdPipe, Roles, Sha256Pipe, assertArchivesAccount, commandOn, sendComposedFile, type CommandCall, type CommandResult } from '@oa/platform';
import type { MinutesState } from '@oa/domain-meetings';
import { minutesStream, minutesStreamId } from '../meetings.service-definition';

/**
 * FILE-2 / FILE-4 the archives copy a finalized version of a meeting's minutes: the bytes its
 * contentDigest covers (the version's canonical JSON), each copy recorded on the minutes' stream.
 * Only the archives' service account is answered.
 */
@ApiTags('内部 (internal)')
@Controller('internal/filing-copies')
export class FilingCopiesController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Post('minutes/:meetingId/:sha256')
  @Roles('archivist')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: '向档案服务提供定稿会议记录（FILE-2：仅档案服务账号；双方记录移交）' })
  async release(@Param('meetingId', IdPipe) meetingId: string, @Param('sha256', Sha256Pipe) sha256: string, @Call() call: CommandCall, @Res() response: Response): Promise<void> {
    assertArchivesAccount(call.metadata.actor);
    const { state }: CommandResult<MinutesState> = await this.commands.execute(commandOn(minutesStream, minutesStreamId(meetingId), 'ReleaseMinutesFilingCopy', { sha256 }, call));
    const version = state.status === 'finalized' ? state.versions.find((candidate) => candidate.contentDigest.replace(/^sha256:/, '') === sha256) : undefined;
    if (!version) throw new Error(`会议记录 ${meetingId} 已记录移交却找不到版本 ${sha256}`);
    sendComposedFile(response, Buffer.from(canonicalJson(version.content), 'utf8'), 'text/plain; charset=utf-8', `会议记录-v${version.version}.json`);
  }
}
