import { Body, Controller, Inject } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { BeforeDirectory, Call, CommandRoute, StateRoute, StreamStateQuery, mintId, type CommandCall } from '@oa/platform';
import { DIRECTORY_BOOTSTRAP_ID } from '@oa/domain-directory';
import { bootstrapDirectory } from '../application/directory-bootstrap';
import { directoryBootstrapStream } from '../directory.service-definition';
import { DIRECTORY_READERS } from './access';
import { BootstrapDirectoryRequest } from './dto/directory.request';

/** 目录初始化: once, the first sysAdmin and securityAdmin (DIR-3). `oa directory bootstrap` runs the same without a token. */
@ApiTags('目录初始化 (directory)')
@Controller('directory')
export class DirectoryController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @BeforeDirectory()
  @CommandRoute('bootstrap', { summary: '目录初始化（仅限目录为空时一次；初始系统管理员与安全保密管理员须为两人，DIR-3）', roles: ['sysAdmin'] })
  bootstrap(@Body() body: BootstrapDirectoryRequest, @Call() call: CommandCall) {
    const { sysAdmin, securityAdmin, homeUnitId, reason } = body;
    const input = {
      sysAdmin: { personId: sysAdmin.personId, name: sysAdmin.name },
      securityAdmin: { personId: securityAdmin.personId, name: securityAdmin.name },
      homeUnitId: homeUnitId ?? mintId(call, 'DirectoryHomeUnit'),
      reason,
    };
    return bootstrapDirectory((command) => this.commands.execute(command), input, call);
  }

  @StateRoute('bootstrap', { summary: '目录初始化记录（初始管理员、时间）', roles: DIRECTORY_READERS })
  get() {
    return this.queries.execute(new StreamStateQuery(directoryBootstrapStream, DIRECTORY_BOOTSTRAP_ID));
  }
}
