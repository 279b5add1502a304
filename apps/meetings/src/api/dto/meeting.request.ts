import { DECISION_OUTCOMES, MAJOR_MATTER_CATEGORIES, MEETING_KINDS, SECRECY_LEVELS, VOTE_CHOICES, VOTING_METHODS } from '@oa/domain-meetings';
import { Count, Flag, StringList, Nested, NestedList, OneOf, OptionalText, RequiredInstant, RequiredText, Uuid } from '@oa/platform';
import { MemberReasonRequest, PersonRequest } from './common.request';

/** 安排会议 */
export class ScheduleMeetingRequest {
  @OneOf('会议类型', MEETING_KINDS)
  kind!: (typeof MEETING_KINDS)[number];

  @RequiredText('会议名称', '2026年第12次党委会', 200)
  title!: string;

  @Uuid('委员会编号')
  committeeId!: string;

  @RequiredText('主持人编号', 'u-secretary', 100)
  chairId!: string;

  @RequiredText('记录人编号', 'u-recorder', 100)
  recorderId!: string;

  @RequiredInstant('开始时间')
  startsAt!: string;

  @RequiredInstant('结束时间')
  endsAt!: string;

  @RequiredText('地点', '机关三楼会议室', 200)
  place!: string;

  @OneOf('密级（默认内部；秘密及以上的名称、发言和决定不出本服务，MTG-10）', SECRECY_LEVELS, true)
  secrecyLevel?: (typeof SECRECY_LEVELS)[number];
}

export class CancelMeetingRequest {
  @RequiredText('取消原因', '主要领导出差')
  reason!: string;
}

/** 会议通知：送达人员（须含全体应到委员）与通知正文的摘要 */
export class IssueMeetingNoticeRequest {
  @NestedList('通知送达人员', () => PersonRequest, { min: 1 })
  recipients!: PersonRequest[];

  @RequiredText('通知正文摘要（64 位十六进制，可带 sha256: 或 sm3: 前缀）', `sha256:${'a'.repeat(64)}`, 80)
  contentHash!: string;
}

/** 提交议题 */
export class SubmitAgendaItemRequest {
  @RequiredText('议题名称', '关于某项目资金安排的议题', 200)
  title!: string;

  @OptionalText('提交单位', '财务处', 100)
  submittingUnit?: string;

  @OneOf('“三重一大”类别', MAJOR_MATTER_CATEGORIES, true)
  majorMatter?: (typeof MAJOR_MATTER_CATEGORIES)[number];

  @Flag('是否干部任免事项')
  cadreAppointment?: boolean;
}

export class CheckAgendaItemRequest {
  @OptionalText('审核意见', '材料齐全')
  comment?: string;
}

export class ReturnAgendaItemRequest {
  @RequiredText('退回理由', '缺少可行性研究报告')
  reason!: string;
}

/** 出席情况 */
export class RecordAttendanceRequest {
  @StringList('到会委员编号')
  present!: string[];

  @NestedList('请假委员（注明事由）', () => MemberReasonRequest)
  absent!: MemberReasonRequest[];

  @NestedList('列席人员', () => PersonRequest)
  nonVotingAttendees!: PersonRequest[];
}

/** 中途离会 */
export class RecordMemberLeavingRequest {
  @RequiredText('离会委员编号', 'u-member-6', 100)
  memberId!: string;

  @RequiredText('离会事由', '参加县政府常务会议')
  reason!: string;
}

export class RecordRecusalRequest {
  @RequiredText('回避委员编号', 'u-member-3', 100)
  memberId!: string;

  @RequiredText('回避事由', '近亲属为项目承接方负责人')
  reason!: string;
}

export class RecordSpeechRequest {
  @RequiredText('发言人编号', 'u-member-1', 100)
  speakerId!: string;

  @RequiredText('发言要点', '同意，建议加强资金监管', 5000)
  view!: string;
}

export class BallotRequest {
  @RequiredText('委员编号', 'u-member-1', 100)
  memberId!: string;

  @OneOf('表决意见', VOTE_CHOICES)
  choice!: (typeof VOTE_CHOICES)[number];
}

export class VoteCountsRequest {
  @Count('赞成票')
  for!: number;

  @Count('反对票')
  against!: number;

  @Count('弃权票')
  abstain!: number;
}

/** 表决：记名或举手逐人记录，无记名只记票数 */
export class RecordVoteRequest {
  @OneOf('表决方式', VOTING_METHODS)
  method!: (typeof VOTING_METHODS)[number];

  @NestedList('逐人表决意见', () => BallotRequest, { optional: true })
  ballots?: BallotRequest[];

  @Nested('票数', () => VoteCountsRequest, true)
  counts?: VoteCountsRequest;
}

export class RecordWrittenOpinionRequest {
  @RequiredText('请假委员编号', 'u-member-9', 100)
  memberId!: string;

  @RequiredText('书面意见', '同意', 5000)
  opinion!: string;
}

export class RecordDecisionRequest {
  @OneOf('决定结果', DECISION_OUTCOMES)
  outcome!: (typeof DECISION_OUTCOMES)[number];

  @RequiredText('决定内容', '同意该项目资金安排', 5000)
  text!: string;
}

export const MEETING_STATUSES = ['scheduled', 'inProgress', 'closed', 'cancelled'] as const;

export class ListMeetingsQuery {
  @Uuid('委员会编号', true)
  committeeId?: string;

  @OneOf('会议状态', MEETING_STATUSES, true)
  status?: (typeof MEETING_STATUSES)[number];
}

/** MTG-1 / FILE-1 上传议题材料: the bytes are the request body (application/octet-stream). */
export class MaterialUploadQuery {
  @RequiredText('文件名（含扩展名；格式按内容判定，扩展名须与内容相符）', '议题说明.pdf', 255)
  name!: string;
}
