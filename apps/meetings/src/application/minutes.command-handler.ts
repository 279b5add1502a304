import { Inject, Injectable } from '@nestjs/common';
import type { CommandMetadata } from '@oa/core';
import { CommandHandling, newId, type CommandOptions, type CommandReply } from '@oa/platform';
import { minutesDecider, type MinutesCommand, type MinutesContent, type SecrecyLevel } from '@oa/domain-meetings';
import { MeetingStreams, minutesStreamId } from './meeting-streams';
import { minutesContentOf } from './minutes-content';
import { runCommand } from './run-command';

export interface DraftMinutesInput {
  readonly title?: string;
  readonly secrecyLevel?: SecrecyLevel;
  readonly chairName?: string;
  readonly content?: MinutesContent;
}

/**
 * 会议记录 (MTG-6). The chair, the recorder and the scheduled end are facts of the meeting
 * stream, read before the command is built; the replies carry the meeting's id.
 */
@Injectable()
export class MinutesCommandHandler {
  constructor(
    @Inject(CommandHandling) private readonly commands: CommandHandling,
    @Inject(MeetingStreams) private readonly streams: MeetingStreams,
  ) {}

  async draft(meetingId: string, input: DraftMinutesInput, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    const meeting = await this.streams.existingMeeting(meetingId);
    const content =
      input.content ??
      minutesContentOf(meeting, {
        ...(input.chairName !== undefined && { chair: input.chairName }),
        ...(metadata.actor.id === meeting.recorderId && { recorder: metadata.actor.name }),
      });
    return this.handle(
      meetingId,
      {
        type: 'DraftMinutes',
        data: {
          meetingId,
          title: input.title ?? `${meeting.title}会议记录`,
          chairId: meeting.chairId,
          recorderId: meeting.recorderId,
          scheduledEnd: meeting.endsAt,
          secrecyLevel: input.secrecyLevel ?? 'none',
          content,
        },
        metadata,
      },
      options,
    );
  }

  revise(meetingId: string, content: MinutesContent, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    return this.handle(meetingId, { type: 'ReviseMinutesDraft', data: { content }, metadata }, options);
  }

  sign(meetingId: string, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    return this.handle(meetingId, { type: 'SignMinutes', data: {}, metadata }, options);
  }

  /** 更正申请: the amendment's id is the server's. */
  async proposeAmendment(
    meetingId: string,
    input: { readonly reason: string; readonly content: MinutesContent },
    metadata: CommandMetadata,
    options: CommandOptions,
  ): Promise<CommandReply & { readonly amendmentId: string }> {
    const amendmentId = newId(metadata.actor.id, options, `ProposeMinutesAmendment:${meetingId}`);
    return { ...(await this.handle(meetingId, { type: 'ProposeMinutesAmendment', data: { ...input, amendmentId }, metadata }, options)), amendmentId };
  }

  approveAmendment(meetingId: string, amendmentId: string, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    return this.handle(meetingId, { type: 'ApproveMinutesAmendment', data: { amendmentId }, metadata }, options);
  }

  rejectAmendment(meetingId: string, amendmentId: string, reason: string, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    return this.handle(meetingId, { type: 'RejectMinutesAmendment', data: { amendmentId, reason }, metadata }, options);
  }

  private async handle(meetingId: string, command: MinutesCommand, options: CommandOptions): Promise<CommandReply> {
    const reply = await runCommand(this.commands, minutesDecider, minutesStreamId(meetingId), command, options);
    return { id: meetingId, version: reply.version };
  }
}
