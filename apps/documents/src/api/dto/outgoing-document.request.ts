import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, Max, Min } from 'class-validator';
import { DOCUMENT_TYPES, SECRECY_LEVELS, URGENCIES } from '@oa/domain-documents';
import { Flag, Nested, NestedList, OneOf, OptionalText, PositiveCount, RequiredText, TextList } from '@oa/platform';

export const DOCUMENT_TYPE_CODES = Object.keys(DOCUMENT_TYPES);

export class RecipientRequest {
  @RequiredText('机关或领导名称', '某某市人民政府', 200)
  name!: string;

  @OneOf('类别（organ 机关 / leader 领导者个人）', ['organ', 'leader'])
  kind!: 'organ' | 'leader';

  @OneOf('与发文机关的关系', ['superior', 'peer', 'subordinate', 'unrelated'])
  relation!: 'superior' | 'peer' | 'subordinate' | 'unrelated';
}

export class SecrecyPeriodRequest {
  @OneOf('保密期限单位', ['year', 'month'])
  unit!: 'year' | 'month';

  @PositiveCount('保密期限', 1)
  value!: number;
}

export class AttachmentRequest {
  @RequiredText('附件名称', '附件1：检查清单', 200)
  name!: string;

  @RequiredText('附件摘要（SHA-256）', '3f2a…', 64)
  hash!: string;
}

/** 拟稿 / 修改文稿: the text itself is stored by the service; events carry its SHA-256 (COMMON-4). */
export class OutgoingDocumentDraftRequest {
  @OneOf('文种', DOCUMENT_TYPE_CODES)
  type!: keyof typeof DOCUMENT_TYPES;

  @RequiredText('标题', '关于开展安全生产大检查的通知')
  title!: string;

  @RequiredText('机关代字', '国发', 20)
  issuerCode!: string;

  @NestedList('主送机关', () => RecipientRequest, { optional: true })
  mainRecipients?: RecipientRequest[];

  @NestedList('抄送机关', () => RecipientRequest, { optional: true })
  copyRecipients?: RecipientRequest[];

  @OneOf('密级', SECRECY_LEVELS)
  secrecyLevel!: (typeof SECRECY_LEVELS)[number];

  @Nested('保密期限', () => SecrecyPeriodRequest, true)
  secrecyPeriod?: SecrecyPeriodRequest;

  @OneOf('紧急程度', URGENCIES)
  urgency!: (typeof URGENCIES)[number];

  @RequiredText('正文', '各区县人民政府：……', 200_000)
  content!: string;

  @NestedList('附件', () => AttachmentRequest, { optional: true })
  attachments?: AttachmentRequest[];

  @TextList('会签部门', '财政局')
  countersignDepartments?: string[];

  @TextList('联合发文机关', '国办发')
  coIssuers?: string[];

  @Flag('上行文')
  upward?: boolean;

  @Flag('重要公文')
  important?: boolean;

  @OptionalText('签发人（上行文）', '张三', 100)
  signerName?: string;

  @IsOptional()
  @PositiveCount('请示事项数', 1)
  matterCount?: number;

  @Flag('是否夹带请示事项')
  includesRequestItems?: boolean;

  /** COMMON-3 the need-to-know list of a classified draft beyond those who handle it. */
  @TextList('知悉范围（用户编号）', 'u-reader')
  readers?: string[];
}

export class ReviewOutgoingDocumentRequest {
  @OneOf('核稿结论', ['approve', 'return'])
  decision!: 'approve' | 'return';

  @OptionalText('核稿意见', '同意')
  comments?: string;
}

export class CountersignOutgoingDocumentRequest {
  @OneOf('会签方', ['department', 'coIssuer'])
  party!: 'department' | 'coIssuer';

  @RequiredText('部门或机关代字', '财政局', 100)
  code!: string;

  @RequiredText('会签意见', '同意')
  opinion!: string;
}

export class SignOffOutgoingDocumentRequest {
  @RequiredText('签发意见', '同意印发')
  opinion!: string;
}

export class RecheckOutgoingDocumentRequest {
  @Flag('是否实质性修改', false)
  substantiveChange!: boolean;

  @OptionalText('修改后的正文', '各区县人民政府：……', 200_000)
  // FILE-1 a text is a stored file: an empty one is no text (leave the field out)
  @IsNotEmpty({ message: '修改后的正文不能为空' })
  content?: string;

  @OptionalText('复核说明', '订正错字')
  notes?: string;
}

export class RegisterOutgoingDocumentRequest {
  @PositiveCount('印制份数', 10)
  copies!: number;

  /** SEAL-7: the seal's impressions on all copies together are copies × this. */
  @ApiPropertyOptional({ description: '每份用印次数（默认1）', example: 1, minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt({ message: '每份用印次数须为整数' })
  @Min(1, { message: '每份用印次数至少为 1' })
  @Max(100, { message: '每份用印次数不能超过 100' })
  impressionsPerCopy?: number;
}

export class DeliveryRequest {
  @RequiredText('分送单位', '某某县人民政府', 200)
  recipient!: string;

  @PositiveCount('份数', 1)
  copies!: number;

  @TextList('份号（6位）', '000001')
  copyNumbers?: string[];
}

export class DistributeOutgoingDocumentRequest {
  @NestedList('分送', () => DeliveryRequest)
  deliveries!: DeliveryRequest[];
}

export class ReasonRequest {
  @RequiredText('理由', '情况已变化')
  reason!: string;
}
