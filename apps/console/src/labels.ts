import type { AuditEntry } from './api';

/** 事件的中文名称: what the auditor reads in every timeline. */
const EVENT_LABELS: Record<string, string> = {
  SealRegistered: '印章登记',
  SealActivated: '印章启用',
  SealSuspended: '印章暂停使用',
  SealResumed: '印章恢复使用',
  SealDisabled: '印章停用',
  SealSurrendered: '印章缴销',
  SealKeeperAssigned: '指定保管人',
  SealHandoverInitiated: '发起保管交接',
  SealHandoverConfirmed: '交接确认',
  SealHandedOver: '保管交接完成',
  SealHandoverCancelled: '交接取消',
  SealCheckoutRequested: '申请携印外出',
  SealCheckoutApproved: '批准携印外出',
  SealCheckoutRejected: '驳回携印外出',
  SealReturned: '印章归还',
  SealUsageApplicationSubmitted: '提交用印申请',
  SealUsageApplicationApproved: '批准用印申请',
  SealUsageApplicationRejected: '驳回用印申请',
  SealUsageApplicationCancelled: '撤回用印申请',
  SealUsageApplicationExpired: '用印申请过期',
  SealUsageRecorded: '用印登记',
  MeetingScheduled: '会议安排',
  MeetingCancelled: '会议取消',
  MeetingNoticeIssued: '发出会议通知',
  AgendaItemSubmitted: '提交议题',
  AgendaItemMaterialAttached: '上传议题材料',
  AgendaItemChecked: '议题审核',
  AgendaItemReturned: '议题退回',
  AgendaItemPutOnAgenda: '列入议程',
  AttendanceRecorded: '登记出席',
  MeetingOpened: '会议开始',
  MemberLeftMeeting: '成员离会',
  MemberRecused: '成员回避',
  SpeechRecorded: '记录发言',
  VoteRecorded: '记录表决',
  WrittenOpinionRecorded: '书面意见',
  DecisionRecorded: '形成决定',
  MeetingClosed: '会议结束',
  MinutesDrafted: '起草会议记录',
  MinutesDraftRevised: '修改记录草稿',
  MinutesSigned: '会议记录签字',
  MinutesFinalized: '会议记录定稿',
  MinutesAmendmentProposed: '提出记录更正',
  MinutesAmended: '记录更正生效',
  MinutesAmendmentRejected: '记录更正被驳回',
  SupervisionTaskCreated: '督办任务立项',
  SupervisionProgressReported: '督办进展报告',
  SupervisionTaskClosed: '督办任务办结',
  SupervisionTaskMarkedOverdue: '督办任务逾期',
  DocumentNumberAllocated: '分配文号',
  DocumentNumberVoided: '作废文号',
  OutgoingDocumentDrafted: '拟稿',
  OutgoingDocumentDraftRevised: '修改草稿',
  OutgoingDocumentSubmittedForReview: '送核稿',
  OutgoingDocumentReviewApproved: '核稿通过',
  OutgoingDocumentReturnedToDrafter: '退回拟稿人',
  OutgoingDocumentCountersigned: '会签',
  OutgoingDocumentSignedOff: '签发',
  OutgoingDocumentSignOffVoided: '签发作废',
  OutgoingDocumentRechecked: '复核',
  OutgoingDocumentRegistered: '登记编号',
  OutgoingDocumentSealed: '用印',
  OutgoingDocumentDistributed: '分发',
  OutgoingDocumentHandedOffForFiling: '移交归档',
  OutgoingDocumentFileAttached: '上传文件',
  OutgoingDocumentFilingCopyReleased: '向档案部门提供文件',
  OutgoingDocumentVoided: '作废',
  OutgoingDocumentWithdrawn: '撤回',
  IncomingDocumentReceived: '签收',
  IncomingDocumentRegistered: '收文登记',
  IncomingDocumentInitiallyReviewed: '初审',
  IncomingDocumentHandlingProposed: '拟办',
  IncomingDocumentInstructed: '批办',
  IncomingDocumentHandlingAssigned: '交办承办',
  IncomingDocumentCirculated: '传阅',
  IncomingDocumentRead: '阅知',
  IncomingDocumentCirculationCompleted: '传阅完毕',
  IncomingDocumentReminderRaised: '催办',
  IncomingDocumentEscalated: '督办升级',
  IncomingDocumentCompleted: '办结',
  IncomingDocumentReturnedToSender: '退回来文单位',
  IncomingDocumentHandedOffForFiling: '移交归档',
  IncomingDocumentFileAttached: '上传文件',
  IncomingDocumentFilingCopyReleased: '向档案部门提供文件',
  MinutesFilingCopyReleased: '向档案部门提供会议记录',
  FilingCandidateRegistered: '登记待归档',
  ArchiveComponentReceived: '接收电子文件',
  ArchiveItemFiled: '归档',
  ArchiveItemLoanRequested: '借阅申请',
  ArchiveItemLoanApproved: '批准借阅',
  ArchiveItemLoanRejected: '不予批准借阅',
  ArchiveItemReturned: '归还',
  ArchiveItemLoanMarkedOverdue: '借阅逾期',
  ArchiveItemAppraised: '鉴定',
  ArchiveItemDestructionApproved: '批准销毁',
  ArchiveItemDestructionRejected: '不予批准销毁',
  ArchiveItemDestroyed: '销毁',
  ArchiveItemTransferred: '移交进馆',
  ArchiveItemFourPropertiesChecked: '四性检测',
  PersonRegistered: '人员登记',
  IdentityAdded: '增加兼职身份',
  IdentityRemoved: '免去兼职身份',
  PostAssigned: '任职',
  PostRelieved: '免职',
  RoleGranted: '授予角色',
  RoleRevoked: '撤销角色',
  ClearanceGranted: '授予涉密等级',
  ClearanceChanged: '变更涉密等级',
  ClearanceRevoked: '撤销涉密等级（脱密）',
  DutyDelegated: '工作代理',
  DelegationRevoked: '撤销工作代理',
  PersonDeparted: '离岗',
  AccessDenied: '拒绝访问',
  CommandRefused: '操作被拒绝',
  HiddenItemProbed: '查询无权知悉的涉密对象（按不存在答复）',
  SupervisionTaskAssigned: '督办立项',
  SupervisionTaskProgressReported: '报告进展',
  SupervisionTaskEscalated: '逾期督办',
  SupervisionClosingSubmitted: '报送办结材料',
  SupervisionClosingReturned: '退回办结材料',
  SupervisionTaskAccepted: '验收办结销号',
  InstructionRecorded: '登记领导批示',
  InstructionTurnedIntoTask: '批示立项督办',
  InstructionNeedsNoTask: '批示无需督办',
  DutyScheduled: '排班',
  DutyRosterChanged: '变更值班表',
  ShiftHandedOver: '交接班',
  DutyLogEntryRecorded: '值班日志',
  DutyLogEntryAmended: '补正值班日志',
  EmergencyFirstReported: '突发事件首报',
  EmergencyReportContinued: '突发事件续报',
  EmergencyFinalReported: '突发事件终报',
  InformationSubmitted: '信息报送',
  FindingAcknowledged: '确认合规发现',
  FindingDisputed: '对合规发现提出异议',
  FindingResolved: '办结合规发现',
};

export const eventLabel = (type: string): string => EVENT_LABELS[type] ?? type;

/** The data fields worth a glance, in the order an auditor asks for them. */
const FIELD_LABELS: ReadonlyArray<[string, string]> = [
  ['name', '名称'],
  ['title', '标题'],
  ['documentTitle', '文件'],
  ['documentNumber', '文号'],
  ['keeperName', '保管人'],
  ['outgoingKeeperName', '交出人'],
  ['incomingKeeperName', '接收人'],
  ['witnessName', '监交/监印人'],
  ['applicantName', '申请人'],
  ['approverName', '批准人'],
  ['rejectedByName', '驳回人'],
  ['carrierName', '携带人'],
  ['receivedByName', '接收人'],
  ['purpose', '事由'],
  ['requirement', '工作要求'],
  ['summary', '情况'],
  ['step', '督办方式'],
  ['destination', '去向'],
  ['copies', '份数'],
  ['impressions', '盖印次数'],
  ['outcome', '结果'],
  ['text', '内容'],
  ['view', '发言'],
  ['reason', '原因'],
  ['description', '事项'],
  ['ownerUnit', '责任单位'],
  ['deadline', '期限'],
  ['method', '方式'],
  ['path', '请求路径'],
  ['streamType', '对象类别'],
  ['itemId', '对象编号'],
];

/** 表决结果 (MTG-6). */
export const OUTCOME_LABELS: Record<string, string> = { adopted: '通过', rejected: '未通过', deferred: '暂缓' };
/** Coded values of the fields above, in Chinese. */
const VALUE_LABELS: Readonly<Record<string, Record<string, string>>> = {
  outcome: OUTCOME_LABELS,
  // 表决方式 (MTG-6) beside the request methods of a refused attempt, which stay as sent
  method: { namedBallot: '记名投票', showOfHands: '举手表决', secretBallot: '无记名投票' },
  // SUP-2 逾期督办
  step: { reminder: '催办', notice: '通报', interview: '约谈' },
};

/** 拒绝与越权记录: the refused and denied attempts every service keeps beside its streams (AUD-11, AUD-12). */
export const ATTEMPT_TYPES: ReadonlySet<string> = new Set(['CommandRefused', 'AccessDenied', 'HiddenItemProbed']);

/** The rule or refusal code of an attempt (SEAL-6, AUTH.ROLE_REQUIRED, COMMON-3), undefined for any other entry. */
export const attemptCode = (entry: AuditEntry): string | undefined =>
  ATTEMPT_TYPES.has(entry.type) ? String(entry.data?.['code'] ?? entry.data?.['reason'] ?? '') || undefined : undefined;

/**
 * The attempts among `entries` that concern one of `ids`: the item a probe asked for, or an id in
 * the path of the refused request (`/api/v1/seal-applications/<id>/usages`).
 */
export function attemptsOn(entries: readonly AuditEntry[], ids: ReadonlySet<string>): AuditEntry[] {
  return entries.filter((entry) => {
    if (!ATTEMPT_TYPES.has(entry.type)) return false;
    const data = entry.data ?? {};
    return ids.has(String(data['itemId'])) || String(data['path'] ?? '').split(/[/?]/).some((segment) => ids.has(decodeURIComponent(segment)));
  });
}

/** An attempt in words: the rule's code and its Chinese title, then why this one was refused. */
function attemptSummary(entry: AuditEntry, ruleTitles: Readonly<Record<string, string>>): string {
  const code = attemptCode(entry) ?? '';
  const detail = String(entry.data?.['detail'] ?? '');
  const title = ruleTitles[code];
  return [`${code}${title ? `「${title}」` : ''}`, detail && detail !== title ? detail : ''].filter(Boolean).join('：');
}

export function summaryOf(entry: AuditEntry, ruleTitles: Readonly<Record<string, string>> = {}): string {
  if (ATTEMPT_TYPES.has(entry.type)) return attemptSummary(entry, ruleTitles);
  const data = entry.data ?? {};
  return FIELD_LABELS.filter(([field]) => data[field] !== undefined && data[field] !== null && data[field] !== '')
    .map(([field, label]) => `${label}：${VALUE_LABELS[field]?.[String(data[field])] ?? String(data[field])}`)
    .join('；');
}

export const SERVICE_LABELS: Record<string, string> = { documents: '公文', meetings: '会议', seals: '印章', archives: '档案', audit: '审计', directory: '组织与人员', affairs: '办事' };

const SECRECY_LABELS: Record<string, string> = { none: '非密', internal: '内部', mimi: '秘密', jimi: '机密', juemi: '绝密' };
const secrecy = (level: unknown): string => SECRECY_LABELS[String(level)] ?? String(level);

/** 印章保管员 (sealKeeper): the role's name, with the code the trail holds. */
const roleName = (role: string, roles: Readonly<Record<string, string>>): string => (roles[role] ? `${roles[role]} (${role})` : role);

/** What a change of a person's directory record (DIR-1..6) holds, in the words of the office: the post, role, clearance or delegation. */
export function directoryChangeOf(entry: AuditEntry, roles: Readonly<Record<string, string>> = {}): string {
  const data = entry.data ?? {};
  const duty = data['duty'] as { kind?: string; role?: string; postId?: string } | undefined;
  switch (entry.type) {
    case 'PostAssigned':
    case 'PostRelieved':
      return `${String(data['title'] ?? data['postId'])}（${String(data['unitId'])}）`;
    case 'RoleGranted':
    case 'RoleRevoked':
      return roleName(String(data['role']), roles);
    case 'ClearanceGranted':
      return secrecy(data['level']);
    case 'ClearanceChanged':
      return `${secrecy(data['previousLevel'])} → ${secrecy(data['level'])}`;
    case 'ClearanceRevoked':
      return `原为${secrecy(data['previousLevel'])}`;
    case 'DutyDelegated':
      return `由${String(data['deputyName'])}代理${duty?.kind === 'role' ? `角色 ${roleName(String(duty.role), roles)}` : `职务 ${String(duty?.postId)}`}，${formatTime(String(data['from']))} 至 ${formatTime(String(data['until']))}`;
    case 'IdentityAdded':
    case 'IdentityRemoved':
      return `身份 ${String(data['identityId'])}（${String(data['unitId'])}）`;
    default:
      return '';
  }
}
export const FINDING_STATUS_LABELS: Record<string, string> = { open: '未处理', acknowledged: '已确认', disputed: '有异议', resolved: '已办结' };
export const FINDING_ACTION_LABELS: Record<string, string> = { acknowledged: '确认', disputed: '提出异议', resolved: '办结' };
export const SEVERITY_LABELS: Record<string, string> = { critical: '严重', high: '高', medium: '中', low: '低', info: '提示' };

const timeFormat = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Asia/Shanghai' });
export const formatTime = (iso: string): string => (Number.isNaN(Date.parse(iso)) ? iso : timeFormat.format(new Date(iso)));
