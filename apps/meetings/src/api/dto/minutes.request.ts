import { DECISION_OUTCOMES, MAJOR_MATTER_CATEGORIES, SECRECY_LEVELS, VOTING_METHODS } from '@oa/domain-meetings';
import { IsOptional } from 'class-validator';
import { Flag, Instant, Nested, NestedList, OneOf, OptionalText, RequiredInstant, RequiredText, StringList } from '@oa/platform';
import { MemberReasonRequest, MemberRequest, PersonRequest } from './common.request';
import { BallotRequest, VoteCountsRequest } from './meeting.request';

/** MTG-10 every level: from 秘密 up the texts are kept in the service and the events carry digests (COMMON-4). */
export const MINUTES_SECRECY_LEVELS = SECRECY_LEVELS;

export class AbsentMemberRequest extends MemberRequest {
  @RequiredText('请假事由', '公出', 200)
  reason!: string;
}

export class ViewRequest {
  @RequiredText('发言人编号', 'u-member-1', 100)
  speakerId!: string;

  @RequiredText('发言要点', '同意', 5000)
  view!: string;
}

export class WrittenOpinionRequest {
  @RequiredText('请假委员编号', 'u-member-9', 100)
  memberId!: string;

  @RequiredText('书面意见', '同意', 5000)
  opinion!: string;
}

export class MinutesVoteRequest {
  @OneOf('表决方式', VOTING_METHODS)
  method!: (typeof VOTING_METHODS)[number];

  @Nested('票数', () => VoteCountsRequest)
  counts!: VoteCountsRequest;

  @NestedList('逐人表决意见', () => BallotRequest, { optional: true })
  ballots?: BallotRequest[];
}

export class MinutesItemRequest {
  @RequiredText('议题编号', '1b4e28ba-2fa1-11d2-883f-0016d3cca427', 100)
  itemId!: string;

  @RequiredText('议题名称', '关于某项目资金安排的议题', 200)
  title!: string;

  @OneOf('“三重一大”类别', MAJOR_MATTER_CATEGORIES, true)
  majorMatter?: (typeof MAJOR_MATTER_CATEGORIES)[number];

  @Flag('是否干部任免事项')
  cadreAppointment?: boolean;

  @NestedList('回避', () => MemberReasonRequest)
  recusals!: MemberReasonRequest[];

  @NestedList('发言（按发言顺序）', () => ViewRequest)
  views!: ViewRequest[];

  @NestedList('书面意见', () => WrittenOpinionRequest, { optional: true })
  writtenOpinions?: WrittenOpinionRequest[];

  @Nested('表决', () => MinutesVoteRequest, true)
  vote?: MinutesVoteRequest;

  @OneOf('决定结果', DECISION_OUTCOMES)
  outcome!: (typeof DECISION_OUTCOMES)[number];

  @RequiredText('决定', '同意', 5000)
  decision!: string;

  @IsOptional()
  @StringList('表决前已中途离会的委员编号')
  leftBefore?: string[];
}

/** 会议记录正文 (MTG-6) */
export class MinutesContentRequest {
  @RequiredInstant('开始时间')
  startedAt!: string;

  @RequiredInstant('结束时间')
  endedAt!: string;

  @RequiredText('地点', '机关三楼会议室', 200)
  place!: string;

  @Nested('主持人', () => PersonRequest)
  chair!: PersonRequest;

  @Nested('记录人', () => PersonRequest)
  recorder!: PersonRequest;

  @NestedList('出席委员', () => MemberRequest)
  present!: MemberRequest[];

  @NestedList('缺席委员（原因）', () => AbsentMemberRequest)
  absent!: AbsentMemberRequest[];

  @NestedList('列席人员', () => PersonRequest)
  nonVotingAttendees!: PersonRequest[];

  @NestedList('中途离会委员（原因）', () => AbsentMemberRequest, { optional: true })
  left?: AbsentMemberRequest[];

  @NestedList('议题', () => MinutesItemRequest)
  items!: MinutesItemRequest[];
}

/** 起草会议记录：不给正文时按会议登记的出席、发言、表决和决定生成 */
export class DraftMinutesRequest {
  @OptionalText('标题（默认为会议名称加“会议记录”）', '2026年第12次党委会会议记录', 200)
  title?: string;

  @OneOf('密级（默认为会议的密级；干部任免的党委会至少秘密，MTG-10）', MINUTES_SECRECY_LEVELS, true)
  secrecyLevel?: (typeof MINUTES_SECRECY_LEVELS)[number];

  @OptionalText('主持人姓名（主持人不是委员时）', '王书记', 100)
  chairName?: string;

  @Nested('正文', () => MinutesContentRequest, true)
  content?: MinutesContentRequest;
}

export class ReviseMinutesRequest {
  @Nested('正文', () => MinutesContentRequest)
  content!: MinutesContentRequest;
}

export class ProposeMinutesAmendmentRequest {
  @RequiredText('更正理由', '决定内容记录有误')
  reason!: string;

  @Nested('更正后的正文', () => MinutesContentRequest)
  content!: MinutesContentRequest;
}

export class RejectMinutesAmendmentRequest {
  @RequiredText('不予更正的理由', '原记录无误')
  reason!: string;
}

export class MinutesQuery {
  @Instant('查询时点')
  asOf?: string;
}

export class MinutesExportQuery {
  @Instant('查询时点')
  asOf?: string;

  @OneOf('导出格式', ['json', 'markdown'], true)
  format?: 'json' | 'markdown';
}
