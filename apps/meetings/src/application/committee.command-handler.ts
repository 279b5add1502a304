import { Inject, Injectable } from '@nestjs/common';
import type { CommandMetadata } from '@oa/core';
import { CommandHandling, newId, type CommandOptions, type CommandReply } from '@oa/platform';
import { committeeDecider, type AddCommitteeMember, type CommitteeCommand, type CreateCommittee, type RemoveCommitteeMember } from '@oa/domain-meetings';
import { runCommand } from './run-command';

/** 委员会 and its membership over time: each change is an event with its effective date. */
@Injectable()
export class CommitteeCommandHandler {
  constructor(@Inject(CommandHandling) private readonly commands: CommandHandling) {}

  create(data: Omit<CreateCommittee['data'], 'committeeId'>, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    const committeeId = newId(metadata.actor.id, options, 'CreateCommittee');
    return this.handle(committeeId, { type: 'CreateCommittee', data: { ...data, committeeId }, metadata }, options);
  }

  addMember(committeeId: string, data: AddCommitteeMember['data'], metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    return this.handle(committeeId, { type: 'AddCommitteeMember', data, metadata }, options);
  }

  removeMember(committeeId: string, data: RemoveCommitteeMember['data'], metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    return this.handle(committeeId, { type: 'RemoveCommitteeMember', data, metadata }, options);
  }

  private handle(committeeId: string, command: CommitteeCommand, options: CommandOptions): Promise<CommandReply> {
    return runCommand(this.commands, committeeDecider, committeeId, command, options);
  }
}
