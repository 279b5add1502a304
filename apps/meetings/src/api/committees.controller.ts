import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandMetadata } from '@oa/core';
import { CommandContext, Roles, CommandHeaders, CommandHeadersDoc, etagOf, replied, type CommandOptions, IdPipe } from '@oa/platform';
import { CommitteeCommandHandler } from '../application/committee.command-handler';
import { MeetingQueries } from '../application/meeting.queries';
import { COMMITTEE_ADMINISTRATORS, MEETING_READERS } from './access';
import { AsOfQuery } from './dto/common.request';
import { AddCommitteeMemberRequest, CreateCommitteeRequest, RemoveCommitteeMemberRequest } from './dto/committee.request';

/** 委员会: members over time; the expected members of a meeting are those on its day. */
@ApiTags('委员会 (committees)')
@Controller('committees')
export class CommitteesController {
  constructor(
    @Inject(CommitteeCommandHandler) private readonly commands: CommitteeCommandHandler,
    @Inject(MeetingQueries) private readonly queries: MeetingQueries,
  ) {}

  @Post()
  @Roles(...COMMITTEE_ADMINISTRATORS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '设立委员会（含首批委员）' })
  async create(@Body() body: CreateCommitteeRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    const { name, members, effectiveFrom } = body;
    return replied(response, await this.commands.create({ name, members: members.map(({ memberId, name: memberName }) => ({ memberId, name: memberName })), effectiveFrom }, metadata, options));
  }

  @Post(':id/members')
  @Roles(...COMMITTEE_ADMINISTRATORS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '增补委员（自生效日期起计入应到会委员）' })
  async addMember(@Param('id', IdPipe) id: string, @Body() body: AddCommitteeMemberRequest, @CommandContext() metadata: CommandMetadata, @CommandHeaders() options: CommandOptions, @Res({ passthrough: true }) response: Response) {
    return replied(response, await this.commands.addMember(id, { memberId: body.memberId, name: body.name, effectiveFrom: body.effectiveFrom }, metadata, options));
  }

  @Post(':id/members/:memberId/remove')
  @HttpCode(HttpStatus.OK)
  @Roles(...COMMITTEE_ADMINISTRATORS)
  @CommandHeadersDoc()
  @ApiOperation({ summary: '免去委员（自生效日期起不再计入应到会委员）' })
  async removeMember(
    @Param('id', IdPipe) id: string,
    @Param('memberId') memberId: string,
    @Body() body: RemoveCommitteeMemberRequest,
    @CommandContext() metadata: CommandMetadata,
    @CommandHeaders() options: CommandOptions,
    @Res({ passthrough: true }) response: Response,
  ) {
    return replied(response, await this.commands.removeMember(id, { memberId, effectiveFrom: body.effectiveFrom, reason: body.reason }, metadata, options));
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
