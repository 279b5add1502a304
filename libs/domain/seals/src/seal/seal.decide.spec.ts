import { DeciderSpecification, fold, type Actor, type ActorAuthority, type PostReliedOn } from '@oa/core';
import { sealsConfig } from '../seals.config';
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
  SuspendSeal,
  SurrenderSeal,
} from './seal.commands';
import { createSealDecider, sealDecider } from './seal.decide';
import type { SealEvent } from './seal.events';
import {
  NOW,
  SEAL_ID,
  activeSeal,
  checkoutApproved,
  checkoutRequested,
  command,
  handoverInitiated,
  keeperAssigned,
  people,
  sealEvent,
  sealRegistered,
} from './seal.fixtures';
import { sealFactsOf } from './seal.state';

const spec = DeciderSpecification.for(sealDecider);

const register = (data: Partial<RegisterSeal['data']> = {}) =>
  command<RegisterSeal>(
    'RegisterSeal',
    {
      sealId: SEAL_ID,
      kind: 'administrative',
      name: '某某县人民政府办公室',
      owningUnit: '县政府办公室',
      engravingApprovalReference: '县公安备〔2024〕12号',
      impressionImageHash: 'sha256:abc',
      ...data,
    },
    people.registrar,
  );
const activate = () => command<ActivateSeal>('ActivateSeal', { sealId: SEAL_ID }, people.registrar);
const suspend = (reason = '印章磨损待检') => command<SuspendSeal>('SuspendSeal', { sealId: SEAL_ID, reason }, people.registrar);
const resume = () => command<ResumeSeal>('ResumeSeal', { sealId: SEAL_ID }, people.registrar);
const disable = () => command<DisableSeal>('DisableSeal', { sealId: SEAL_ID, reason: '机构更名' }, people.registrar);
const surrender = (witness: { id: string; name: string } = people.witness) =>
  command<SurrenderSeal>('SurrenderSeal', { sealId: SEAL_ID, witnessId: witness.id, witnessName: witness.name }, people.registrar);
const assignKeeper = (keeper: { id: string; name: string } = people.keeper) =>
  command<AssignSealKeeper>('AssignSealKeeper', { sealId: SEAL_ID, keeperId: keeper.id, keeperName: keeper.name }, people.registrar);
const initiateHandover = (data: Partial<InitiateSealHandover['data']> = {}) =>
  command<InitiateSealHandover>(
    'InitiateSealHandover',
    {
      sealId: SEAL_ID,
      handoverId: 'ho-1',
      incomingKeeperId: people.nextKeeper.id,
      incomingKeeperName: people.nextKeeper.name,
      witnessId: people.witness.id,
      witnessName: people.witness.name,
      ...data,
    },
    people.registrar,
  );
const confirmHandover = (actor: { id: string; name: string; roles: readonly string[] }) =>
  command<ConfirmSealHandover>('ConfirmSealHandover', { sealId: SEAL_ID, handoverId: 'ho-1' }, actor);
const requestCheckout = (data: Partial<RequestSealCheckout['data']> = {}) =>
  command<RequestSealCheckout>(
    'RequestSealCheckout',
    {
      sealId: SEAL_ID,
      checkoutId: 'co-1',
      reason: '赴市里签订合作协议',
      destination: '市政府',
      carrierId: people.carrier.id,
      carrierName: people.carrier.name,
      expectedReturnAt: '2024-07-03T10:00:00.000Z',
      ...data,
    },
    people.clerk,
  );
const approveCheckout = (actor: { id: string; name: string; roles: readonly string[] } = people.leader) =>
  command<ApproveSealCheckout>('ApproveSealCheckout', { sealId: SEAL_ID, checkoutId: 'co-1' }, actor);
const returnSeal = (actor: { id: string; name: string; roles: readonly string[] } = people.keeper, now = NOW) =>
  command<ReturnSeal>('ReturnSeal', { sealId: SEAL_ID, checkoutId: 'co-1' }, actor, now);
const markOverdue = (now: string) => command<MarkSealCheckoutOverdue>('MarkSealCheckoutOverdue', { sealId: SEAL_ID }, people.registrar, now);

const suspended = (): SealEvent => sealEvent('SealSuspended', { sealId: SEAL_ID, reason: '印章磨损待检', suspendedAt: '2024-06-20T00:00:00.000Z' });
const disabled = (): SealEvent => sealEvent('SealDisabled', { sealId: SEAL_ID, reason: '机构更名', disabledAt: '2024-06-21T00:00:00.000Z' });
const surrendered = (): SealEvent =>
  sealEvent('SealSurrendered', {
    sealId: SEAL_ID,
    keeperId: people.keeper.id,
    witnessId: people.witness.id,
    witnessName: people.witness.name,
    surrenderedAt: '2024-06-22T00:00:00.000Z',
  });
const outgoingConfirmed = (): SealEvent =>
  sealEvent('SealHandoverConfirmed', {
    sealId: SEAL_ID,
    handoverId: 'ho-1',
    party: 'outgoing',
    confirmedById: people.keeper.id,
    confirmedAt: '2024-07-01T01:10:00.000Z',
  });

describe('Seal: when not registered', () => {
  it('registers a seal on file with its kind, engraving approval and impression hash (刻制备案)', () => {
    spec
      .given([])
      .when(register())
      .then([
        sealEvent('SealRegistered', {
          sealId: SEAL_ID,
          kind: 'administrative',
          name: '某某县人民政府办公室',
          owningUnit: '县政府办公室',
          engravingApprovalReference: '县公安备〔2024〕12号',
          impressionImageHash: 'sha256:abc',
          registeredAt: NOW,
        }),
      ]);
  });

  it('refuses an unknown seal kind', () => {
    spec.given([]).when(register({ kind: 'official' as never })).thenThrows('SEAL.INVALID_INPUT');
  });

  it('refuses a registration without the engraving approval reference', () => {
    spec.given([]).when(register({ engravingApprovalReference: ' ' })).thenThrows('SEAL.INVALID_INPUT');
  });

  it('refuses a registration without the impression image hash', () => {
    spec.given([]).when(register({ impressionImageHash: '' })).thenThrows('SEAL.INVALID_INPUT');
  });

  it('refuses commands on a seal that is not on file', () => {
    spec.given([]).when(activate()).thenThrows('SEAL.NOT_FOUND');
  });
});

describe('Seal: when registered', () => {
  it('refuses registering the same seal twice', () => {
    spec.given([sealRegistered()]).when(register()).thenThrows('SEAL.ALREADY_REGISTERED');
  });

  it('SEAL-2 assigns the first keeper', () => {
    spec
      .given([sealRegistered()])
      .when(assignKeeper())
      .then([sealEvent('SealKeeperAssigned', { sealId: SEAL_ID, keeperId: people.keeper.id, keeperName: people.keeper.name, assignedAt: NOW })]);
  });

  it('SEAL-2 refuses activating a seal that has no keeper', () => {
    spec.given([sealRegistered()]).when(activate()).thenThrows('SEAL-2');
  });

  it('activates a seal that has its keeper', () => {
    spec
      .given([sealRegistered(), keeperAssigned()])
      .when(activate())
      .then([sealEvent('SealActivated', { sealId: SEAL_ID, activatedAt: NOW })]);
  });

  it('SEAL-1 refuses a checkout of a seal not yet in use', () => {
    spec.given([sealRegistered(), keeperAssigned()]).when(requestCheckout()).thenThrows('SEAL-1');
  });

  it('refuses resuming a seal that was never suspended', () => {
    spec.given([sealRegistered(), keeperAssigned()]).when(resume()).thenThrows('SEAL.ILLEGAL_TRANSITION');
  });
});

describe('Seal: when active', () => {
  it('suspends with a reason', () => {
    spec
      .given(activeSeal())
      .when(suspend())
      .then([sealEvent('SealSuspended', { sealId: SEAL_ID, reason: '印章磨损待检', suspendedAt: NOW })]);
  });

  it('refuses a suspension without a reason', () => {
    spec.given(activeSeal()).when(suspend('  ')).thenThrows('SEAL.INVALID_INPUT');
  });

  it('refuses activating it again', () => {
    spec.given(activeSeal()).when(activate()).thenThrows('SEAL.ILLEGAL_TRANSITION');
  });

  it('SEAL-2 refuses a second keeper outside a handover', () => {
    spec.given(activeSeal()).when(assignKeeper(people.nextKeeper)).thenThrows('SEAL-2');
  });

  it('disables with a reason', () => {
    spec
      .given(activeSeal())
      .when(disable())
      .then([sealEvent('SealDisabled', { sealId: SEAL_ID, reason: '机构更名', disabledAt: NOW })]);
  });

  it('refuses a surrender before the seal is disabled', () => {
    spec.given(activeSeal()).when(surrender()).thenThrows('SEAL.ILLEGAL_TRANSITION');
  });

  it('SEAL-1 accepts a checkout request for a seal in use', () => {
    spec
      .given(activeSeal())
      .when(requestCheckout())
      .then([
        sealEvent('SealCheckoutRequested', {
          sealId: SEAL_ID,
          checkoutId: 'co-1',
          reason: '赴市里签订合作协议',
          destination: '市政府',
          carrierId: people.carrier.id,
          carrierName: people.carrier.name,
          expectedReturnAt: '2024-07-03T10:00:00.000Z',
          requestedById: people.clerk.id,
          requestedByName: people.clerk.name,
          requestedAt: NOW,
        }),
      ]);
  });

  it.each([
    ['reason', { reason: '' }],
    ['destination', { destination: ' ' }],
    ['carrier', { carrierId: '' }],
    ['an expected return in the past', { expectedReturnAt: '2024-06-30T00:00:00.000Z' }],
  ])('SEAL-8 refuses a checkout request without %s', (_what, data) => {
    spec.given(activeSeal()).when(requestCheckout(data)).thenThrows('SEAL-8');
  });

  it('SEAL-8 takes an expected return with microseconds (RFC 3339), and a malformed one is bad input (SEAL.INVALID_INPUT), not a SEAL-8 breach', () => {
    const [requested] = sealDecider.decide(requestCheckout({ expectedReturnAt: '2024-07-03T18:00:00.123456+08:00' }), fold(sealDecider, activeSeal()));
    expect(requested?.data).toMatchObject({ expectedReturnAt: '2024-07-03T18:00:00.123456+08:00' });
    spec.given(activeSeal()).when(requestCheckout({ expectedReturnAt: '2024-07-03' })).thenThrows('SEAL.INVALID_INPUT');
  });
});

describe('Seal: when suspended', () => {
  it('resumes use', () => {
    spec
      .given([...activeSeal(), suspended()])
      .when(resume())
      .then([sealEvent('SealResumed', { sealId: SEAL_ID, resumedAt: NOW })]);
  });

  it('SEAL-1 refuses a checkout of a suspended seal', () => {
    spec.given([...activeSeal(), suspended()]).when(requestCheckout()).thenThrows('SEAL-1');
  });

  it('refuses activating instead of resuming', () => {
    spec.given([...activeSeal(), suspended()]).when(activate()).thenThrows('SEAL.ILLEGAL_TRANSITION');
  });

  it('disables a suspended seal', () => {
    spec
      .given([...activeSeal(), suspended()])
      .when(disable())
      .then([sealEvent('SealDisabled', { sealId: SEAL_ID, reason: '机构更名', disabledAt: NOW })]);
  });
});

describe('Seal: when disabled', () => {
  it('surrenders with a witness (缴销)', () => {
    spec
      .given([...activeSeal(), disabled()])
      .when(surrender())
      .then([
        sealEvent('SealSurrendered', {
          sealId: SEAL_ID,
          keeperId: people.keeper.id,
          witnessId: people.witness.id,
          witnessName: people.witness.name,
          surrenderedAt: NOW,
        }),
      ]);
  });

  it('refuses a surrender without a witness', () => {
    spec
      .given([...activeSeal(), disabled()])
      .when(surrender({ id: '', name: '' }))
      .thenThrows('SEAL.INVALID_INPUT');
  });

  it('refuses the keeper as witness of the surrender', () => {
    spec.given([...activeSeal(), disabled()]).when(surrender(people.keeper)).thenThrows('SEAL.INVALID_INPUT');
  });

  it('refuses resuming a disabled seal', () => {
    spec.given([...activeSeal(), disabled()]).when(resume()).thenThrows('SEAL.ILLEGAL_TRANSITION');
  });

  it('SEAL-1 refuses a checkout of a disabled seal', () => {
    spec.given([...activeSeal(), disabled()]).when(requestCheckout()).thenThrows('SEAL-1');
  });
});

describe('Seal: when surrendered', () => {
  const history = () => [...activeSeal(), disabled(), surrendered()];

  it('refuses activating a surrendered seal', () => {
    spec.given(history()).when(activate()).thenThrows('SEAL.ILLEGAL_TRANSITION');
  });

  it('refuses resuming, disabling or surrendering it again', () => {
    spec.given(history()).when(resume()).thenThrows('SEAL.ILLEGAL_TRANSITION');
    spec.given(history()).when(disable()).thenThrows('SEAL.ILLEGAL_TRANSITION');
    spec.given(history()).when(surrender()).thenThrows('SEAL.ILLEGAL_TRANSITION');
  });

  it('refuses a handover of a surrendered seal', () => {
    spec.given(history()).when(initiateHandover()).thenThrows('SEAL.ILLEGAL_TRANSITION');
  });
});

describe('Seal: when a handover is pending', () => {
  it('SEAL-2 initiates a handover from the current keeper with a witness', () => {
    spec
      .given(activeSeal())
      .when(initiateHandover())
      .then([
        sealEvent('SealHandoverInitiated', {
          sealId: SEAL_ID,
          handoverId: 'ho-1',
          outgoingKeeperId: people.keeper.id,
          outgoingKeeperName: people.keeper.name,
          incomingKeeperId: people.nextKeeper.id,
          incomingKeeperName: people.nextKeeper.name,
          witnessId: people.witness.id,
          witnessName: people.witness.name,
          initiatedAt: NOW,
        }),
      ]);
  });

  it('SEAL-2 refuses a handover without a witness', () => {
    spec.given(activeSeal()).when(initiateHandover({ witnessId: '', witnessName: '' })).thenThrows('SEAL-2');
  });

  it('SEAL-2 refuses one of the keepers as witness', () => {
    spec.given(activeSeal()).when(initiateHandover({ witnessId: people.nextKeeper.id })).thenThrows('SEAL-2');
    spec.given(activeSeal()).when(initiateHandover({ witnessId: people.keeper.id })).thenThrows('SEAL-2');
  });

  it('SEAL-2 refuses a handover to the current keeper', () => {
    spec
      .given(activeSeal())
      .when(initiateHandover({ incomingKeeperId: people.keeper.id, incomingKeeperName: people.keeper.name }))
      .thenThrows('SEAL-2');
  });

  it('SEAL-2 refuses a handover of a seal without a keeper', () => {
    spec.given([sealRegistered()]).when(initiateHandover()).thenThrows('SEAL-2');
  });

  it('SEAL-2 refuses a second handover while one is pending', () => {
    spec.given([...activeSeal(), handoverInitiated()]).when(initiateHandover({ handoverId: 'ho-2' })).thenThrows('SEAL-2');
  });

  it('SEAL-2 keeps the outgoing keeper after only one confirmation', () => {
    spec
      .given([...activeSeal(), handoverInitiated()])
      .when(confirmHandover(people.keeper))
      .then([sealEvent('SealHandoverConfirmed', { sealId: SEAL_ID, handoverId: 'ho-1', party: 'outgoing', confirmedById: people.keeper.id, confirmedAt: NOW })]);
    const state = fold(sealDecider, [...activeSeal(), handoverInitiated(), outgoingConfirmed()]);
    expect(sealFactsOf(state)?.keeperId).toBe(people.keeper.id);
  });

  it('SEAL-2 hands over, with the witness and the time, once both keepers confirmed', () => {
    const events = spec
      .given([...activeSeal(), handoverInitiated(), outgoingConfirmed()])
      .when(confirmHandover(people.nextKeeper))
      .then([
        sealEvent('SealHandoverConfirmed', { sealId: SEAL_ID, handoverId: 'ho-1', party: 'incoming', confirmedById: people.nextKeeper.id, confirmedAt: NOW }),
        sealEvent('SealHandedOver', {
          sealId: SEAL_ID,
          handoverId: 'ho-1',
          outgoingKeeperId: people.keeper.id,
          incomingKeeperId: people.nextKeeper.id,
          incomingKeeperName: people.nextKeeper.name,
          witnessId: people.witness.id,
          witnessName: people.witness.name,
          handedOverAt: NOW,
        }),
      ]);
    const state = fold(sealDecider, [...activeSeal(), handoverInitiated(), outgoingConfirmed(), ...events]);
    expect(sealFactsOf(state)?.keeperId).toBe(people.nextKeeper.id);
  });

  it('SEAL-2 hands over in either order of confirmation', () => {
    const incomingFirst = sealEvent('SealHandoverConfirmed', {
      sealId: SEAL_ID,
      handoverId: 'ho-1',
      party: 'incoming',
      confirmedById: people.nextKeeper.id,
      confirmedAt: '2024-07-01T01:10:00.000Z',
    });
    const events = spec.given([...activeSeal(), handoverInitiated(), incomingFirst]).when(confirmHandover(people.keeper)).then([
      sealEvent('SealHandoverConfirmed', { sealId: SEAL_ID, handoverId: 'ho-1', party: 'outgoing', confirmedById: people.keeper.id, confirmedAt: NOW }),
      sealEvent('SealHandedOver', {
        sealId: SEAL_ID,
        handoverId: 'ho-1',
        outgoingKeeperId: people.keeper.id,
        incomingKeeperId: people.nextKeeper.id,
        incomingKeeperName: people.nextKeeper.name,
        witnessId: people.witness.id,
        witnessName: people.witness.name,
        handedOverAt: NOW,
      }),
    ]);
    expect(events).toHaveLength(2);
  });

  it('SEAL-2 refuses a confirmation by anyone but the two keepers', () => {
    spec.given([...activeSeal(), handoverInitiated()]).when(confirmHandover(people.witness)).thenThrows('SEAL-2');
    spec.given([...activeSeal(), handoverInitiated()]).when(confirmHandover(people.registrar)).thenThrows('SEAL-2');
  });

  it('SEAL-2 treats a repeated confirmation as nothing new', () => {
    spec.given([...activeSeal(), handoverInitiated(), outgoingConfirmed()]).when(confirmHandover(people.keeper)).thenNothingHappens();
  });

  it('SEAL-2 refuses a confirmation of an unknown handover', () => {
    spec.given(activeSeal()).when(confirmHandover(people.keeper)).thenThrows('SEAL-2');
  });

  it('cancels a pending handover with a reason, leaving the keeper', () => {
    spec
      .given([...activeSeal(), handoverInitiated()])
      .when(command<CancelSealHandover>('CancelSealHandover', { sealId: SEAL_ID, handoverId: 'ho-1', reason: '接收人调岗' }, people.registrar))
      .then([sealEvent('SealHandoverCancelled', { sealId: SEAL_ID, handoverId: 'ho-1', reason: '接收人调岗', cancelledAt: NOW })]);
  });

  it('SEAL-2 refuses a surrender while a handover is pending', () => {
    spec.given([...activeSeal(), handoverInitiated(), disabled()]).when(surrender()).thenThrows('SEAL-2');
  });

  it('SEAL-8 refuses approving a checkout while a handover is pending', () => {
    spec.given([...activeSeal(), checkoutRequested(), handoverInitiated()]).when(approveCheckout()).thenThrows('SEAL-8');
  });
});

describe('Seal: when a checkout is requested', () => {
  const history = () => [...activeSeal(), checkoutRequested()];
  /** The leader's approval, with what the decision relied on when the directory is in force. */
  const approvedByLeader = (relied: { approvedUnder?: PostReliedOn } = {}) =>
    sealEvent('SealCheckoutApproved', { sealId: SEAL_ID, checkoutId: 'co-1', approverId: people.leader.id, approverName: people.leader.name, ...relied, approvedAt: NOW });

  it('SEAL-8 lets the principal leader approve it, and the seal is out', () => {
    const events = spec.given(history()).when(approveCheckout()).then([approvedByLeader()]);
    expect(sealFactsOf(fold(sealDecider, [...history(), ...events]))?.checkedOut).toBe(true);
  });

  it('SEAL-8 DIR-5 once the directory is in force, only the principal leader it holds approves, and the event names the post', () => {
    const principal = { unitId: 'unit-office', unitCode: 'XWB', postId: 'post-head', postKind: 'principalLeader', identityId: 'id-leader', title: '主任', assignmentId: 'assign-7' };
    const withPosts = (posts: ActorAuthority['posts']): Actor => ({ ...people.leader, authority: { roles: [{ role: 'leader', grantId: 'grant-3' }], posts, clearance: { level: 'none' }, actingAsDeputy: [] } });
    spec
      .given(history())
      .when(approveCheckout(withPosts([principal])))
      .then([approvedByLeader({ approvedUnder: { unitId: 'unit-office', postId: 'post-head', postKind: 'principalLeader', identityId: 'id-leader', assignmentId: 'assign-7' } })]);
    // a Party committee's 书记 is its principal leader
    const [bySecretary] = sealDecider.decide(approveCheckout(withPosts([{ ...principal, postKind: 'secretary', title: '县委书记' }])), fold(sealDecider, history()));
    expect(bySecretary?.data).toMatchObject({ approvedUnder: { postKind: 'secretary' } });
    // a leader role without the post: a deputy leader (分管领导) does not approve a checkout
    spec.given(history()).when(approveCheckout(withPosts([{ ...principal, postKind: 'deputyLeader', title: '副主任' }]))).thenThrows('SEAL-8');
  });

  it('SEAL-8 refuses an approval by someone without the leader role', () => {
    spec.given(history()).when(approveCheckout(people.registrar)).thenThrows('SEAL-8');
  });

  it('SEAL-8 refuses an approval by the requester', () => {
    const leaderAsk = sealEvent('SealCheckoutRequested', {
      ...checkoutRequested().data,
      requestedById: people.leader.id,
      requestedByName: people.leader.name,
    });
    spec.given([...activeSeal(), leaderAsk]).when(approveCheckout()).thenThrows('SEAL-8');
  });

  it('SEAL-8 takes the checkout approver role from configuration', () => {
    const officeRun = DeciderSpecification.for(createSealDecider(sealsConfig({ checkoutApproverRoles: ['officeDirector'] })));
    officeRun.given(history()).when(approveCheckout(people.registrar)).then([
      sealEvent('SealCheckoutApproved', {
        sealId: SEAL_ID,
        checkoutId: 'co-1',
        approverId: people.registrar.id,
        approverName: people.registrar.name,
        approvedAt: NOW,
      }),
    ]);
    officeRun.given(history()).when(approveCheckout()).thenThrows('SEAL-8');
  });

  it('SEAL-8 refuses an approval once the expected return has passed', () => {
    spec
      .given(history())
      .when(command<ApproveSealCheckout>('ApproveSealCheckout', { sealId: SEAL_ID, checkoutId: 'co-1' }, people.leader, '2024-07-04T00:00:00.000Z'))
      .thenThrows('SEAL-8');
  });

  it('SEAL-8 lets the leader reject it with a reason', () => {
    spec
      .given(history())
      .when(command<RejectSealCheckout>('RejectSealCheckout', { sealId: SEAL_ID, checkoutId: 'co-1', reason: '可由对方来函办理' }, people.leader))
      .then([
        sealEvent('SealCheckoutRejected', {
          sealId: SEAL_ID,
          checkoutId: 'co-1',
          rejectedById: people.leader.id,
          rejectedByName: people.leader.name,
          reason: '可由对方来函办理',
          rejectedAt: NOW,
        }),
      ]);
  });

  it('SEAL-8 refuses a second checkout request while one is pending', () => {
    spec.given(history()).when(requestCheckout({ checkoutId: 'co-2' })).thenThrows('SEAL-8');
  });

  it('SEAL-1 refuses the approval when the seal was suspended meanwhile', () => {
    spec.given([...history(), suspended()]).when(approveCheckout()).thenThrows('SEAL-1');
  });
});

describe('Seal: when checked out', () => {
  const history = () => [...activeSeal(), checkoutRequested(), checkoutApproved()];

  it('SEAL-8 records the return by the keeper', () => {
    spec
      .given(history())
      .when(returnSeal())
      .then([
        sealEvent('SealReturned', {
          sealId: SEAL_ID,
          checkoutId: 'co-1',
          receivedById: people.keeper.id,
          receivedByName: people.keeper.name,
          returnedAt: NOW,
          late: false,
        }),
      ]);
  });

  it('SEAL-8 refuses a return recorded by anyone but the keeper', () => {
    spec.given(history()).when(returnSeal(people.carrier)).thenThrows('SEAL-8');
  });

  it('SEAL-8 refuses a second checkout while out', () => {
    spec.given(history()).when(requestCheckout({ checkoutId: 'co-2' })).thenThrows('SEAL-8');
  });

  it('SEAL-8 refuses disabling a seal that is out', () => {
    spec.given(history()).when(disable()).thenThrows('SEAL-8');
  });

  it('SEAL-8 refuses a handover while the seal is out', () => {
    spec.given(history()).when(initiateHandover()).thenThrows('SEAL-8');
  });

  it('suspends a seal that is out (e.g. lost on the road)', () => {
    spec
      .given(history())
      .when(suspend('外出途中遗失'))
      .then([sealEvent('SealSuspended', { sealId: SEAL_ID, reason: '外出途中遗失', suspendedAt: NOW })]);
  });

  it('SEAL-8 marks the checkout overdue once the expected return has passed', () => {
    spec
      .given(history())
      .when(markOverdue('2024-07-03T10:00:01.000Z'))
      .then([
        sealEvent('SealCheckoutMarkedOverdue', {
          sealId: SEAL_ID,
          checkoutId: 'co-1',
          expectedReturnAt: '2024-07-03T10:00:00.000Z',
          markedAt: '2024-07-03T10:00:01.000Z',
        }),
      ]);
  });

  it('SEAL-8 marks nothing before the expected return', () => {
    spec.given(history()).when(markOverdue('2024-07-03T10:00:00.000Z')).thenNothingHappens();
  });

  it('SEAL-8 marks an overdue checkout only once', () => {
    const marked = sealEvent('SealCheckoutMarkedOverdue', {
      sealId: SEAL_ID,
      checkoutId: 'co-1',
      expectedReturnAt: '2024-07-03T10:00:00.000Z',
      markedAt: '2024-07-03T11:00:00.000Z',
    });
    spec.given([...history(), marked]).when(markOverdue('2024-07-04T00:00:00.000Z')).thenNothingHappens();
  });

  it('SEAL-8 marks nothing for a seal that is not out', () => {
    spec.given(activeSeal()).when(markOverdue('2024-07-04T00:00:00.000Z')).thenNothingHappens();
    spec.given([...activeSeal(), checkoutRequested()]).when(markOverdue('2024-07-04T00:00:00.000Z')).thenNothingHappens();
  });

  it('SEAL-8 records a late return as late', () => {
    spec
      .given(history())
      .when(returnSeal(people.keeper, '2024-07-05T00:00:00.000Z'))
      .then([
        sealEvent('SealReturned', {
          sealId: SEAL_ID,
          checkoutId: 'co-1',
          receivedById: people.keeper.id,
          receivedByName: people.keeper.name,
          returnedAt: '2024-07-05T00:00:00.000Z',
          late: true,
        }),
      ]);
  });

  it('SEAL-8 lets the seal go out again after its return', () => {
    const returned = sealEvent('SealReturned', {
      sealId: SEAL_ID,
      checkoutId: 'co-1',
      receivedById: people.keeper.id,
      receivedByName: people.keeper.name,
      returnedAt: '2024-07-02T00:00:00.000Z',
      late: false,
    });
    const state = fold(sealDecider, [...history(), returned]);
    expect(sealFactsOf(state)).toEqual({ sealId: SEAL_ID, status: 'active', kind: 'administrative', keeperId: people.keeper.id, checkedOut: false });
    spec.given([...history(), returned]).when(requestCheckout({ checkoutId: 'co-2' })).then([
      sealEvent('SealCheckoutRequested', {
        sealId: SEAL_ID,
        checkoutId: 'co-2',
        reason: '赴市里签订合作协议',
        destination: '市政府',
        carrierId: people.carrier.id,
        carrierName: people.carrier.name,
        expectedReturnAt: '2024-07-03T10:00:00.000Z',
        requestedById: people.clerk.id,
        requestedByName: people.clerk.name,
        requestedAt: NOW,
      }),
    ]);
  });
});

describe('Seal: facts for other aggregates', () => {
  it('are absent for a seal not on file', () => {
    expect(sealFactsOf(sealDecider.initialState())).toBeUndefined();
  });

  it('give status, kind, keeper and whether it is out', () => {
    expect(sealFactsOf(fold(sealDecider, [...activeSeal(), checkoutRequested(), checkoutApproved()]))).toEqual({
      sealId: SEAL_ID,
      status: 'active',
      kind: 'administrative',
      keeperId: people.keeper.id,
      checkedOut: true,
    });
  });
});
