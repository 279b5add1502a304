import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { canonicalJson } from '@oa/core';
import { assertArchivesAccount, commandOn, sendComposedFile, type CommandCall, type CommandResult } from '@oa/platform';
import { minutesVersionCopied, type MinutesState } from '@oa/domain-meetings';
import { minutesStream, minutesStreamId } from '../meetings.service-definition';
import { MeetingTexts, unsealed } from '../infrastructure/texts/meeting-text.store';

/**
 * FILE-2 / FILE-4 the archives copy a finalized version of a meeting's minutes as canonical JSON:
 * the bytes its contentDigest covers, or for classified minutes the version with its texts in clear
 * (clearContentDigest; the archives store it encrypted), each copy recorded on the minutes' stream.
 * Only the archives' service account is answered.
 */
@Injectable()
export class MinutesFilingCopies {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(MeetingTexts) private readonly texts: MeetingTexts,
  ) {}

  async release(meetingId: string, sha256: string, call: CommandCall, response: FastifyReply): Promise<void> {
    assertArchivesAccount(call.metadata.actor);
    const { state }: CommandResult<MinutesState> = await this.commands.execute(commandOn(minutesStream, minutesStreamId(meetingId), 'ReleaseMinutesFilingCopy', { sha256 }, call));
    const version = state.status === 'finalized' ? minutesVersionCopied(state.versions, sha256) : undefined;
    if (!version) throw new Error(`会议记录 ${meetingId} 已记录移交却找不到版本 ${sha256}`);
    const content = version.clearContentDigest === undefined ? version.content : unsealed(version.content, await this.texts.open(meetingId));
    sendComposedFile(response, Buffer.from(canonicalJson(content), 'utf8'), 'text/plain; charset=utf-8', `会议记录-v${version.version}.json`);
  }
}
