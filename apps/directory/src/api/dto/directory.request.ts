import { Nested, RequiredText, Uuid } from '@oa/platform';
import { PersonId } from '../person-id';

export class BootstrapAdministratorRequest {
  @PersonId('人员编号', 'yang.guangming')
  personId!: string;

  @RequiredText('姓名', '杨光明', 100)
  name!: string;
}

/** 目录初始化: the first sysAdmin and securityAdmin, two different people (DIR-3). */
export class BootstrapDirectoryRequest {
  @Nested('初始系统管理员', () => BootstrapAdministratorRequest)
  sysAdmin!: BootstrapAdministratorRequest;

  @Nested('初始安全保密管理员', () => BootstrapAdministratorRequest)
  securityAdmin!: BootstrapAdministratorRequest;

  @Uuid('初始管理员所在机构（可选，缺省由服务生成；系统管理员随后以此编号登记该机构）', true)
  homeUnitId?: string;

  @RequiredText('理由', '系统上线，配备初始系统管理员和安全保密管理员', 500)
  reason!: string;
}
