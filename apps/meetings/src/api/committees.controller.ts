import { Body, Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Call, CommandRoute, Roles, StateRoute, StreamHistoryQuery, StreamStateQuery, commandOn, mintId, type CommandCall, IdPipe } from '@oa/platform';
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
    @Inject(QueryBus) private readonly queries: QueryBus,
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

  @StateRoute(':id', { summary: '委员会与任职记录（asOf：某一时点的状态）', roles: MEETING_READERS })
  get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery) {
    return this.queries.execute(new StreamStateQuery(committeeStream, id, query.asOf));
  }

  @Get(':id/history')
  @Roles(...MEETING_READERS)
  @ApiOperation({ summary: '委员会的全部事件（操作人、时间）' })
  history(@Param('id', IdPipe) id: string) {
    return this.queries.execute(new StreamHistoryQuery(committeeStream, id));
  }
}
