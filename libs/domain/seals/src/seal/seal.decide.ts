import { postHeld, type Actor, type Decider, type PostReliedOn } from '@oa/core';
import { isPrincipalPost } from '@oa/domain-directory';
import { defaultSealsConfig, type SealsConfig } from '../seals.config';
import { instantOf, isBlank, nowOf } from '../seals.guards';
import { refuse } from '../seals.rules';
import type {
  ActivateSeal,
  ApproveSealCheckout,
  AssignSealKeeper,
  CancelSealHandover,
  ConfirmSealHandover,
  DisableSeal,
  InitiateSealHandover,
  MarkSealCheckoutOverdue,
  RegisterSeal,
  RejectSealCheckout,
  RequestSealCheckout,
  ResumeSeal,
  ReturnSeal,
  SealCommand,
  SuspendSeal,
  SurrenderSeal,
} from './seal.commands';
import type { SealEvent } from './seal.events';
import { isSealKind } from './seal.kinds';
import { evolveSeal, initialSealState, type RegisteredSealState, type SealHandover, type SealState } from './seal.state';

export const sealStreamType = 'seal';

export type SealDecider = Decider<SealCommand, SealEvent, SealState> & { readonly streamType: typeof sealStreamType };

export function createSealDecider(config: SealsConfig = defaultSealsConfig): SealDecider {
  return {
    streamType: sealStreamType,
    initialState: initialSealState,
    decide: (command, state) => decideSeal(command, state, config),
    evolve: evolveSeal,
  };
}

export const sealDecider: SealDecider = createSealDecider();

export function decideSeal(command: SealCommand, state: SealState, config: SealsConfig = defaultSealsConfig): SealEvent[] {
  nowOf(command.metadata.now);
  switch (command.type) {
    case 'RegisterSeal':
      return register(command, state);
    case 'ActivateSeal':
      return activate(command, registered(state));
    case 'SuspendSeal':
      return suspend(command, registered(state));
    case 'ResumeSeal':
      return resume(command, registered(state));
    case 'DisableSeal':
      return disable(command, registered(state));
    case 'SurrenderSeal':
      return surrender(command, registered(state));
    case 'AssignSealKeeper':
      return assignKeeper(command, registered(state));
    case 'InitiateSealHandover':
      return initiateHandover(command, registered(state));
    case 'ConfirmSealHandover':
      return confirmHandover(command, registered(state));
    case 'CancelSealHandover':
      return cancelHandover(command, registered(state));
    case 'RequestSealCheckout':
      return requestCheckout(command, registered(state));
    case 'ApproveSealCheckout':
      return approveCheckout(command, registered(state), config);
    case 'RejectSealCheckout':
      return rejectCheckout(command, registered(state), config);
    case 'ReturnSeal':
      return returnSeal(command, registered(state));
    case 'MarkSealCheckoutOverdue':
      return markCheckoutOverdue(command, registered(state));
    default: {
      const unexpected: never = command;
      throw new TypeError(`unknown seal command ${(unexpected as { type: string }).type}`);
    }
  }
}

function registered(state: SealState): RegisteredSealState {
  if (state.status === 'empty') throw refuse('SEAL.NOT_FOUND', 'notFound');
  return state;
}

function illegal(state: RegisteredSealState, action: string): never {
  throw refuse('SEAL.ILLEGAL_TRANSITION', 'conflict', `印章当前状态为「${statusNames[state.status]}」，不能${action}`);
}

const statusNames: Readonly<Record<RegisteredSealState['status'], string>> = {
  registered: '已备案',
  active: '在用',
  suspended: '暂停使用',
  disabled: '停用',
  surrendered: '已缴销',
};

const event = <E extends SealEvent>(type: E['type'], data: E['data']): E => ({ type, data, schemaVersion: 1 }) as E;

function register(command: RegisterSeal, state: SealState): SealEvent[] {
  if (state.status !== 'empty') throw refuse('SEAL.ALREADY_REGISTERED', 'conflict');
  const { sealId, kind, name, owningUnit, engravingApprovalReference, impressionImageHash } = command.data;
  if (isBlank(sealId)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '缺少印章编号');
  if (!isSealKind(kind)) throw refuse('SEAL.INVALID_INPUT', 'invalid', `印章种类「${String(kind)}」无效`);
  if (isBlank(name)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '缺少印章名称（印文）');
  if (isBlank(owningUnit)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '缺少用章单位');
  // 刻制备案: a seal is on file only with the approval to engrave it and its impression.
  if (isBlank(engravingApprovalReference)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '缺少刻制审批文号');
  if (isBlank(impressionImageHash)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '缺少印模图像摘要');
  return [
    event('SealRegistered', {
      sealId,
      kind,
      name,
      owningUnit,
      engravingApprovalReference,
      impressionImageHash,
      registeredAt: command.metadata.now,
    }),
  ];
}

function activate(command: ActivateSeal, state: RegisteredSealState): SealEvent[] {
  if (state.status !== 'registered') illegal(state, '启用');
  // SEAL-2 印章须有专人保管: an active seal always has its one keeper.
  if (state.keeperId === undefined) throw refuse('SEAL-2', 'conflict', '启用印章前须指定保管人');
  return [event('SealActivated', { sealId: state.sealId, activatedAt: command.metadata.now })];
}

function suspend(command: SuspendSeal, state: RegisteredSealState): SealEvent[] {
  // Allowed while checked out: a seal lost on the road is suspended at once.
  if (state.status !== 'active') illegal(state, '暂停使用');
  if (isBlank(command.data.reason)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '暂停使用须说明原因');
  return [event('SealSuspended', { sealId: state.sealId, reason: command.data.reason, suspendedAt: command.metadata.now })];
}

function resume(command: ResumeSeal, state: RegisteredSealState): SealEvent[] {
  if (state.status !== 'suspended') illegal(state, '恢复使用');
  return [event('SealResumed', { sealId: state.sealId, resumedAt: command.metadata.now })];
}

function disable(command: DisableSeal, state: RegisteredSealState): SealEvent[] {
  if (state.status === 'disabled' || state.status === 'surrendered') illegal(state, '停用');
  if (isBlank(command.data.reason)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '停用须说明原因');
  // SEAL-8 外借印章须先归还: a seal away from the office cannot go on to surrender.
  if (state.checkout?.phase === 'out') throw refuse('SEAL-8', 'conflict', '印章外借中，归还后方可停用');
  return [event('SealDisabled', { sealId: state.sealId, reason: command.data.reason, disabledAt: command.metadata.now })];
}

function surrender(command: SurrenderSeal, state: RegisteredSealState): SealEvent[] {
  if (state.status !== 'disabled') illegal(state, '缴销');
  const { witnessId, witnessName, reason } = command.data;
  if (isBlank(witnessId) || isBlank(witnessName)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '缴销须有监销人');
  if (witnessId === state.keeperId || witnessId === command.metadata.actor.id) {
    throw refuse('SEAL.INVALID_INPUT', 'invalid', '监销人不得为保管人或经办人本人');
  }
  // SEAL-2 交接未完成不得缴销: custody must be settled before the seal leaves for good.
  if (state.handover) throw refuse('SEAL-2', 'conflict', '印章交接尚未完成，不能缴销');
  return [
    event('SealSurrendered', {
      sealId: state.sealId,
      ...(state.keeperId !== undefined ? { keeperId: state.keeperId } : {}),
      witnessId,
      witnessName,
      ...(reason !== undefined && !isBlank(reason) ? { reason } : {}),
      surrenderedAt: command.metadata.now,
    }),
  ];
}

function assignKeeper(command: AssignSealKeeper, state: RegisteredSealState): SealEvent[] {
  if (state.status === 'surrendered') illegal(state, '指定保管人');
  // SEAL-2 同一时间只有一名保管人: a second keeper comes only through a handover.
  if (state.keeperId !== undefined) {
    throw refuse('SEAL-2', 'conflict', `印章已由${state.keeperName ?? state.keeperId}保管，更换保管人须办理交接`);
  }
  const { keeperId, keeperName } = command.data;
  if (isBlank(keeperId) || isBlank(keeperName)) throw refuse('SEAL-2', 'invalid', '缺少保管人');
  return [event('SealKeeperAssigned', { sealId: state.sealId, keeperId, keeperName, assignedAt: command.metadata.now })];
}

function initiateHandover(command: InitiateSealHandover, state: RegisteredSealState): SealEvent[] {
  if (state.status === 'surrendered') illegal(state, '交接');
  if (state.keeperId === undefined) throw refuse('SEAL-2', 'conflict', '印章尚无保管人，请先指定保管人');
  if (state.handover) throw refuse('SEAL-2', 'conflict', '已有一项交接尚未完成');
  // SEAL-8: the incoming keeper must receive the seal itself, not a promise of it.
  if (state.checkout?.phase === 'out') throw refuse('SEAL-8', 'conflict', '印章外借中，归还后方可交接');
  const { handoverId, incomingKeeperId, incomingKeeperName, witnessId, witnessName } = command.data;
  if (isBlank(handoverId)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '缺少交接编号');
  if (isBlank(incomingKeeperId) || isBlank(incomingKeeperName)) throw refuse('SEAL-2', 'invalid', '缺少接收保管人');
  if (incomingKeeperId === state.keeperId) throw refuse('SEAL-2', 'invalid', '接收人已是该印章的保管人');
  // SEAL-2 交接须有监交人: the witness is a third person.
  if (isBlank(witnessId) || isBlank(witnessName)) throw refuse('SEAL-2', 'invalid', '交接须有监交人');
  if (witnessId === state.keeperId || witnessId === incomingKeeperId) {
    throw refuse('SEAL-2', 'invalid', '监交人不得为交接双方');
  }
  return [
    event('SealHandoverInitiated', {
      sealId: state.sealId,
      handoverId,
      outgoingKeeperId: state.keeperId,
      outgoingKeeperName: state.keeperName ?? '',
      incomingKeeperId,
      incomingKeeperName,
      witnessId,
      witnessName,
      initiatedAt: command.metadata.now,
    }),
  ];
}

function pendingHandover(state: RegisteredSealState, handoverId: string): SealHandover {
  if (!state.handover || state.handover.handoverId !== handoverId) {
    throw refuse('SEAL-2', 'conflict', '没有待确认的该项交接');
  }
  return state.handover;
}

function confirmHandover(command: ConfirmSealHandover, state: RegisteredSealState): SealEvent[] {
  const handover = pendingHandover(state, command.data.handoverId);
  const actorId = command.metadata.actor.id;
  // SEAL-2 交接双方确认: only the two keepers confirm, each for themself.
  const party =
    actorId === handover.outgoingKeeperId ? 'outgoing' : actorId === handover.incomingKeeperId ? 'incoming' : undefined;
  if (party === undefined) throw refuse('SEAL-2', 'forbidden', '只有交出和接收的保管人本人可以确认交接');
  const alreadyConfirmed = party === 'outgoing' ? handover.outgoingConfirmedAt : handover.incomingConfirmedAt;
  if (alreadyConfirmed !== undefined) return [];
  const otherConfirmed = party === 'outgoing' ? handover.incomingConfirmedAt : handover.outgoingConfirmedAt;
  const now = command.metadata.now;
  const confirmed = event('SealHandoverConfirmed', {
    sealId: state.sealId,
    handoverId: handover.handoverId,
    party,
    confirmedById: actorId,
    confirmedAt: now,
  });
  if (otherConfirmed === undefined) return [confirmed];
  // Both confirmed: the keeper changes in one event, so there is never zero or two keepers.
  return [
    confirmed,
    event('SealHandedOver', {
      sealId: state.sealId,
      handoverId: handover.handoverId,
      outgoingKeeperId: handover.outgoingKeeperId,
      incomingKeeperId: handover.incomingKeeperId,
      incomingKeeperName: handover.incomingKeeperName,
      witnessId: handover.witnessId,
      witnessName: handover.witnessName,
      handedOverAt: now,
    }),
  ];
}

function cancelHandover(command: CancelSealHandover, state: RegisteredSealState): SealEvent[] {
  const handover = pendingHandover(state, command.data.handoverId);
  if (isBlank(command.data.reason)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '取消交接须说明原因');
  return [
    event('SealHandoverCancelled', {
      sealId: state.sealId,
      handoverId: handover.handoverId,
      reason: command.data.reason,
      cancelledAt: command.metadata.now,
    }),
  ];
}

function requestCheckout(command: RequestSealCheckout, state: RegisteredSealState): SealEvent[] {
  // SEAL-1 只有在用印章方可外借
  if (state.status !== 'active') throw refuse('SEAL-1', 'conflict', `印章当前状态为「${statusNames[state.status]}」，不能外借`);
  if (state.checkout) throw refuse('SEAL-8', 'conflict', state.checkout.phase === 'out' ? '印章已外借' : '已有一项外借申请待审批');
  const { checkoutId, reason, destination, carrierId, carrierName, expectedReturnAt } = command.data;
  if (isBlank(checkoutId)) throw refuse('SEAL.INVALID_INPUT', 'invalid', '缺少外借编号');
  // SEAL-8 外借须写明事由、去向、携印人和预计归还时间
  if (isBlank(reason)) throw refuse('SEAL-8', 'invalid', '外借须写明事由');
  if (isBlank(destination)) throw refuse('SEAL-8', 'invalid', '外借须写明去向');
  if (isBlank(carrierId) || isBlank(carrierName)) throw refuse('SEAL-8', 'invalid', '外借须写明携印人');
  const expected = instantOf(expectedReturnAt);
  // a malformed time is bad input, not a breach of SEAL-8
  if (expected === undefined) throw refuse('SEAL.INVALID_INPUT', 'invalid', '预计归还时间须为带时区的 RFC 3339 时间，如 2024-07-03T18:00:00+08:00');
  if (expected <= nowOf(command.metadata.now)) throw refuse('SEAL-8', 'invalid', '预计归还时间须晚于当前时间');
  const actor = command.metadata.actor;
  return [
    event('SealCheckoutRequested', {
      sealId: state.sealId,
      checkoutId,
      reason,
      destination,
      carrierId,
      carrierName,
      expectedReturnAt,
      requestedById: actor.id,
      requestedByName: actor.name,
      requestedAt: command.metadata.now,
    }),
  ];
}

function requestedCheckout(state: RegisteredSealState, checkoutId: string) {
  if (state.checkout?.phase !== 'requested' || state.checkout.checkoutId !== checkoutId) {
    throw refuse('SEAL-8', 'conflict', '没有待审批的该项外借申请');
  }
  return state.checkout;
}

function assertCheckoutApprover(actor: Actor, config: SealsConfig): PostReliedOn | undefined {
  // SEAL-8 外借须经单位主要领导批准 (the role is configuration)
  if (!config.checkoutApproverRoles.some((role) => actor.roles.includes(role))) {
    throw refuse('SEAL-8', 'forbidden', '印章外借须由单位主要领导审批');
  }
  // DIR-5: once the directory is in force, the approver holds the principal leader post there, not just a leader role
  if (actor.authority === undefined) return undefined;
  const post = postHeld(actor, (held) => isPrincipalPost(held.postKind));
  if (post === undefined) throw refuse('SEAL-8', 'forbidden', `印章外借须由单位主要负责人审批，组织与人员目录中${actor.name}不担任主要负责人`);
  return post;
}

function approveCheckout(command: ApproveSealCheckout, state: RegisteredSealState, config: SealsConfig): SealEvent[] {
  const checkout = requestedCheckout(state, command.data.checkoutId);
  const actor = command.metadata.actor;
  const approvedUnder = assertCheckoutApprover(actor, config);
  if (actor.id === checkout.requestedById) throw refuse('SEAL-8', 'forbidden', '不得审批本人提出的外借申请');
  // SEAL-1: the seal may have been suspended since the request.
  if (state.status !== 'active') throw refuse('SEAL-1', 'conflict', `印章当前状态为「${statusNames[state.status]}」，不能外借`);
  if (state.handover) throw refuse('SEAL-8', 'conflict', '印章交接期间不得外借');
  if (nowOf(command.metadata.now) >= nowOf(checkout.expectedReturnAt)) {
    throw refuse('SEAL-8', 'conflict', '预计归还时间已过，请重新申请');
  }
  const { comment } = command.data;
  return [
    event('SealCheckoutApproved', {
      sealId: state.sealId,
      checkoutId: checkout.checkoutId,
      approverId: actor.id,
      approverName: actor.name,
      ...(approvedUnder !== undefined && { approvedUnder }),
      ...(comment !== undefined && !isBlank(comment) ? { comment } : {}),
      approvedAt: command.metadata.now,
    }),
  ];
}

function rejectCheckout(command: RejectSealCheckout, state: RegisteredSealState, config: SealsConfig): SealEvent[] {
  const checkout = requestedCheckout(state, command.data.checkoutId);
  const actor = command.metadata.actor;
  assertCheckoutApprover(actor, config);
  if (isBlank(command.data.reason)) throw refuse('SEAL-8', 'invalid', '不予批准须说明理由');
  return [
    event('SealCheckoutRejected', {
      sealId: state.sealId,
      checkoutId: checkout.checkoutId,
      rejectedById: actor.id,
      rejectedByName: actor.name,
      reason: command.data.reason,
      rejectedAt: command.metadata.now,
    }),
  ];
}

function returnSeal(command: ReturnSeal, state: RegisteredSealState): SealEvent[] {
  const checkout = state.checkout;
  if (checkout?.phase !== 'out' || checkout.checkoutId !== command.data.checkoutId) {
    throw refuse('SEAL-8', 'conflict', '该印章没有此项外借');
  }
  const actor = command.metadata.actor;
  // SEAL-8 归还由保管人登记
  if (actor.id !== state.keeperId) throw refuse('SEAL-8', 'forbidden', '印章归还须由保管人登记');
  const { remarks } = command.data;
  return [
    event('SealReturned', {
      sealId: state.sealId,
      checkoutId: checkout.checkoutId,
      receivedById: actor.id,
      receivedByName: actor.name,
      returnedAt: command.metadata.now,
      late: nowOf(command.metadata.now) > nowOf(checkout.expectedReturnAt),
      ...(remarks !== undefined && !isBlank(remarks) ? { remarks } : {}),
    }),
  ];
}

function markCheckoutOverdue(command: MarkSealCheckoutOverdue, state: RegisteredSealState): SealEvent[] {
  const checkout = state.checkout;
  // Idempotent for the scheduled job: nothing out, already marked, or not yet due → no event.
  if (checkout?.phase !== 'out' || checkout.markedOverdueAt !== undefined) return [];
  if (nowOf(command.metadata.now) <= nowOf(checkout.expectedReturnAt)) return [];
  return [
    event('SealCheckoutMarkedOverdue', {
      sealId: state.sealId,
      checkoutId: checkout.checkoutId,
      expectedReturnAt: checkout.expectedReturnAt,
      markedAt: command.metadata.now,
    }),
  ];
}

