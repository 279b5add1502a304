import { clearanceAllows, isClassified, instantOf, isBlank, isHexDigest, isIsoDate, isPositiveInteger, isSecrecyLevel, localDateOf, nowOf, postHeld, yearOf, type Actor, type Decider, type PostReliedOn } from '@oa/core';
import { archivalCodeProblem, filingStampOf, formatArchivalCode } from '../archival-code';
import { defaultArchivesConfig, holdsAnyRole, type ArchivesConfig } from '../archives.config';
import { refuse } from '../archives.rules';
import { isComponentRole, type ArchiveComponent, type ArchiveItemMetadata, type FilingSource } from '../archives.vocabulary';
import type {
  ApproveArchiveItemDestruction,
  ApproveArchiveItemLoan,
  AppraiseArchiveItem,
  ArchiveItemCommand,
  DestroyArchiveItem,
  CheckArchiveItemFourProperties,
  FileArchiveItem,
  MarkArchiveItemLoansOverdue,
  ReceiveArchiveComponent,
  RegisterFilingCandidate,
  RejectArchiveItemDestruction,
  RejectArchiveItemLoan,
  RequestArchiveItemLoan,
  ReturnArchiveItemLoan,
  TransferArchiveItem,
} from './archive-item.commands';
import { compositionProblem } from './archive-item.composition';
import { archiveEvent, type ArchiveItemEvent } from './archive-item.events';
import { filingDeadlineOf, isFiledLate, isRetentionExpired, retentionEndsYear } from './archive-item.schedule';
import { evolveArchiveItem, initialArchiveItemState, type ArchiveItemState, type FiledArchiveItemState, type FilingCandidate } from './archive-item.state';
import { fourPropertiesCheck, fourPropertiesFindings } from './four-properties';

export const archiveItemStreamType = 'archiveItem';

export type ArchiveItemDecider = Decider<ArchiveItemCommand, ArchiveItemEvent, ArchiveItemState> & {
  readonly streamType: typeof archiveItemStreamType;
};

export function createArchiveItemDecider(config: ArchivesConfig = defaultArchivesConfig): ArchiveItemDecider {
  return {
    streamType: archiveItemStreamType,
    initialState: initialArchiveItemState,
    decide: (command, state) => decideArchiveItem(command, state, config),
    evolve: evolveArchiveItem,
  };
}

export const archiveItemDecider: ArchiveItemDecider = createArchiveItemDecider();

type FiledState = Extract<ArchiveItemState, { readonly status: 'filed' }>;

export function decideArchiveItem(command: ArchiveItemCommand, state: ArchiveItemState, config: ArchivesConfig = defaultArchivesConfig): ArchiveItemEvent[] {
  nowOf(command.metadata.now);
  // ARC-7 移交后只读: every command on a transferred item is refused; reads are not commands.
  if (state.status === 'transferred') {
    throw refuse('ARC-7', 'conflict', `档案 ${state.archivalCode} 已于 ${state.transferredAt} 移交${state.recipient}，只读`);
  }
  switch (command.type) {
    case 'RegisterFilingCandidate':
      return registerCandidate(command, state);
    case 'ReceiveArchiveComponent':
      return receiveComponent(command, state, config);
    case 'CheckArchiveItemFourProperties':
      return checkFourProperties(command, state, config);
    case 'FileArchiveItem':
      return file(command, state, config);
    case 'RequestArchiveItemLoan':
      return requestLoan(command, filed(state, '借阅'));
    case 'ApproveArchiveItemLoan':
      return approveLoan(command, filed(state, '审批借阅'), config);
    case 'RejectArchiveItemLoan':
      return rejectLoan(command, filed(state, '审批借阅'), config);
    case 'ReturnArchiveItemLoan':
      return returnLoan(command, filed(state, '归还'), config);
    case 'MarkArchiveItemLoansOverdue':
      return markOverdue(command, state);
    case 'AppraiseArchiveItem':
      return appraise(command, state, config);
    case 'ApproveArchiveItemDestruction':
      return approveDestruction(command, state, config);
    case 'RejectArchiveItemDestruction':
      return rejectDestruction(command, state, config);
    case 'DestroyArchiveItem':
      return destroy(command, state, config);
    case 'TransferArchiveItem':
      return transfer(command, state, config);
    default: {
      const unexpected: never = command;
      throw new TypeError(`unknown archive item command ${(unexpected as { type: string }).type}`);
    }
  }
}

const statusNames: Readonly<Record<ArchiveItemState['status'], string>> = {
  empty: '不存在',
  candidate: '待归档',
  filed: '已归档',
  destroyed: '已销毁',
  transferred: '已移交',
};

function illegal(state: ArchiveItemState, action: string): never {
  if (state.status === 'empty') throw refuse('ARCHIVE_ITEM.NOT_FOUND', 'notFound');
  throw refuse('ARCHIVE_ITEM.ILLEGAL_TRANSITION', 'conflict', `档案当前状态为「${statusNames[state.status]}」，不能${action}`);
}

function filed(state: ArchiveItemState, action: string): FiledState {
  if (state.status !== 'filed') illegal(state, action);
  return state;
}


function validComponent(component: ArchiveComponent): boolean {
  return (
    !isBlank(component.componentId) &&
    isComponentRole(component.role) &&
    !isBlank(component.fileName) &&
    !isBlank(component.format) &&
    !isBlank(component.hash) &&
    (component.hashAlgorithm === 'sha256' || component.hashAlgorithm === 'sm3')
  );
}

function sameCandidate(state: FilingCandidate, data: RegisterFilingCandidate['data']): boolean {
  return state.source.service === data.source.service && state.source.sourceId === data.source.sourceId;
}

/** Event data is hashed: only the known keys, lower-case formats and hashes, no undefined. */
function componentFacts(component: ArchiveComponent): ArchiveComponent {
  const { componentId, role, fileName, format, hashAlgorithm, hash, sizeBytes } = component;
  return {
    componentId,
    role,
    fileName,
    format: format.toLowerCase(),
    hashAlgorithm,
    hash: hash.toLowerCase(),
    ...(typeof sizeBytes === 'number' && Number.isInteger(sizeBytes) && sizeBytes >= 0 ? { sizeBytes } : {}),
  };
}

function sourceFacts(source: FilingSource): FilingSource {
  const { sourceId } = source;
  // A missing link is kept as '' so the 四性检测 reports it at filing (ARC-4 authenticity).
  const sourceEventId = typeof source.sourceEventId === 'string' ? source.sourceEventId : '';
  const sourceEventHash = typeof source.sourceEventHash === 'string' ? source.sourceEventHash : '';
  return source.service === 'documents'
    ? { service: 'documents', sourceId, sourceState: source.sourceState, sourceEventId, sourceEventHash }
    : { service: 'meetings', sourceId, sourceState: source.sourceState, sourceEventId, sourceEventHash };
}

function registerCandidate(command: RegisterFilingCandidate, state: ArchiveItemState): ArchiveItemEvent[] {
  const data = command.data;
  if (state.status !== 'empty') {
    // A redelivered source event (Kafka is at least once) registers nothing new.
    if (sameCandidate(state, data)) return [];
    throw refuse('ARCHIVE_ITEM.ALREADY_REGISTERED', 'conflict', `档案 ${state.itemId} 已登记其他来源`);
  }
  const { itemId, source, title, date, secrecyLevel, responsibleParty, components } = data;
  if (isBlank(itemId)) throw refuse('ARCHIVE_ITEM.INVALID_INPUT', 'invalid', '缺少档案编号');
  // ARC-1 only completed/distributed documents and finalized minutes become candidates
  if (source?.service === 'documents') {
    if (source.sourceState !== 'completed' && source.sourceState !== 'distributed') {
      throw refuse('ARC-1', 'invalid', '只有办结或已核发的公文才能作为归档候选');
    }
  } else if (source?.service === 'meetings') {
    if (source.sourceState !== 'finalized') throw refuse('ARC-1', 'invalid', '只有已定稿的会议记录才能作为归档候选');
  } else {
    throw refuse('ARC-1', 'invalid', '归档候选只能来自公文或会议服务');
  }
  if (isBlank(source.sourceId)) throw refuse('ARC-1', 'invalid', '缺少来源文件编号');
  if (isBlank(title)) throw refuse('ARC-1', 'invalid', '缺少题名');
  if (!isIsoDate(date)) throw refuse('ARC-1', 'invalid', '日期须为有效的 YYYY-MM-DD');
  if (!isSecrecyLevel(secrecyLevel)) throw refuse('ARC-1', 'invalid', '缺少密级或密级无效');
  if (isBlank(responsibleParty)) throw refuse('ARC-1', 'invalid', '缺少责任者');
  if (!Array.isArray(components) || components.length === 0) throw refuse('ARC-1', 'invalid', '归档候选须附电子文件组件');
  if (!components.every(validComponent)) throw refuse('ARC-1', 'invalid', '电子文件组件须有编号、角色、文件名、格式、摘要算法和摘要值');
  // ARC-3 一件: text + attachments (+ signed draft), or one meeting's minutes
  const composition = compositionProblem(source.service, components);
  if (composition) throw refuse('ARC-3', 'invalid', composition);
  return [
    archiveEvent('FilingCandidateRegistered', {
      itemId,
      title,
      date,
      secrecyLevel,
      responsibleParty,
      source: sourceFacts(source),
      components: components.map(componentFacts),
      registeredAt: command.metadata.now,
    }),
  ];
}

const RECEIVED_FROM = ['documents', 'meetings', 'upload'] as const;

/** FILE-4 a copy of a component stored here: recorded with the digests computed here, matched against the source's at filing (ARC-4). */
function receiveComponent(command: ReceiveArchiveComponent, state: ArchiveItemState, config: ArchivesConfig): ArchiveItemEvent[] {
  if (state.status !== 'candidate') illegal(state, '接收电子文件（归档前接收）');
  const actor = command.metadata.actor;
  const { copy } = command.data;
  if (copy.receivedFrom === 'upload' ? !holdsAnyRole(actor.roles, config.archivistRoles) : !holdsAnyRole(actor.roles, ['system'])) {
    throw refuse('ARC-1', 'forbidden', '只有档案员可以上传电子文件，来源服务的文件由归档接收取得');
  }
  if (!state.components.some((component) => component.componentId === copy.componentId)) throw refuse('ARC-4', 'invalid', `组件 ${copy.componentId} 不属于本件`);
  const valid =
    isHexDigest(copy.sha256) &&
    (copy.sm3 === undefined || isHexDigest(copy.sm3)) &&
    isPositiveInteger(copy.sizeBytes) &&
    !isBlank(copy.format) &&
    (RECEIVED_FROM as readonly string[]).includes(copy.receivedFrom);
  if (!valid) throw refuse('ARCHIVE_ITEM.INVALID_INPUT', 'invalid', '电子文件须有摘要值、大小、格式和来源');
  const { componentId, sha256, sm3, sizeBytes, format, receivedFrom } = copy;
  return [
    archiveEvent('ArchiveComponentReceived', {
      itemId: state.itemId,
      copy: { componentId, sha256, ...(sm3 !== undefined && { sm3 }), sizeBytes, format, receivedFrom, receivedAt: command.metadata.now },
      receivedById: actor.id,
    }),
  ];
}

/** ARC-4 四性检测 of a filed item on demand: the report, passed or failed, is the event (nothing is refused but the asking). */
function checkFourProperties(command: CheckArchiveItemFourProperties, state: ArchiveItemState, config: ArchivesConfig): ArchiveItemEvent[] {
  const item = filed(state, '四性检测');
  const actor = command.metadata.actor;
  if (!holdsAnyRole(actor.roles, [...config.archivistRoles, 'auditor'])) throw refuse('ARC-4', 'forbidden', '只有档案员或审计人员可以发起四性检测');
  const { recomputedHashes } = command.data;
  if (!Array.isArray(recomputedHashes)) throw refuse('ARCHIVE_ITEM.INVALID_INPUT', 'invalid', '缺少重新计算的摘要值');
  const report = fourPropertiesCheck({ source: item.source, components: item.components, recomputedHashes, metadata: item.metadata }, config);
  return [archiveEvent('ArchiveItemFourPropertiesChecked', { itemId: item.itemId, report, checkedById: actor.id, checkedAt: command.metadata.now })];
}

function file(command: FileArchiveItem, state: ArchiveItemState, config: ArchivesConfig): ArchiveItemEvent[] {
  if (state.status !== 'candidate') illegal(state, '归档');
  const actor = command.metadata.actor;
  // ARC-1 由档案员归档
  if (!holdsAnyRole(actor.roles, config.archivistRoles)) throw refuse('ARC-1', 'forbidden', '只有档案员可以归档');
  const { fondsCode, categoryCode, year, retention, organisationCode, itemNumber, pages, recomputedHashes } = command.data;
  const code = { fondsCode, categoryCode, year, retention, organisationCode, itemNumber };
  // ARC-2 档号的各项须能写成规定格式
  const problem = archivalCodeProblem(code);
  if (problem) throw refuse('ARC-2', 'invalid', problem);
  if (!isPositiveInteger(pages)) throw refuse('ARC-1', 'invalid', '页数须为正整数');
  if (!Array.isArray(recomputedHashes)) throw refuse('ARCHIVE_ITEM.INVALID_INPUT', 'invalid', '缺少重新计算的摘要值');
  const metadata: ArchiveItemMetadata = {
    ...code,
    title: state.title,
    responsibleParty: state.responsibleParty,
    date: state.date,
    pages,
    secrecyLevel: state.secrecyLevel,
  };
  // ARC-4 四性检测 on filing: refused when any check fails; the passed report is kept with the item.
  const report = fourPropertiesCheck({ source: state.source, components: state.components, recomputedHashes, metadata }, config);
  if (!report.passed) throw refuse('ARC-4', 'invalid', `四性检测未通过：${fourPropertiesFindings(report).join('；')}`);
  const endsYear = retentionEndsYear(year, retention);
  return [
    archiveEvent('ArchiveItemFiled', {
      itemId: state.itemId,
      archivalCode: formatArchivalCode(code),
      metadata,
      filingStamp: filingStampOf(metadata, config.filingStampShowsOrganisation),
      fourPropertiesReport: report,
      // ARC-3 late filing is allowed, and flagged
      late: isFiledLate(year, command.metadata.now, config),
      filingDeadline: filingDeadlineOf(year, config),
      ...(endsYear !== undefined ? { retentionEndsYear: endsYear } : {}),
      filedById: actor.id,
      filedByName: actor.name,
      filedAt: command.metadata.now,
    }),
  ];
}

function requestLoan(command: RequestArchiveItemLoan, state: FiledState): ArchiveItemEvent[] {
  const { loanId, purpose, dueAt, borrowerClearance } = command.data;
  const actor = command.metadata.actor;
  if (isBlank(loanId)) throw refuse('ARCHIVE_ITEM.INVALID_INPUT', 'invalid', '缺少借阅编号');
  if (state.loans.some((loan) => loan.loanId === loanId)) throw refuse('ARC-5', 'conflict', `借阅 ${loanId} 已存在`);
  if (state.loans.some((loan) => loan.borrowerId === actor.id)) throw refuse('ARC-5', 'conflict', '该借阅人已有一项未结束的借阅');
  if (state.pendingDestruction) throw refuse('ARC-5', 'conflict', '档案已鉴定为待销毁，不予借阅');
  if (isBlank(purpose)) throw refuse('ARC-5', 'invalid', '借阅须写明用途');
  const due = instantOf(dueAt);
  if (due === undefined) throw refuse('ARC-5', 'invalid', '归还期限格式有误');
  if (due <= nowOf(command.metadata.now)) throw refuse('ARC-5', 'invalid', '归还期限须晚于当前时间');
  // ARC-5 借阅人的密级须不低于档案密级
  const clearance = isSecrecyLevel(borrowerClearance) ? borrowerClearance : 'none';
  if (!clearanceAllows(clearance, state.metadata.secrecyLevel)) throw refuse('ARC-5', 'forbidden', '借阅人的涉密等级低于档案密级');
  return [
    archiveEvent('ArchiveItemLoanRequested', {
      itemId: state.itemId,
      loanId,
      borrowerId: actor.id,
      borrowerName: actor.name,
      borrowerClearance: clearance,
      purpose,
      dueAt,
      requestedAt: command.metadata.now,
    }),
  ];
}

function requestedLoan(state: FiledState, loanId: string) {
  const loan = state.loans.find((candidate) => candidate.loanId === loanId);
  if (loan?.phase !== 'requested') throw refuse('ARC-5', 'conflict', '没有待审批的该项借阅');
  return loan;
}

/** ARC-5; for a classified item, the office director post the approval relied on once the directory is in force (DIR-5). */
function assertLoanApprover(actor: Actor, state: FiledState, config: ArchivesConfig): PostReliedOn | undefined {
  // ARC-5 涉密档案由办公室主任审批
  if (!isClassified(state.metadata.secrecyLevel)) {
    if (!holdsAnyRole(actor.roles, config.loanApproverRoles)) throw refuse('ARC-5', 'forbidden', '无权审批档案借阅');
    return undefined;
  }
  if (!holdsAnyRole(actor.roles, config.classifiedLoanApproverRoles)) throw refuse('ARC-5', 'forbidden', '涉密档案的借阅须由办公室主任审批');
  if (actor.authority === undefined) return undefined;
  const post = postHeld(actor, (held) => held.postKind === 'officeDirector');
  if (post === undefined) throw refuse('ARC-5', 'forbidden', `涉密档案的借阅须由办公室主任审批，组织与人员目录中${actor.name}不担任办公室主任`);
  return post;
}

function approveLoan(command: ApproveArchiveItemLoan, state: FiledState, config: ArchivesConfig): ArchiveItemEvent[] {
  const loan = requestedLoan(state, command.data.loanId);
  const actor = command.metadata.actor;
  const approvedUnder = assertLoanApprover(actor, state, config);
  if (actor.id === loan.borrowerId) throw refuse('ARC-5', 'forbidden', '不得审批本人的借阅申请');
  if (nowOf(command.metadata.now) >= nowOf(loan.dueAt)) throw refuse('ARC-5', 'conflict', '归还期限已过，请重新申请');
  const { comment } = command.data;
  return [
    archiveEvent('ArchiveItemLoanApproved', {
      itemId: state.itemId,
      loanId: loan.loanId,
      approverId: actor.id,
      approverName: actor.name,
      ...(approvedUnder !== undefined && { approvedUnder }),
      ...(comment !== undefined && !isBlank(comment) ? { comment } : {}),
      approvedAt: command.metadata.now,
    }),
  ];
}

function rejectLoan(command: RejectArchiveItemLoan, state: FiledState, config: ArchivesConfig): ArchiveItemEvent[] {
  const loan = requestedLoan(state, command.data.loanId);
  const actor = command.metadata.actor;
  assertLoanApprover(actor, state, config);
  if (isBlank(command.data.reason)) throw refuse('ARC-5', 'invalid', '不予批准须说明理由');
  return [
    archiveEvent('ArchiveItemLoanRejected', {
      itemId: state.itemId,
      loanId: loan.loanId,
      rejectedById: actor.id,
      reason: command.data.reason,
      rejectedAt: command.metadata.now,
    }),
  ];
}

function returnLoan(command: ReturnArchiveItemLoan, state: FiledState, config: ArchivesConfig): ArchiveItemEvent[] {
  const loan = state.loans.find((candidate) => candidate.loanId === command.data.loanId);
  if (loan?.phase !== 'out') throw refuse('ARC-5', 'conflict', '该档案没有此项借出');
  const actor = command.metadata.actor;
  // ARC-5 归还由档案员登记
  if (!holdsAnyRole(actor.roles, config.archivistRoles)) throw refuse('ARC-5', 'forbidden', '归还须由档案员登记');
  const { remarks } = command.data;
  return [
    archiveEvent('ArchiveItemReturned', {
      itemId: state.itemId,
      loanId: loan.loanId,
      receivedById: actor.id,
      receivedByName: actor.name,
      late: nowOf(command.metadata.now) > nowOf(loan.dueAt),
      ...(remarks !== undefined && !isBlank(remarks) ? { remarks } : {}),
      returnedAt: command.metadata.now,
    }),
  ];
}

function markOverdue(command: MarkArchiveItemLoansOverdue, state: ArchiveItemState): ArchiveItemEvent[] {
  // Idempotent for the scheduled job: nothing out, already marked, or not yet due → no event.
  if (state.status !== 'filed') return [];
  const now = nowOf(command.metadata.now);
  return state.loans
    .filter((loan) => loan.phase === 'out' && loan.markedOverdueAt === undefined && now > nowOf(loan.dueAt))
    .map((loan) =>
      archiveEvent('ArchiveItemLoanMarkedOverdue', {
        itemId: state.itemId,
        loanId: loan.loanId,
        borrowerId: loan.borrowerId,
        dueAt: loan.dueAt,
        markedAt: command.metadata.now,
      }),
    );
}

function refusePermanent(state: FiledArchiveItemState, action: string): void {
  // ARC-6 永久保管的档案不得销毁
  if (state.metadata.retention === 'Y') throw refuse('ARC-6', 'conflict', `档案 ${state.archivalCode} 为永久保管，不得${action}`);
}

function appraise(command: AppraiseArchiveItem, state: ArchiveItemState, config: ArchivesConfig): ArchiveItemEvent[] {
  const item = filed(state, '鉴定');
  refusePermanent(item, '鉴定销毁');
  const actor = command.metadata.actor;
  if (!holdsAnyRole(actor.roles, config.appraisalRoles)) throw refuse('ARC-6', 'forbidden', '档案鉴定须由鉴定小组作出');
  if (item.pendingDestruction) throw refuse('ARC-6', 'conflict', '档案已鉴定为待销毁');
  // ARC-6 保管期满方可鉴定
  if (!isRetentionExpired(item.retentionEndsYear, command.metadata.now, config)) {
    throw refuse('ARC-6', 'conflict', `档案 ${item.archivalCode} 保管期至 ${String(item.retentionEndsYear)} 年底，期满后方可鉴定`);
  }
  const { appraisalId, decision, reason, extendYears } = command.data;
  if (isBlank(appraisalId)) throw refuse('ARCHIVE_ITEM.INVALID_INPUT', 'invalid', '缺少鉴定编号');
  if (isBlank(reason)) throw refuse('ARC-6', 'invalid', '鉴定须写明意见');
  const base = {
    itemId: item.itemId,
    appraisalId,
    reason,
    retention: item.metadata.retention,
    appraisedById: actor.id,
    appraisedByName: actor.name,
    appraisedAt: command.metadata.now,
  };
  if (decision === 'destroy') return [archiveEvent('ArchiveItemAppraised', { ...base, decision })];
  if (decision !== 'extend') throw refuse('ARC-6', 'invalid', '鉴定结论须为销毁或延长保管期限');
  if (!isPositiveInteger(extendYears)) throw refuse('ARC-6', 'invalid', '延长保管须写明延长的年数');
  const thisYear = yearOf(localDateOf(command.metadata.now, config.utcOffsetMinutes));
  return [archiveEvent('ArchiveItemAppraised', { ...base, decision, retentionEndsYear: thisYear + extendYears })];
}

function pendingDestructionOf(state: ArchiveItemState, appraisalId: string, action: string) {
  const item = filed(state, action);
  refusePermanent(item, '销毁');
  if (!item.pendingDestruction || item.pendingDestruction.appraisalId !== appraisalId) {
    throw refuse('ARC-6', 'conflict', '档案未经鉴定小组鉴定为销毁');
  }
  return { item, pending: item.pendingDestruction };
}

function approveDestruction(command: ApproveArchiveItemDestruction, state: ArchiveItemState, config: ArchivesConfig): ArchiveItemEvent[] {
  const { item, pending } = pendingDestructionOf(state, command.data.appraisalId, '审批销毁');
  const actor = command.metadata.actor;
  // ARC-6 销毁须经领导批准
  if (!holdsAnyRole(actor.roles, config.destructionApproverRoles)) throw refuse('ARC-6', 'forbidden', '档案销毁须经领导批准');
  if (pending.approvedAt !== undefined) return [];
  const { comment } = command.data;
  return [
    archiveEvent('ArchiveItemDestructionApproved', {
      itemId: item.itemId,
      appraisalId: pending.appraisalId,
      approverId: actor.id,
      approverName: actor.name,
      ...(comment !== undefined && !isBlank(comment) ? { comment } : {}),
      approvedAt: command.metadata.now,
    }),
  ];
}

function rejectDestruction(command: RejectArchiveItemDestruction, state: ArchiveItemState, config: ArchivesConfig): ArchiveItemEvent[] {
  const { item, pending } = pendingDestructionOf(state, command.data.appraisalId, '审批销毁');
  const actor = command.metadata.actor;
  if (!holdsAnyRole(actor.roles, config.destructionApproverRoles)) throw refuse('ARC-6', 'forbidden', '档案销毁须经领导审批');
  if (pending.approvedAt !== undefined) throw refuse('ARC-6', 'conflict', '销毁已批准');
  if (isBlank(command.data.reason)) throw refuse('ARC-6', 'invalid', '不予批准须说明理由');
  return [
    archiveEvent('ArchiveItemDestructionRejected', {
      itemId: item.itemId,
      appraisalId: pending.appraisalId,
      rejectedById: actor.id,
      reason: command.data.reason,
      rejectedAt: command.metadata.now,
    }),
  ];
}

function destroy(command: DestroyArchiveItem, state: ArchiveItemState, config: ArchivesConfig): ArchiveItemEvent[] {
  // ARC-6: a permanent item is refused before anything else, even without an appraisal.
  if (state.status === 'filed' || state.status === 'destroyed') refusePermanent(state, '销毁');
  const { item, pending } = pendingDestructionOf(state, command.data.appraisalId, '销毁');
  const actor = command.metadata.actor;
  if (!holdsAnyRole(actor.roles, config.archivistRoles)) throw refuse('ARC-6', 'forbidden', '销毁须由档案员执行');
  if (pending.approvedAt === undefined || pending.approverId === undefined) throw refuse('ARC-6', 'conflict', '档案销毁尚未经领导批准');
  if (item.loans.some((loan) => loan.phase === 'out')) throw refuse('ARC-6', 'conflict', '档案借出中，归还后方可销毁');
  const { destructionListId, method, witnesses } = command.data;
  if (isBlank(destructionListId)) throw refuse('ARC-6', 'invalid', '缺少销毁清册编号');
  if (isBlank(method)) throw refuse('ARC-6', 'invalid', '须写明销毁方式');
  // ARC-6 至少两名监销人, distinct people other than whoever destroys it
  const valid = Array.isArray(witnesses) ? witnesses.filter((witness) => !isBlank(witness?.id) && !isBlank(witness?.name)) : [];
  const distinct = new Set(valid.map((witness) => witness.id));
  if (distinct.has(actor.id)) throw refuse('ARC-6', 'invalid', '监销人不得为执行销毁的人');
  if (valid.length !== (witnesses?.length ?? 0) || distinct.size < config.minimumDestructionWitnesses || distinct.size !== valid.length) {
    throw refuse('ARC-6', 'invalid', `销毁须有至少 ${config.minimumDestructionWitnesses} 名不同的监销人`);
  }
  const now = command.metadata.now;
  return [
    archiveEvent('ArchiveItemDestroyed', {
      itemId: item.itemId,
      destructionListEntry: {
        destructionListId,
        archivalCode: item.archivalCode,
        metadata: item.metadata,
        componentHashes: item.components.map(({ componentId, hashAlgorithm, hash }) => ({ componentId, hashAlgorithm, hash })),
        appraisalId: pending.appraisalId,
        appraisalReason: pending.reason,
        approverId: pending.approverId,
        approverName: pending.approverName ?? '',
        witnesses: valid.map(({ id, name }) => ({ id, name })),
        method,
        destroyedById: actor.id,
        destroyedAt: now,
      },
      destroyedAt: now,
    }),
  ];
}

function transfer(command: TransferArchiveItem, state: ArchiveItemState, config: ArchivesConfig): ArchiveItemEvent[] {
  const item = filed(state, '移交');
  const actor = command.metadata.actor;
  if (!holdsAnyRole(actor.roles, config.archivistRoles)) throw refuse('ARC-7', 'forbidden', '移交须由档案员办理');
  if (item.loans.some((loan) => loan.phase === 'out')) throw refuse('ARC-7', 'conflict', '档案借出中，归还后方可移交');
  if (item.pendingDestruction) throw refuse('ARC-7', 'conflict', '档案已鉴定为待销毁，不能移交');
  const { transferId, recipient } = command.data;
  if (isBlank(transferId)) throw refuse('ARC-7', 'invalid', '缺少移交批次编号');
  if (isBlank(recipient)) throw refuse('ARC-7', 'invalid', '须写明接收的档案馆');
  return [
    archiveEvent('ArchiveItemTransferred', {
      itemId: item.itemId,
      transferId,
      recipient,
      archivalCode: item.archivalCode,
      transferredById: actor.id,
      transferredAt: command.metadata.now,
    }),
  ];
}

