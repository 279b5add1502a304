import { deputyForRole, type Actor, type Decider } from '@oa/core';
import type { SealFacts } from '../seal/seal.state';
import { defaultSealsConfig, holdsApproverRoles, type SealsConfig } from '../seals.config';
import { addDays, isBlank, isPositiveInteger, nowOf } from '../seals.guards';
import { refuse } from '../seals.rules';
import { SEAL_KINDS } from '../seal/seal.kinds';
import type {
  ApplyForSealUsage,
  ApproveSealUsageApplication,
  CancelSealUsageApplication,
  CancelSealUsageApplicationForDocument,
  DocumentRegistrationFacts,
  DocumentSignOffFacts,
  ExpireSealUsageApplication,
  RecordSealUsage,
  RejectSealUsageApplication,
  SealUsageApplicationCommand,
} from './seal-usage-application.commands';
import { sealUsageApplicationEvent as event, type SealUsageApplicationEvent, type SealUsageDocumentFacts } from './seal-usage-application.events';
import {
  evolveSealUsageApplication,
  initialSealUsageApplicationState,
  type SealUsageApplicationState,
  type SubmittedSealUsageApplicationState,
} from './seal-usage-application.state';

export const sealUsageApplicationStreamType = 'sealUsageApplication';

export type SealUsageApplicationDecider = Decider<SealUsageApplicationCommand, SealUsageApplicationEvent, SealUsageApplicationState> & {
  readonly streamType: typeof sealUsageApplicationStreamType;
};

export function createSealUsageApplicationDecider(config: SealsConfig = defaultSealsConfig): SealUsageApplicationDecider {
  return {
    streamType: sealUsageApplicationStreamType,
    initialState: initialSealUsageApplicationState,
    decide: (command, state) => decideSealUsageApplication(command, state, config),
    evolve: evolveSealUsageApplication,
  };
}

export const sealUsageApplicationDecider: SealUsageApplicationDecider = createSealUsageApplicationDecider();

export function decideSealUsageApplication(
  command: SealUsageApplicationCommand,
  state: SealUsageApplicationState,
  config: SealsConfig = defaultSealsConfig,
): SealUsageApplicationEvent[] {
  nowOf(command.metadata.now);
  switch (command.type) {
    case 'ApplyForSealUsage':
      return apply(command, state, config);
    case 'ApproveSealUsageApplication':
      return approve(command, submitted(state), config);
    case 'RejectSealUsageApplication':
      return reject(command, submitted(state), config);
    case 'CancelSealUsageApplication':
      return cancel(command, submitted(state));
    case 'CancelSealUsageApplicationForDocument':
      return cancelForDocument(command, submitted(state));
    case 'ExpireSealUsageApplication':
      return expire(command, submitted(state));
    case 'RecordSealUsage':
      return recordUsage(command, submitted(state));
    default: {
      const unexpected: never = command;
      throw new TypeError(`unknown seal usage application command ${(unexpected as { type: string }).type}`);
    }
  }
}

function submitted(state: SealUsageApplicationState): SubmittedSealUsageApplicationState {
  if (state.status === 'empty') throw refuse('SEAL_USAGE_APPLICATION.NOT_FOUND', 'notFound');
  return state;
}

const statusNames: Readonly<Record<SubmittedSealUsageApplicationState['status'], string>> = {
  submitted: '待审批',
  approved: '已批准',
  fullyUsed: '已用完',
  expired: '已过期',
  rejected: '未获批准',
  cancelled: '已撤回',
};

function illegal(state: SubmittedSealUsageApplicationState, action: string): never {
  throw refuse(
    'SEAL_USAGE_APPLICATION.ILLEGAL_TRANSITION',
    'conflict',
    `用印申请当前状态为「${statusNames[state.status]}」，不能${action}`,
  );
}

/** The facts were read for this seal; a mismatch is a bug in the caller, not a user error to hide. */
function assertFactsFor(sealId: string, seal: SealFacts | undefined): SealFacts {
  if (!seal || seal.sealId !== sealId) throw refuse('SEAL.FACTS_MISMATCH', 'invalid', '传入的印章信息与申请的印章不符');
  return seal;
}

function apply(command: ApplyForSealUsage, state: SealUsageApplicationState, config: SealsConfig): SealUsageApplicationEvent[] {
  if (state.status !== 'empty') throw refuse('SEAL_USAGE_APPLICATION.ALREADY_SUBMITTED', 'conflict');
  const { applicationId, sealId, purpose, documentTitle, documentId, copies, impressions, paperKind } = command.data;
  if (isBlank(applicationId)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '缺少申请编号');
  if (isBlank(sealId)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '缺少印章编号');
  // SEAL-5 写明用印事由、文件标题、份数和用印次数
  if (isBlank(purpose)) throw refuse('SEAL-5', 'invalid', '须写明用印事由');
  if (isBlank(documentTitle)) throw refuse('SEAL-5', 'invalid', '须写明用印文件标题');
  if (!isPositiveInteger(copies)) throw refuse('SEAL-5', 'invalid', '份数须为正整数');
  if (!isPositiveInteger(impressions)) throw refuse('SEAL-5', 'invalid', '用印次数须为正整数');
  // SEAL-5 严禁在空白纸张、空白介绍信上用印
  if (paperKind === 'blankPaper') throw refuse('SEAL-5', 'invalid', '严禁在空白纸张上用印');
  if (paperKind === 'blankIntroductionLetter') throw refuse('SEAL-5', 'invalid', '严禁在空白介绍信上用印');
  if (paperKind !== 'prepared') throw refuse('SEAL-5', 'invalid', '须说明用印文本为已成文的材料');
  if (documentId !== undefined && isBlank(documentId)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '公文编号无效');

  const seal = assertFactsFor(sealId, command.data.seal);
  // SEAL-1 只有在用印章方可申请使用
  if (seal.status !== 'active') throw refuse('SEAL-1', 'conflict', '该印章不在使用状态，不能申请用印');

  const actor = command.metadata.actor;
  const now = command.metadata.now;
  const submittedEvent = event('SealUsageApplicationSubmitted', {
    applicationId,
    sealId,
    sealKind: seal.kind,
    purpose,
    documentTitle,
    ...(documentId !== undefined ? { documentId } : {}),
    copies,
    impressions,
    applicantId: actor.id,
    applicantName: actor.name,
    ...(actor.orgUnit !== undefined ? { applicantUnit: actor.orgUnit } : {}),
    submittedAt: now,
  });
  if (documentId === undefined) return [submittedEvent];

  // SEAL-7 凭签发稿用印: the document's sign-off is the approval; unsigned, no seal (DOC-7).
  const document = signedOffDocument(documentId, command.data.document);
  const signer: Actor = { id: document.signerId, name: document.signerName, roles: [] };
  // SEAL-4 still holds for the approver of record: not the applicant, not the keeper.
  assertNotSelfOrKeeper(signer, actor.id, seal, '签发人');
  // SEAL-7 once registered, all applications for the document together stay within what the registration fixed.
  const { registration, impressionsApprovedElsewhere } = document;
  if (registration !== undefined) {
    const left = registeredImpressionsOf(registration) - impressionsApprovedElsewhere;
    if (impressions > left) {
      throw refuse(
        'SEAL-7',
        'conflict',
        `${registrationText(registration)}，该公文的其他用印申请已占用${impressionsApprovedElsewhere}次，本次申请${impressions}次超出剩余可用${Math.max(left, 0)}次`,
      );
    }
  }
  return [
    submittedEvent,
    event('SealUsageApplicationApproved', {
      applicationId,
      sealId,
      basis: 'documentSignOff',
      approverId: document.signerId,
      approverName: document.signerName,
      documentId,
      ...(document.signedOffAt !== undefined ? { signedOffAt: document.signedOffAt } : {}),
      approvedImpressions: impressions,
      approvedAt: now,
      expiresAt: addDays(now, config.applicationValidityDays),
      document: documentFactsOf(document, { impressionsApprovedElsewhere }),
    }),
  ];
}

/** DOC-4 what the registration fixed for the seal: printed copies × impressions per copy. */
function registeredImpressionsOf(registration: DocumentRegistrationFacts): number {
  return registration.copies * registration.impressionsPerCopy;
}

function registrationText(registration: DocumentRegistrationFacts): string {
  const { documentNumber, copies, impressionsPerCopy } = registration;
  return `公文${documentNumber}登记印制${copies}份、每份用印${impressionsPerCopy}次，共可用印${registeredImpressionsOf(registration)}次`;
}

/** SEAL-7 the facts the decision relied on, written into its event. */
function documentFactsOf(
  document: DocumentSignOffFacts & { readonly signedOffAt: string },
  elsewhere: Pick<SealUsageDocumentFacts, 'impressionsApprovedElsewhere' | 'impressionsUsedElsewhere'>,
): SealUsageDocumentFacts {
  const { registration } = document;
  return {
    documentId: document.documentId,
    signedOffAt: document.signedOffAt,
    ...(registration !== undefined && {
      documentNumber: registration.documentNumber,
      registeredCopies: registration.copies,
      impressionsPerCopy: registration.impressionsPerCopy,
      registeredImpressions: registeredImpressionsOf(registration),
    }),
    ...elsewhere,
  };
}

function signedOffDocument(
  documentId: string,
  document: DocumentSignOffFacts | undefined,
): DocumentSignOffFacts & { readonly signerId: string; readonly signerName: string; readonly signedOffAt: string } {
  if (!document) throw refuse('SEAL-7', 'invalid', '引用公文用印须提供该公文的签发信息');
  if (document.documentId !== documentId) throw refuse('SEAL.FACTS_MISMATCH', 'invalid', '传入的公文信息与引用的公文不符');
  if (!document.signedOff) throw refuse('SEAL-7', 'conflict', '公文尚未签发，不能用印（先签发后用印）');
  const { signerId, signerName, signedOffAt } = document;
  if (signerId === undefined || isBlank(signerId) || signerName === undefined || isBlank(signerName)) {
    throw refuse('SEAL-7', 'invalid', '公文签发信息缺少签发人');
  }
  if (signedOffAt === undefined || isBlank(signedOffAt)) throw refuse('SEAL-7', 'invalid', '公文签发信息缺少签发时间');
  return { ...document, signerId, signerName, signedOffAt };
}

function assertNotSelfOrKeeper(approver: Actor, applicantId: string, seal: SealFacts, who: string): void {
  // SEAL-4 不得审批本人申请
  if (approver.id === applicantId) throw refuse('SEAL-4', 'forbidden', `${who}不得审批本人的用印申请`);
  // SEAL-4 保管人不得审批所保管印章的用印
  if (seal.keeperId !== undefined && approver.id === seal.keeperId) {
    throw refuse('SEAL-4', 'forbidden', `${who}是该印章的保管人，不得审批其用印申请`);
  }
}

/** SEAL-4: who may decide on an application (approve or reject). */
function assertMayDecide(actor: Actor, state: SubmittedSealUsageApplicationState, seal: SealFacts, config: SealsConfig): void {
  assertNotSelfOrKeeper(actor, state.applicantId, seal, '审批人');
  const requirement = config.usageApproverRoles[state.sealKind];
  if (!holdsApproverRoles(actor.roles, requirement)) {
    const roles = [...requirement.allOf, ...(requirement.anyOf.length > 0 ? [requirement.anyOf.join('或')] : [])].join('、');
    throw refuse('SEAL-4', 'forbidden', `审批${SEAL_KINDS[state.sealKind]}的用印申请须具备角色：${roles}`);
  }
}

function approve(command: ApproveSealUsageApplication, state: SubmittedSealUsageApplicationState, config: SealsConfig): SealUsageApplicationEvent[] {
  if (state.status !== 'submitted') illegal(state, '审批');
  const seal = assertFactsFor(state.sealId, command.data.seal);
  const actor = command.metadata.actor;
  assertMayDecide(actor, state, seal, config);
  // SEAL-1: no approval for a seal that can never be used again.
  if (seal.status === 'disabled' || seal.status === 'surrendered') {
    throw refuse('SEAL-1', 'conflict', '该印章已停用或缴销，不能批准用印');
  }
  const now = command.metadata.now;
  const { comment } = command.data;
  return [
    event('SealUsageApplicationApproved', {
      applicationId: state.applicationId,
      sealId: state.sealId,
      basis: 'approval',
      approverId: actor.id,
      approverName: actor.name,
      ...(comment !== undefined && !isBlank(comment) ? { comment } : {}),
      approvedImpressions: state.impressions,
      approvedAt: now,
      // SEAL-3 审批有效期 (configurable, default 7 days)
      expiresAt: addDays(now, config.applicationValidityDays),
    }),
  ];
}

function reject(command: RejectSealUsageApplication, state: SubmittedSealUsageApplicationState, config: SealsConfig): SealUsageApplicationEvent[] {
  if (state.status !== 'submitted') illegal(state, '审批');
  const seal = assertFactsFor(state.sealId, command.data.seal);
  const actor = command.metadata.actor;
  assertMayDecide(actor, state, seal, config);
  if (isBlank(command.data.reason)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '不予批准须说明理由');
  return [
    event('SealUsageApplicationRejected', {
      applicationId: state.applicationId,
      sealId: state.sealId,
      rejectedById: actor.id,
      rejectedByName: actor.name,
      reason: command.data.reason,
      rejectedAt: command.metadata.now,
    }),
  ];
}

function cancel(command: CancelSealUsageApplication, state: SubmittedSealUsageApplicationState): SealUsageApplicationEvent[] {
  if (command.metadata.actor.id !== state.applicantId) throw refuse('SEAL_USAGE_APPLICATION.NOT_APPLICANT', 'forbidden');
  if (state.status !== 'submitted' && state.status !== 'approved') illegal(state, '撤回');
  const { reason } = command.data;
  return [
    event('SealUsageApplicationCancelled', {
      applicationId: state.applicationId,
      sealId: state.sealId,
      ...(reason !== undefined && !isBlank(reason) ? { reason } : {}),
      cancelledAt: command.metadata.now,
    }),
  ];
}

function cancelForDocument(command: CancelSealUsageApplicationForDocument, state: SubmittedSealUsageApplicationState): SealUsageApplicationEvent[] {
  const { documentId, reason } = command.data;
  if (state.documentId !== documentId) throw refuse('SEAL.FACTS_MISMATCH', 'invalid', '该用印申请未引用此公文');
  // Idempotent for a redelivered voiding: only an application still open is cancelled, once.
  if (state.status !== 'submitted' && state.status !== 'approved') return [];
  return [
    event('SealUsageApplicationCancelled', {
      applicationId: state.applicationId,
      sealId: state.sealId,
      reason: isBlank(reason) ? '公文签发已失效，用印申请随之撤销' : reason,
      cancelledAt: command.metadata.now,
    }),
  ];
}

function expire(command: ExpireSealUsageApplication, state: SubmittedSealUsageApplicationState): SealUsageApplicationEvent[] {
  // Idempotent for the scheduled job: only an approval still open and past its validity expires.
  if (state.status !== 'approved') return [];
  if (nowOf(command.metadata.now) < nowOf(state.approval.expiresAt)) return [];
  return [
    event('SealUsageApplicationExpired', {
      applicationId: state.applicationId,
      sealId: state.sealId,
      expiresAt: state.approval.expiresAt,
      approvedImpressions: state.approval.approvedImpressions,
      usedImpressions: state.usedImpressions,
      expiredAt: command.metadata.now,
    }),
  ];
}

const notUsable: Readonly<Record<Exclude<SubmittedSealUsageApplicationState['status'], 'approved'>, string>> = {
  submitted: '用印申请尚未批准，不能用印',
  rejected: '用印申请未获批准，不能用印',
  cancelled: '用印申请已撤回，不能用印',
  expired: '用印申请已过有效期，不能用印',
  fullyUsed: '批准的用印次数已用完，不能继续用印',
};

function recordUsage(command: RecordSealUsage, state: SubmittedSealUsageApplicationState): SealUsageApplicationEvent[] {
  const { usageId, copies, impressions, witnessId, witnessName, remarks } = command.data;
  // A retried request for a usage already recorded is a no-op, not a second stamping.
  if ('usageIds' in state && state.usageIds.includes(usageId)) return [];
  // SEAL-7 checked again at the usage: the sign-off the application relied on still stands.
  const document = state.documentId === undefined ? undefined : standingSignOff(state.documentId, command.data.document, state);
  // SEAL-3 先审批后用印: approved, unexpired, not fully used.
  if (state.status !== 'approved') throw refuse('SEAL-3', 'conflict', notUsable[state.status]);
  const now = command.metadata.now;
  if (nowOf(now) >= nowOf(state.approval.expiresAt)) throw refuse('SEAL-3', 'conflict', notUsable.expired);

  const seal = assertFactsFor(state.sealId, command.data.seal);
  // SEAL-1 只有在用印章方可使用
  if (seal.status !== 'active') throw refuse('SEAL-1', 'conflict', '该印章不在使用状态，不能用印');
  // SEAL-8 外借期间不得在本单位用印
  if (seal.checkedOut) throw refuse('SEAL-8', 'conflict', '印章外借中，不能在本单位用印');
  const keeper = command.metadata.actor;
  // SEAL-6 用印由现任保管人登记, or DIR-6 by the keeper's deputy (AB岗) under a delegation in force: the event names both
  const delegation = seal.keeperId === undefined || keeper.id === seal.keeperId ? undefined : deputyForRole(keeper, seal.keeperId, 'sealKeeper');
  if (seal.keeperId === undefined || (keeper.id !== seal.keeperId && delegation === undefined)) {
    throw refuse('SEAL-6', 'forbidden', '用印须由该印章的现任保管人（或其在代理期内的代理人）登记');
  }
  // SEAL-6 监印人在场, and a keeper does not witness their own stamping.
  if (isBlank(witnessId) || isBlank(witnessName)) throw refuse('SEAL-6', 'invalid', '用印须有监印人');
  if (witnessId === keeper.id) throw refuse('SEAL-6', 'invalid', '监印人不得为保管人本人');
  if (isBlank(usageId)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '缺少用印登记编号');
  if (!isPositiveInteger(copies)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '份数须为正整数');
  if (!isPositiveInteger(impressions)) throw refuse('SEAL-6', 'invalid', '用印次数须为正整数');
  // SEAL-6 用印次数不得超过批准次数 (several usages may share one approval)
  const remaining = state.approval.approvedImpressions - state.usedImpressions;
  if (impressions > remaining) {
    throw refuse('SEAL-6', 'conflict', `本次用印${impressions}次，超过剩余可用${remaining}次`);
  }
  if (document !== undefined) assertWithinRegistration(document, state.usedImpressions, impressions);
  return [
    event('SealUsageRecorded', {
      applicationId: state.applicationId,
      usageId,
      sealId: state.sealId,
      copies,
      impressions,
      remainingImpressions: remaining - impressions,
      keeperId: keeper.id,
      keeperName: keeper.name,
      ...(delegation !== undefined && { deputyFor: { keeperId: delegation.delegatorId, keeperName: delegation.delegatorName, delegationGrantId: delegation.grantId } }),
      witnessId,
      witnessName,
      ...(remarks !== undefined && !isBlank(remarks) ? { remarks } : {}),
      usedAt: now,
      ...(document !== undefined && { document: documentFactsOf(document, { impressionsUsedElsewhere: document.impressionsUsedElsewhere }) }),
    }),
  ];
}

/**
 * SEAL-7 at the usage: the document is still signed off by the sign-off the approval relied on
 * (a sign-off voided at recheck and given again is a new approval: a new application). Checked
 * before the application's own state, so a usage on an application cancelled by the voiding
 * is refused for the reason that matters.
 */
function standingSignOff(
  documentId: string,
  document: DocumentSignOffFacts | undefined,
  state: SubmittedSealUsageApplicationState,
): DocumentSignOffFacts & { readonly signedOffAt: string } {
  if (!document) throw refuse('SEAL-7', 'invalid', '引用公文的用印须提供该公文的签发与登记信息');
  if (document.documentId !== documentId) throw refuse('SEAL.FACTS_MISMATCH', 'invalid', '传入的公文信息与引用的公文不符');
  const { signedOffAt } = document;
  if (!document.signedOff || signedOffAt === undefined) throw refuse('SEAL-7', 'conflict', '公文的签发已作废（或公文已撤回、作废），不能用印');
  const approval = 'approval' in state ? state.approval : undefined;
  if (approval?.signedOffAt !== undefined && approval.signedOffAt !== signedOffAt) {
    throw refuse('SEAL-7', 'conflict', '本申请所依据的签发已作废，公文已重新签发，须重新申请用印');
  }
  return { ...document, signedOffAt };
}

/** SEAL-7 registered (numbered), and all usages of the document within what the registration fixed. */
function assertWithinRegistration(document: DocumentSignOffFacts, usedHere: number, impressions: number): void {
  const { registration, impressionsUsedElsewhere } = document;
  if (registration === undefined) throw refuse('SEAL-7', 'conflict', '公文尚未登记编号，不能用印（须先登记发文字号和印制份数）');
  const left = registeredImpressionsOf(registration) - impressionsUsedElsewhere - usedHere;
  if (impressions > left) {
    throw refuse(
      'SEAL-7',
      'conflict',
      `${registrationText(registration)}，已用印${impressionsUsedElsewhere + usedHere}次，本次用印${impressions}次超出剩余可用${Math.max(left, 0)}次`,
    );
  }
}

