import type { MinutesContent } from '@oa/domain-meetings';
import { aroundChanges, minutesDiff, sideBySide } from './minutes-diff';
import { minutesText } from './minutes-text';

const minutes: MinutesContent = {
  startedAt: '2026-11-24T09:00:00.000+08:00',
  endedAt: '2026-11-24T11:00:00.000+08:00',
  place: '机关三楼会议室',
  chair: { personId: 'u-m1', name: '王书记' },
  recorder: { personId: 'u-recorder', name: '刘记录' },
  present: [
    { memberId: 'u-m1', name: '王书记' },
    { memberId: 'u-m2', name: '李委员' },
  ],
  absent: [{ memberId: 'u-m3', name: '张委员', reason: '公出' }],
  nonVotingAttendees: [{ personId: 'u-guest', name: '陈列席', unit: '财务处' }],
  items: [
    {
      itemId: 'i-1',
      title: '关于某项目资金安排的议题',
      recusals: [],
      views: [
        { speakerId: 'u-m2', view: '同意' },
        { speakerId: 'u-m1', view: '同意' },
      ],
      vote: { method: 'namedBallot', counts: { for: 2, against: 0, abstain: 0 }, ballots: [{ memberId: 'u-m1', choice: 'for' }, { memberId: 'u-m2', choice: 'for' }] },
      outcome: 'adopted',
      decision: '同意该项目资金安排',
    },
  ],
};

describe('the minutes as text', () => {
  it('reads as the parts of MTG-6, names in place of identifiers', () => {
    expect(minutesText(minutes)).toEqual([
      '时间：2026-11-24T09:00:00.000+08:00 至 2026-11-24T11:00:00.000+08:00',
      '地点：机关三楼会议室',
      '主持人：王书记（u-m1）',
      '记录人：刘记录（u-recorder）',
      '出席：王书记、李委员',
      '缺席：张委员（公出）',
      '列席：陈列席（财务处）',
      '议题一：关于某项目资金安排的议题（i-1）',
      '  发言1：李委员：同意',
      '  发言2：王书记：同意',
      '  表决方式：记名投票',
      '  表决结果：赞成 2 票，反对 0 票，弃权 0 票',
      '  投票：王书记 赞成',
      '  投票：李委员 赞成',
      '  结果：通过',
      '  决定：同意该项目资金安排',
    ]);
  });

  it('shows a field it does not know as JSON, so no change is hidden', () => {
    const extended = { ...minutes, supervisor: '纪检组', items: [{ ...minutes.items[0]!, deadline: '2026-12-31' }] };
    expect(minutesText(extended).filter((line) => line.includes('其他'))).toEqual(['  其他 deadline："2026-12-31"', '其他 supervisor："纪检组"']);
  });
});

describe('minutes difference', () => {
  it('pairs the changed decision and keeps every other line the same, numbered on both sides', () => {
    const amended = { ...minutes, items: [{ ...minutes.items[0]!, decision: '同意该项目资金安排，分两期拨付' }] };
    const rows = minutesDiff(minutes, amended);
    expect(rows.filter((row) => row.kind !== 'same')).toEqual([
      { kind: 'changed', left: { number: 16, text: '  决定：同意该项目资金安排' }, right: { number: 16, text: '  决定：同意该项目资金安排，分两期拨付' } },
    ]);
    expect(rows).toHaveLength(16);
  });

  it('shows lines only on the side they exist: removed on the left, added on the right', () => {
    expect(sideBySide(['a', 'b', 'c'], ['a', 'c', 'd', 'e'])).toEqual([
      { kind: 'same', left: { number: 1, text: 'a' }, right: { number: 1, text: 'a' } },
      { kind: 'removed', left: { number: 2, text: 'b' } },
      { kind: 'same', left: { number: 3, text: 'c' }, right: { number: 2, text: 'c' } },
      { kind: 'added', right: { number: 3, text: 'd' } },
      { kind: 'added', right: { number: 4, text: 'e' } },
    ]);
  });

  it('folds the unchanged lines away from the changes, keeping the context around them', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const after = before.map((line, i) => (i === 10 ? 'changed' : line));
    const shown = aroundChanges(sideBySide(before, after), 2);
    expect(shown.map((row) => (row.kind === 'skipped' ? `skip ${row.count}` : row.kind === 'same' ? row.left.text : row.kind))).toEqual([
      'skip 8',
      'line 8',
      'line 9',
      'changed',
      'line 11',
      'line 12',
      'skip 7',
    ]);
    expect(aroundChanges(sideBySide(['a'], ['a']))).toEqual([{ kind: 'skipped', count: 1 }]);
  });
});
