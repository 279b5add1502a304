import type { Actor, Command, CommandMetadata } from '@oa/core';

/** The example county's people, as the directory would hand them to a command (DIR-4). */
export const actors = {
  leader: {
    id: 'li.jianguo',
    name: '李建国',
    roles: ['leader', 'signer'],
    authority: { roles: [{ role: 'leader', grantId: 'grant-leader-li' }], posts: [], clearance: { level: 'jimi', grantId: 'grant-clearance-li' }, actingAsDeputy: [] },
  },
  deputy: {
    id: 'zhang.lixin',
    name: '张立新',
    roles: ['leader'],
    authority: {
      roles: [{ role: 'leader', grantId: 'grant-leader-zhang' }],
      posts: [],
      clearance: { level: 'jimi' },
      actingAsDeputy: [{ grantId: 'delegation-li-to-zhang', delegatorId: 'li.jianguo', delegatorName: '李建国', duty: { kind: 'role', role: 'leader' }, until: '2026-12-31T16:00:00.000Z' }],
    },
  },
  office: { id: 'he.yulan', name: '何玉兰', roles: ['registrar'] },
  handler: { id: 'huang.xiaodong', name: '黄晓东', roles: ['drafter', 'handler'] },
  officer: { id: 'wu.xiuying', name: '吴秀英', roles: ['handler'] },
  director: { id: 'chen.weidong', name: '陈卫东', roles: ['officeDirector', 'leader'] },
} satisfies Record<string, Actor>;

/** A command of one decider's union, with who and when. */
export const commandOf =
  <C extends Command>() =>
  <T extends C['type']>(type: T, data: Extract<C, { type: T }>['data'], metadata: CommandMetadata): Extract<C, { type: T }> =>
    ({ type, data, metadata }) as Extract<C, { type: T }>;

export const HASH_A = 'a'.repeat(64);
