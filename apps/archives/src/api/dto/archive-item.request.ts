import { RETENTIONS } from '@oa/domain-archives';
import { SECRECY_LEVELS } from '@oa/core';
import { IsOptional, Matches } from 'class-validator';
import { Instant, NestedList, OneOf, OptionalText, PositiveCount, RequiredInstant, RequiredText, StringList, Uuid } from '@oa/platform';

export class AsOfQuery {
  @Instant('查询时点')
  asOf?: string;
}

/** 归档 (ARC-1, ARC-2): the DA/T 22 items the archivist decides; the rest comes from the candidate. */
export class FileArchiveItemRequest {
  @RequiredText('全宗号', 'Z109', 20)
  fondsCode!: string;

  @PositiveCount('年度', 2026)
  year!: number;

  @OneOf('保管期限', RETENTIONS)
  retention!: (typeof RETENTIONS)[number];

  @RequiredText('机构（问题）代码', 'BGS', 20)
  organisationCode!: string;

  @PositiveCount('页数', 3)
  pages!: number;
}

/** FILE-4 an archivist's upload of a component its source could not send: the bytes are the body. */
export class ComponentUploadQuery {
  @RequiredText('文件名（含扩展名）', '正文.ofd', 255)
  name!: string;
}

export class RequestLoanRequest {
  @RequiredText('借阅用途', '编写大事记')
  purpose!: string;

  @RequiredInstant('归还期限')
  dueAt!: string;
}

export class ApproveLoanRequest {
  @OptionalText('审批意见', '同意')
  comment?: string;
}

export class RejectRequest {
  @RequiredText('不予批准的理由', '用途不明确')
  reason!: string;
}

export class ReturnLoanRequest {
  @OptionalText('备注', '完好')
  remarks?: string;
}

export class AppraiseRequest {
  @OneOf('鉴定结论', ['destroy', 'extend'])
  decision!: 'destroy' | 'extend';

  @RequiredText('鉴定意见', '已无保存价值')
  reason!: string;

  @IsOptional()
  @PositiveCount('延长保管的年数（结论为延长时）', 10)
  extendYears?: number;
}

export class ApproveDestructionRequest {
  @Uuid('鉴定编号')
  appraisalId!: string;

  @OptionalText('审批意见', '同意销毁')
  comment?: string;
}

export class RejectDestructionRequest {
  @Uuid('鉴定编号')
  appraisalId!: string;

  @RequiredText('不予批准的理由', '仍有参考价值')
  reason!: string;
}

export class WitnessRequest {
  @RequiredText('监销人编号', 'u-witness', 100)
  id!: string;

  @RequiredText('监销人姓名', '王五', 100)
  name!: string;
}

export class DestroyRequest {
  @Uuid('鉴定编号')
  appraisalId!: string;

  @RequiredText('销毁方式', '粉碎')
  method!: string;

  @NestedList('监销人（至少两名）', () => WitnessRequest, { min: 1 })
  witnesses!: WitnessRequest[];
}

export class TransferRequest {
  @RequiredText('接收档案馆', '某某市档案馆')
  recipient!: string;

  @StringList('移交的档案编号')
  itemIds!: string[];
}

export class CatalogueQuery {
  @OptionalText('年度', '2026', 4)
  @Matches(/^\d{4}$/, { message: '年度须为四位数字' })
  year?: string;

  @OneOf('保管期限', RETENTIONS, true)
  retention?: string;

  @OptionalText('机构代码', 'BGS', 20)
  organisation?: string;

  @OptionalText('题名关键词（空格分隔）', '工作 总结', 200)
  title?: string;

  @OneOf('密级', SECRECY_LEVELS, true)
  secrecyLevel?: string;
}

export class ManifestQuery {
  @OneOf('格式', ['json', 'csv'], true)
  format?: 'json' | 'csv';
}
