import { Body, Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Call, CommandRoute, IdPipe, Roles, StateRoute, StreamHistoryQuery, StreamStateQuery, commandOn, mintId, replyOf, type CommandCall } from '@oa/platform';
import { UnitListQuery } from '../application/directory.query-handlers';
import { unitStream } from '../directory.service-definition';
import { DIRECTORY_MAINTAINERS, DIRECTORY_READERS } from './access';
import { AsOfQuery, ListUnitsQuery } from './dto/read.request';
import { AbolishPostRequest, DirectoryReasonRequest, EstablishPostRequest, RegisterUnitRequest, RenameUnitRequest } from './dto/unit.request';

/** 机构: registration, name, posts (职务), dissolution (DIR-1, sysAdmin); reads with version, history and asOf. */
@ApiTags('机构 (units)')
@Controller('units')
export class UnitsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @CommandRoute(undefined, { summary: '机构登记（DIR-1：系统管理员，须说明理由）', roles: DIRECTORY_MAINTAINERS, creates: true })
  register(@Body() body: RegisterUnitRequest, @Call() call: CommandCall) {
    const { unitId, code, name, parentUnitId, reason } = body;
    const id = unitId ?? mintId(call, 'RegisterUnit');
    const data = { code, name, reason, ...(parentUnitId !== undefined && { parentUnitId }) };
    return this.commands.execute(commandOn(unitStream, id, 'RegisterUnit', data, call, { created: unitId === undefined }));
  }

  @CommandRoute(':id/rename', { summary: '机构更名或改代码', roles: DIRECTORY_MAINTAINERS })
  rename(@Param('id', IdPipe) id: string, @Body() body: RenameUnitRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(unitStream, id, 'RenameUnit', { code: body.code, name: body.name, reason: body.reason }, call));
  }

  /** 设置职务: the post's id is the server's. */
  @CommandRoute(':id/posts', { summary: '设置职务（书记、主要负责人、分管领导、办公室主任…）', roles: DIRECTORY_MAINTAINERS, creates: true })
  async establishPost(@Param('id', IdPipe) id: string, @Body() body: EstablishPostRequest, @Call() call: CommandCall) {
    const postId = mintId(call, `EstablishPost:${id}`);
    const { kind, title, capacity, reason } = body;
    return { ...replyOf(await this.commands.execute(commandOn(unitStream, id, 'EstablishPost', { postId, kind, title, capacity, reason }, call))), postId };
  }

  @CommandRoute(':id/posts/abolish', { summary: '撤销职务（任职者随之免职）', roles: DIRECTORY_MAINTAINERS })
  abolishPost(@Param('id', IdPipe) id: string, @Body() body: AbolishPostRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(unitStream, id, 'AbolishPost', { postId: body.postId, reason: body.reason }, call));
  }

  @CommandRoute(':id/dissolve', { summary: '撤销机构（其职务随之撤销）', roles: DIRECTORY_MAINTAINERS })
  dissolve(@Param('id', IdPipe) id: string, @Body() body: DirectoryReasonRequest, @Call() call: CommandCall) {
    return this.commands.execute(commandOn(unitStream, id, 'DissolveUnit', { reason: body.reason }, call));
  }

  @Get()
  @Roles(...DIRECTORY_READERS)
  @ApiOperation({ summary: '机构名录（可按上级机构、状态筛选）' })
  list(@Query() query: ListUnitsQuery) {
    return this.queries.execute(new UnitListQuery({ ...(query.parent !== undefined && { parent: query.parent }), ...(query.status !== undefined && { status: query.status }) }));
  }

  @StateRoute(':id', { summary: '机构及其职务（asOf：某一时点的状态）', roles: DIRECTORY_READERS })
  get(@Param('id', IdPipe) id: string, @Query() query: AsOfQuery) {
    return this.queries.execute(new StreamStateQuery(unitStream, id, query.asOf));
  }

  @Get(':id/history')
  @Roles(...DIRECTORY_READERS)
  @ApiOperation({ summary: '机构的全部事件（操作人、时间、理由）' })
  history(@Param('id', IdPipe) id: string) {
    return this.queries.execute(new StreamHistoryQuery(unitStream, id));
  }
}
