import { POST_CAPACITIES, POST_KINDS, type PostCapacity, type PostKind } from '@oa/domain-directory';
import { OneOf, RequiredText, Uuid } from '@oa/platform';

/** DIR-1: every change says why. */
export class DirectoryReasonRequest {
  @RequiredText('理由', '机构改革', 500)
  reason!: string;
}

/** 机构登记 */
export class RegisterUnitRequest extends DirectoryReasonRequest {
  @Uuid('机构编号（可选，缺省由服务生成；初始化答复的 homeUnitId 即初始管理员所在机构）', true)
  unitId?: string;

  @RequiredText('机构代码', 'XWB', 50)
  code!: string;

  @RequiredText('机构名称', '中共某某县委办公室', 200)
  name!: string;

  @Uuid('上级机构', true)
  parentUnitId?: string;
}

/** 更名 / 改代码 */
export class RenameUnitRequest extends DirectoryReasonRequest {
  @RequiredText('机构代码', 'XWB', 50)
  code!: string;

  @RequiredText('机构名称', '中共某某县委办公室', 200)
  name!: string;
}

/** 设置职务 */
export class EstablishPostRequest extends DirectoryReasonRequest {
  @OneOf('职务类别', POST_KINDS)
  kind!: PostKind;

  @RequiredText('职务名称', '办公室主任', 100)
  title!: string;

  @OneOf('职数（single 一人，several 多人）', POST_CAPACITIES)
  capacity!: PostCapacity;
}

/** 撤销职务 */
export class AbolishPostRequest extends DirectoryReasonRequest {
  @Uuid('职务编号')
  postId!: string;
}
