import { Inject, Injectable } from '@nestjs/common';
import type { CommandMetadata } from '@oa/core';
import { CommandHandling, newId, type CommandOptions, type CommandReply } from '@oa/platform';
import { committeeMembersOn, localDate, meetingDecider, refuse, type IssueMeetingNotice, type MeetingCommand, type ScheduleMeeting, type SubmitAgendaItem } from '@oa/domain-meetings';
import { meetingListProjection } from '../infrastructure/read-models/meeting.projection';
import { MeetingStreams } from './meeting-streams';
import { runCommand } from './run-command';

type MeetingCommandOf<T extends MeetingCommand['type']> = Extract<MeetingCommand, { type: T }>;

/**
 * 会议 commands. Scheduling folds the committee stream first: the members on the meeting day
 * (committeeMembersOn) become the meeting's expected members, the base of MTG-3 and MTG-5.
 */
@Injectable()
export class MeetingCommandHandler {
  constructor(
    @Inject(CommandHandling) private readonly commands: CommandHandling,
    @Inject(MeetingStreams) private readonly streams: MeetingStreams,
  ) {}

  async schedule(data: Omit<ScheduleMeeting['data'], 'meetingId' | 'expectedMembers'>, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    const { state: committee } = await this.streams.committee(data.committeeId);
    if (committee.status === 'none') throw refuse('MEETINGS.NOT_FOUND', 'notFound', `委员会 ${data.committeeId} 不存在`);
    const expectedMembers = committeeMembersOn(committee, localDate(data.startsAt));
    const meetingId = newId(metadata.actor.id, options, 'ScheduleMeeting');
    return this.handle(meetingId, 'ScheduleMeeting', { ...data, meetingId, expectedMembers }, metadata, options);
  }

  /** 提交议题: the item's id is the server's. */
  async submitAgendaItem(
    meetingId: string,
    data: Omit<SubmitAgendaItem['data'], 'itemId'>,
    metadata: CommandMetadata,
    options: CommandOptions,
  ): Promise<CommandReply & { readonly itemId: string }> {
    const itemId = newId(metadata.actor.id, options, `SubmitAgendaItem:${meetingId}`);
    return { ...(await this.handle(meetingId, 'SubmitAgendaItem', { ...data, itemId }, metadata, options)), itemId };
  }

  /** 会议通知: the notice's id is the server's (or the Idempotency-Key's). */
  async issueNotice(
    meetingId: string,
    data: Omit<IssueMeetingNotice['data'], 'noticeId'>,
    metadata: CommandMetadata,
    options: CommandOptions,
  ): Promise<CommandReply & { readonly noticeId: string }> {
    const noticeId = newId(metadata.actor.id, options, `IssueMeetingNotice:${meetingId}`);
    return { ...(await this.handle(meetingId, 'IssueMeetingNotice', { ...data, noticeId }, metadata, options)), noticeId };
  }

  handle<T extends MeetingCommand['type']>(
    meetingId: string,
    type: T,
    data: MeetingCommandOf<T>['data'],
    metadata: CommandMetadata,
    options: CommandOptions,
  ): Promise<CommandReply> {
    return runCommand(this.commands, meetingDecider, meetingId, { type, data, metadata } as MeetingCommand, options, [meetingListProjection]);
  }
}
