import { Body, Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Call, CommandRoute, Confidential, RequestValidationError, Roles, StateRoute, StreamHistoryQuery, StreamStateQuery, commandOn, mintId, replyOf, type CommandCall } from '@oa/platform';
import { LEADER_POST_KINDS, type DelegableDuty } from '@oa/domain-directory';
import { PersonAuthorityQuery, PersonListQuery } from '../application/directory.query-handlers';
import { identityIdOf } from '../application/directory.facts';
import { oneHolderAtATime } from '../application/post-assignment';
import { personStream } from '../directory.service-definition';
import { CLEARANCE_OFFICERS, DELEGATION_APPROVERS, DELEGATION_REVOKERS, DIRECTORY_MAINTAINERS, DIRECTORY_READERS } from './access';
import { PersonIdPipe } from './person-id';
import { AsOfQuery, AuthorityAtQuery, ListPeopleQuery } from './dto/read.request';
import {
  ClearanceRequest,
  DelegateDutyRequest,
  IdentityRequest,
  PostHoldingRequest,
  RegisterPersonRequest,
  RevokeClearanceRequest,
  RevokeDelegationRequest,
  RoleRequest,
} from './dto/person.request';
import { DirectoryReasonRequest } from './dto/unit.request';

/**
 * 人员: identities (身份), posts, roles (DIR-1, sysAdmin), clearances (DIR-2, securityAdmin),
 * delegations (DIR-6, a leader of the unit), departure; reads with version, history, asOf and
 * the authority at an instant (DIR-4).
 */
@ApiTags('人员 (people)')
@Controller('people')
export class PeopleController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @CommandRoute(undefined, { summary: '人员登记（DIR-1：系统管理员；编号即令牌的 sub）', roles: DIRECTORY_MAINTAINERS, creates: true })
  register(@Body() body: RegisterPersonRequest, @Call() call: CommandCall) {
    const { personId, name, homeUnitId, reason } = body;
    return this.commands.execute(commandOn(personStream, personId, 'RegisterPerson', { name, homeUnitId, identityId: identityIdOf(personId, homeUnitId), reason }, call));
  }

  @CommandRoute(':id/identities', { summary: '增加兼职身份（每个机构一个身份）', roles: DIRECTORY_MAINTAINERS })
  addIdentity(@Param('id', PersonIdPipe) id: string, @Body() body: IdentityRequest, @Call() call: CommandCall) {
    const { unitId, reason } = body;
    return this.commands.execute(commandOn(personStream, id, 'AddIdentity', { identityId: identityIdOf(id, unitId), unitId, reason }, call));
  }

  @CommandRoute(':id/identities/remove', { summary: '免去兼职身份（该身份的职务随之免去）', roles: DIRECTORY_MAINTAINERS })
  removeIdentity(@Param('id', PersonIdPipe) id: string, @Body() body: IdentityRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(personStream, id, 'RemoveIdentity', { identityId: identityIdOf(id, body.unitId), reason: body.reason }, call));
  }

  @CommandRoute(':id/posts/assign', { summary: '任职（DIR-1：不得为本人任职；只设一人的职务须先免去现任）', roles: DIRECTORY_MAINTAINERS })
  assignPost(@Param('id', PersonIdPipe) id: string, @Body() body: PostHoldingRequest, @Call() call: CommandCall) {
    const { unitId, postId, reason } = body;
    return oneHolderAtATime(this.commands.execute(commandOn(personStream, id, 'AssignPost', { identityId: identityIdOf(id, unitId), unitId, postId, reason }, call)));
  }

  @CommandRoute(':id/posts/relieve', { summary: '免职', roles: DIRECTORY_MAINTAINERS })
  relievePost(@Param('id', PersonIdPipe) id: string, @Body() body: PostHoldingRequest, @Call() call: CommandCall) {
    const { unitId, postId, reason } = body;
    return this.commands.execute(commandOn(personStream, id, 'RelievePost', { identityId: identityIdOf(id, unitId), postId, reason }, call));
  }

  @CommandRoute(':id/roles/grant', { summary: '授予角色（DIR-1：不得为本人授予；DIR-3：三员分立）', roles: DIRECTORY_MAINTAINERS })
  grantRole(@Param('id', PersonIdPipe) id: string, @Body() body: RoleRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(personStream, id, 'GrantRole', { role: body.role, reason: body.reason }, call));
  }

  @CommandRoute(':id/roles/revoke', { summary: '撤销角色', roles: DIRECTORY_MAINTAINERS })
  revokeRole(@Param('id', PersonIdPipe) id: string, @Body() body: RoleRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(personStream, id, 'RevokeRole', { role: body.role, reason: body.reason }, call));
  }

  @CommandRoute(':id/clearance/grant', { summary: '涉密人员等级授予（DIR-2：安全保密管理员，载明审批依据）', roles: CLEARANCE_OFFICERS })
  @Confidential('clearanceGrant')
  grantClearance(@Param('id', PersonIdPipe) id: string, @Body() body: ClearanceRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(personStream, id, 'GrantClearance', { level: body.level, basis: body.basis }, call));
  }

  @CommandRoute(':id/clearance/change', { summary: '涉密人员等级变更（DIR-2）', roles: CLEARANCE_OFFICERS })
  @Confidential('clearanceGrant')
  changeClearance(@Param('id', PersonIdPipe) id: string, @Body() body: ClearanceRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(personStream, id, 'ChangeClearance', { level: body.level, basis: body.basis }, call));
  }

  @CommandRoute(':id/clearance/revoke', { summary: '涉密人员等级撤销（脱密，DIR-2）', roles: CLEARANCE_OFFICERS })
  @Confidential('clearanceGrant')
  revokeClearance(@Param('id', PersonIdPipe) id: string, @Body() body: RevokeClearanceRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(personStream, id, 'RevokeClearance', { basis: body.basis }, call));
  }

  /** 工作代理 (DIR-6): the delegation's id is the server's; the actor is the approving leader. */
  @CommandRoute(':id/delegations', { summary: '工作代理（DIR-6：本单位领导批准，指定代理人、事项和期限）', roles: DELEGATION_APPROVERS, creates: true })
  async delegateDuty(@Param('id', PersonIdPipe) id: string, @Body() body: DelegateDutyRequest, @Call() call: CommandCall) {
    const delegationId = mintId(call, `DelegateDuty:${id}`);
    const { deputyId, from, until, reason } = body;
    const duty: DelegableDuty =
      body.duty.kind === 'role' ? { kind: 'role', role: body.duty.role! } : { kind: 'post', unitId: body.duty.unitId!, postId: body.duty.postId! };
    // by default the unit whose leader approves: the post's own unit, or the unit the approving leader leads
    const leads = call.metadata.actor.authority?.posts.find((post) => (LEADER_POST_KINDS as readonly string[]).includes(post.postKind))?.unitId;
    const unitId = body.unitId ?? (duty.kind === 'post' ? duty.unitId : leads);
    if (unitId === undefined) throw new RequestValidationError([{ field: 'unitId', reasons: ['组织与人员目录中批准人不担任任何机构的领导职务，须写明批准代理的机构'] }]);
    const data = { delegationId, deputyId, duty, unitId, from, until, reason };
    return { ...replyOf(await this.commands.execute(commandOn(personStream, id, 'DelegateDuty', data, call))), delegationId };
  }

  @CommandRoute(':id/delegations/revoke', { summary: '撤销工作代理（委托人本人、本单位领导或系统管理员）', roles: DELEGATION_REVOKERS })
  revokeDelegation(@Param('id', PersonIdPipe) id: string, @Body() body: RevokeDelegationRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(personStream, id, 'RevokeDelegation', { delegationId: body.delegationId, reason: body.reason }, call));
  }

  @CommandRoute(':id/departure', { summary: '登记离职（身份、职务、角色、涉密等级和代理随之终止）', roles: DIRECTORY_MAINTAINERS })
  recordDeparture(@Param('id', PersonIdPipe) id: string, @Body() body: DirectoryReasonRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(personStream, id, 'RecordDeparture', { reason: body.reason }, call));
  }

  @Get()
  @Roles(...DIRECTORY_READERS)
  @ApiOperation({ summary: '人员名录（可按所在机构、状态筛选）' })
  list(@Query() query: ListPeopleQuery) {
    return this.queries.execute(new PersonListQuery({ ...(query.unit !== undefined && { unit: query.unit }), ...(query.status !== undefined && { status: query.status }) }));
  }

  @StateRoute(':id', { summary: '人员及其身份、职务、角色、涉密等级、代理（asOf：某一时点的状态）', roles: DIRECTORY_READERS })
  get(@Param('id', PersonIdPipe) id: string, @Query() query: AsOfQuery) {
    return this.queries.execute(new StreamStateQuery(personStream, id, query.asOf));
  }

  @Get(':id/history')
  @Roles(...DIRECTORY_READERS)
  @ApiOperation({ summary: '人员的全部事件（操作人、时间、理由或审批依据）' })
  history(@Param('id', PersonIdPipe) id: string) {
    return this.queries.execute(new StreamHistoryQuery(personStream, id));
  }

  @Get(':id/authority')
  @Roles(...DIRECTORY_READERS)
  @ApiOperation({ summary: '某一时点的权限（DIR-4：角色、职务、涉密等级、在效的工作代理）' })
  authority(@Param('id', PersonIdPipe) id: string, @Query() query: AuthorityAtQuery, @Call() call: CommandCall) {
    return this.queries.execute(new PersonAuthorityQuery(id, query.at ?? call.metadata.now));
  }
}
