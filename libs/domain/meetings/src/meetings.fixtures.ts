import type { Actor, Command, Decider, DomainEvent, RuleViolation } from '@oa/core';
import { fold, isRuleViolation } from '@oa/core';
import type { Member } from './meetings.types';

/** People of the test committee: 王书记 chairs, 周秘书 records, 吴主任 checks agenda items for the office. */
export const actors = {
  chair: { id: 'm1', name: '王书记', roles: ['leader', 'committeeMember'] },
  recorder: { id: 'sec1', name: '周秘书', roles: ['meetingSecretary'] },
  office: { id: 'off1', name: '吴主任', roles: ['officeDirector'] },
  member: { id: 'm2', name: '李副书记', roles: ['leader', 'committeeMember'] },
  outsider: { id: 'u9', name: '孙干事', roles: ['handler'] },
} satisfies Record<string, Actor>;

const NAMES = ['王书记', '李副书记', '张委员', '刘委员', '陈委员', '杨委员', '赵委员', '黄委员', '吴委员', '郑委员'];

/** m1 … mN; m1 is the chair. */
export function committeeMembers(count: number): Member[] {
  return Array.from({ length: count }, (_, index) => ({ memberId: `m${index + 1}`, name: NAMES[index] ?? `委员${index + 1}` }));
}

export function memberIds(count: number): string[] {
  return committeeMembers(count).map((member) => member.memberId);
}

export const HASH_A = 'a'.repeat(64);
export const HASH_B = 'b'.repeat(64);

/** Builds a command of the given type with its metadata; the actor and the instant default to the recorder at 10:00 on 1 July 2024. */
export function commandOf<C extends Command>() {
  return <T extends C['type']>(
    type: T,
    data: Extract<C, { type: T }>['data'],
    options: { actor?: Actor; now?: string } = {},
  ): Extract<C, { type: T }> =>
    ({ type, data, metadata: { actor: options.actor ?? actors.recorder, now: options.now ?? '2024-07-01T10:00:00.000+08:00' } }) as Extract<C, { type: T }>;
}

/** The refusal a command meets, to check its kind (400/403/409) besides its code. */
export function refusalOf<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, given: readonly E[], command: C): RuleViolation {
  try {
    decider.decide(command, fold(decider, given));
  } catch (error) {
    if (isRuleViolation(error)) return error;
    throw error;
  }
  throw new Error(`expected ${command.type} to be refused`);
}
