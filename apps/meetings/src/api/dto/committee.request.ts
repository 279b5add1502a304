import { IsoDate, NestedList, RequiredText } from '@oa/platform';
import { MemberRequest } from './common.request';

/** 设立委员会 */
export class CreateCommitteeRequest {
  @RequiredText('委员会名称', '中共某某局委员会', 200)
  name!: string;

  @NestedList('委员', () => MemberRequest)
  members!: MemberRequest[];

  @IsoDate('任职生效日期')
  effectiveFrom!: string;
}

/** 增补委员 */
export class AddCommitteeMemberRequest {
  @RequiredText('委员编号', 'u-member-10', 100)
  memberId!: string;

  @RequiredText('委员姓名', '孙委员', 100)
  name!: string;

  @IsoDate('任职生效日期')
  effectiveFrom!: string;
}

/** 免去委员 */
export class RemoveCommitteeMemberRequest {
  @IsoDate('免职生效日期（当日起不再是委员）')
  effectiveFrom!: string;

  @RequiredText('免职原因', '工作调动')
  reason!: string;
}
