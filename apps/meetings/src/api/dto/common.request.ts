import { Instant, OptionalText, RequiredText } from '@oa/platform';

/** 委员 */
export class MemberRequest {
  @RequiredText('委员编号', 'u-member-1', 100)
  memberId!: string;

  @RequiredText('委员姓名', '张委员', 100)
  name!: string;
}

/** 主持人、记录人、列席人员 */
export class PersonRequest {
  @RequiredText('人员编号', 'u-guest', 100)
  personId!: string;

  @RequiredText('姓名', '李列席', 100)
  name!: string;

  @OptionalText('单位', '财务处', 100)
  unit?: string;
}

/** 材料或佐证：文件在文件库，这里只记名称和摘要 */
export class MaterialRequest {
  @RequiredText('材料名称', '关于某项目的请示.pdf', 200)
  name!: string;

  @RequiredText('材料摘要（64 位十六进制，可带 sha256: 或 sm3: 前缀）', 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 80)
  hash!: string;
}

/** 请假或回避：委员与事由 */
export class MemberReasonRequest {
  @RequiredText('委员编号', 'u-member-1', 100)
  memberId!: string;

  @RequiredText('事由', '公出', 200)
  reason!: string;
}

export class AsOfQuery {
  @Instant('查询时点')
  asOf?: string;
}
