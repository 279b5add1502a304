import { sealKinds } from '@oa/domain-seals';
import { OneOf, OptionalText, RequiredInstant, RequiredText } from '@oa/platform';

export const SEAL_STATUSES = ['registered', 'active', 'suspended', 'disabled', 'surrendered'] as const;

/** 刻制备案 */
export class RegisterSealRequest {
  @OneOf('印章种类', sealKinds)
  kind!: (typeof sealKinds)[number];

  @RequiredText('印章名称（印文）', '某某市人民政府办公室')
  name!: string;

  @RequiredText('用章单位', '办公室')
  owningUnit!: string;

  @RequiredText('刻制审批文号', '某公安备〔2026〕12号')
  engravingApprovalReference!: string;

  @RequiredText('印模图像摘要', 'sha256:3f2a…', 200)
  impressionImageHash!: string;
}

/** 暂停使用 / 停用 */
export class SealReasonRequest {
  @RequiredText('原因', '印章送修')
  reason!: string;
}

/** 缴销 */
export class SurrenderSealRequest {
  @RequiredText('监销人编号', 'u-witness', 100)
  witnessId!: string;

  @RequiredText('监销人姓名', '王五', 100)
  witnessName!: string;

  @OptionalText('缴销原因', '单位撤并')
  reason?: string;
}

/** 指定保管人 */
export class AssignSealKeeperRequest {
  @RequiredText('保管人编号', 'u-keeper', 100)
  keeperId!: string;

  @RequiredText('保管人姓名', '李四', 100)
  keeperName!: string;
}

/** 交接 */
export class InitiateSealHandoverRequest {
  @RequiredText('接收保管人编号', 'u-keeper-2', 100)
  incomingKeeperId!: string;

  @RequiredText('接收保管人姓名', '赵六', 100)
  incomingKeeperName!: string;

  @RequiredText('监交人编号', 'u-witness', 100)
  witnessId!: string;

  @RequiredText('监交人姓名', '王五', 100)
  witnessName!: string;
}

/** 交接确认, by the outgoing or the incoming keeper. */
export class ConfirmSealHandoverRequest {
  @RequiredText('交接编号', '1b4e28ba-2fa1-11d2-883f-0016d3cca427', 100)
  handoverId!: string;
}

export class CancelSealHandoverRequest {
  @RequiredText('交接编号', '1b4e28ba-2fa1-11d2-883f-0016d3cca427', 100)
  handoverId!: string;

  @RequiredText('取消原因', '接收人调岗')
  reason!: string;
}

/** 外借 (SEAL-8): reason, destination, carrier and expected return. */
export class RequestSealCheckoutRequest {
  @RequiredText('外借事由', '赴省厅办理备案')
  reason!: string;

  @RequiredText('去向', '省公安厅')
  destination!: string;

  @RequiredText('携印人编号', 'u-carrier', 100)
  carrierId!: string;

  @RequiredText('携印人姓名', '陈九', 100)
  carrierName!: string;

  @RequiredInstant('预计归还时间')
  expectedReturnAt!: string;
}

export class ApproveSealCheckoutRequest {
  @RequiredText('外借编号', '1b4e28ba-2fa1-11d2-883f-0016d3cca427', 100)
  checkoutId!: string;

  @OptionalText('审批意见', '同意，按时归还')
  comment?: string;
}

export class RejectSealCheckoutRequest {
  @RequiredText('外借编号', '1b4e28ba-2fa1-11d2-883f-0016d3cca427', 100)
  checkoutId!: string;

  @RequiredText('不予批准的理由', '可委托对方来人办理')
  reason!: string;
}

/** 归还, recorded by the keeper. */
export class ReturnSealRequest {
  @RequiredText('外借编号', '1b4e28ba-2fa1-11d2-883f-0016d3cca427', 100)
  checkoutId!: string;

  @OptionalText('备注', '印章完好')
  remarks?: string;
}

export class ListSealsQuery {
  @OptionalText('用章单位', '办公室')
  unit?: string;

  @OneOf('印章种类', sealKinds, true)
  kind?: string;

  @OneOf('印章状态', SEAL_STATUSES, true)
  status?: string;
}
