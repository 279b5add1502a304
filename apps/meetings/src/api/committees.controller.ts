import { Body, Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Call, CommandRoute, Roles, commandOn, etagOf, mintId, type CommandCall, IdPipe } from '@oa/platform';
import { MeetingQueries } from '../application/meeting.queries';
import { committeeStream } from '../meetings.service-definition';
import { COMMITTEE_ADMINISTRATORS, MEETING_READERS } from './access';
import { AsOfQuery } from './dto/common.request';
import { AddCommitteeMemberRequest, CreateCommitteeRequest, RemoveCommitteeMemberRequest } from './dto/committee.request';

/** 委员会: members over time; the expected members of a meeting are those on its day. */
@ApiTags('委员会 (committees)')
@Controller('committees')
export class CommitteesController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(MeetingQueries) private readonly queries: MeetingQueries,
  ) {}

  @CommandRoute(undefined, { summary: '设立委员会（含首批委员）', roles: COMMITTEE_ADMINISTRATORS, creates: true })
  create(@Body() body: CreateCommitteeRequest, @Call() call: CommandCall) {
    const { name, members, effectiveFrom } = body;
    const committeeId = mintId(call, 'CreateCommittee');
    const data = { committeeId, name, members: members.map(({ memberId, name: memberName }) => ({ memberId, name: memberName })), effectiveFrom };
    return this.commands.execute(commandOn(committeeStream, committeeId, 'CreateCommittee', data, call, { created: true }));
  }

  @CommandRoute(':id/members', { summary: '增补委员（自生效日期起计入应到会委员）', roles: COMMITTEE_ADMINISTRATORS, creates: true })
  addMember(@Param('id', IdPipe) id: string, @Body() body: AddCommitteeMemberRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(committeeStream, id, 'AddCommitteeMember', { memberId: body.memberId, name: body.name, effectiveFrom: body.effectiveFrom }, call));
  }

  @CommandRoute(':id/members/:memberId/remove', { summary: '免去委员（自生效日期起不再计入应到会委员）', roles: COMMITTEE_ADMINISTRATORS })
  removeMember(@Param('id', IdPipe) id: string, @Param('memberId') memberId: string, @Body() body: RemoveCommitteeMemberRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(committeeStream, id, 'RemoveCommitteeMember', { memberId, effectiveFrom: body.effectiveFrom, reason: body.reason }, call));
  }

  @Get(':id')
  @Roles(...MEETING_READERS)
  @ApiOperation({ summary: '委员会与任职记录（asOf：某一时点的状态）' })
  async get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery, @Res({ passthrough: true }) response: Response) {
    const { version, state } = await this.queries.committee(id, query.asOf);
    response.setHeader('ETag', etagOf(version));
    return { id, version, ...state };
  }

  @Get(':id/history')
  @Roles(...MEETING_READERS)
  @ApiOperation({ summary: '委员会的全部事件（操作人、时间）' })
  history(@Param('id', IdPipe) id: string) {
    return this.queries.committeeHistory(id);
  }
}
