import { OneOf, OptionalText, PositiveCount, RequiredText, Uuid } from '@oa/platform';

/** SEAL-5: only a finished text may be stamped; the blank kinds are refused by the rule itself. */
export const PAPER_KINDS = ['prepared', 'blankPaper', 'blankIntroductionLetter'] as const;

/** 用印申请 */
export class ApplyForSealUsageRequest {
  @Uuid('印章编号')
  sealId!: string;

  @RequiredText('用印事由', '报送年度工作总结')
  purpose!: string;

  @RequiredText('文件标题', '关于2026年度工作情况的报告')
  documentTitle!: string;

  /** SEAL-7: the official document (公文) to be stamped; its sign-off is the approval. */
  @Uuid('公文编号', true)
  documentId?: string;

  @PositiveCount('份数', 3)
  copies!: number;

  @PositiveCount('用印次数', 3)
  impressions!: number;

  @OneOf('用印文本类型', PAPER_KINDS)
  paperKind!: (typeof PAPER_KINDS)[number];
}

export class ApproveSealUsageApplicationRequest {
  @OptionalText('审批意见', '同意')
  comment?: string;
}

export class RejectSealUsageApplicationRequest {
  @RequiredText('不予批准的理由', '事由不明确')
  reason!: string;
}

export class CancelSealUsageApplicationRequest {
  @OptionalText('撤回原因', '文件暂缓报送')
  reason?: string;
}

/** 用印登记 */
export class RecordSealUsageRequest {
  @Uuid('用印登记编号（重试时保持不变）', true)
  usageId?: string;

  @PositiveCount('份数', 1)
  copies!: number;

  @PositiveCount('用印次数', 1)
  impressions!: number;

  @RequiredText('监印人编号', 'u-witness', 100)
  witnessId!: string;

  @RequiredText('监印人姓名', '王五', 100)
  witnessName!: string;

  @OptionalText('备注', '')
  remarks?: string;
}
