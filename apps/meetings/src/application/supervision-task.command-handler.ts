import { Inject, Injectable } from '@nestjs/common';
import type { CommandMetadata } from '@oa/core';
import { CommandHandling, newId, type CommandOptions, type CommandReply } from '@oa/platform';
import {
  findItem,
  refuse,
  supervisionTaskDecider,
  type CloseSupervisionTask,
  type CreateSupervisionTask,
  type ReportSupervisionProgress,
  type SupervisionTaskCommand,
} from '@oa/domain-meetings';
import { supervisionTaskListProjection } from '../infrastructure/read-models/supervision-task.projection';
import { MeetingStreams } from './meeting-streams';
import { runCommand } from './run-command';

/** 督办 (MTG-7): the decision it follows up is read from the meeting stream before the command is built. */
@Injectable()
export class SupervisionTaskCommandHandler {
  constructor(
    @Inject(CommandHandling) private readonly commands: CommandHandling,
    @Inject(MeetingStreams) private readonly streams: MeetingStreams,
  ) {}

  async create(
    input: Omit<CreateSupervisionTask['data'], 'taskId' | 'decision'> & { readonly meetingId: string; readonly itemId: string },
    metadata: CommandMetadata,
    options: CommandOptions,
  ): Promise<CommandReply> {
    const { meetingId, itemId, ...data } = input;
    const meeting = await this.streams.existingMeeting(meetingId);
    const item = findItem(meeting, itemId);
    if (!item) throw refuse('MEETINGS.NOT_FOUND', 'notFound', `议题 ${itemId} 不存在`);
    if (!item.decision) throw refuse('MTG-7', 'conflict', `议题“${item.title}”尚未作出决定，不能立项督办`);
    const taskId = newId(metadata.actor.id, options, 'CreateSupervisionTask');
    return this.handle(taskId, { type: 'CreateSupervisionTask', data: { ...data, taskId, decision: { meetingId, itemId, outcome: item.decision.outcome } }, metadata }, options);
  }

  reportProgress(taskId: string, data: ReportSupervisionProgress['data'], metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    return this.handle(taskId, { type: 'ReportSupervisionProgress', data, metadata }, options);
  }

  close(taskId: string, data: CloseSupervisionTask['data'], metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    return this.handle(taskId, { type: 'CloseSupervisionTask', data, metadata }, options);
  }

  /** Sent by the scheduled job with its `now`; a task not yet past its deadline is left as it is. */
  markOverdue(taskId: string, metadata: CommandMetadata): Promise<CommandReply> {
    return this.handle(taskId, { type: 'MarkSupervisionTaskOverdue', data: {}, metadata }, {});
  }

  private handle(taskId: string, command: SupervisionTaskCommand, options: CommandOptions): Promise<CommandReply> {
    return runCommand(this.commands, supervisionTaskDecider, taskId, command, options, [supervisionTaskListProjection]);
  }
}
