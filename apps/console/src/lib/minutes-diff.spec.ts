import { aroundChanges, linesOf, minutesDiff, sideBySide } from './minutes-diff';

describe('minutes difference', () => {
  it('pairs a changed decision line and keeps the rest as the same, with line numbers on both sides', () => {
    const before = { items: [{ decision: '同意该项目资金安排', title: '资金议题' }, { decision: '不同意购置', title: '购车议题' }], place: '三楼会议室' };
    const after = { place: '三楼会议室', items: [{ title: '资金议题', decision: '同意该项目资金安排，分两期拨付' }, { decision: '不同意购置', title: '购车议题' }] };
    const rows = minutesDiff(before, after);
    expect(rows.filter((row) => row.kind !== 'same')).toEqual([
      { kind: 'changed', left: { number: 4, text: '      "decision": "同意该项目资金安排",' }, right: { number: 4, text: '      "decision": "同意该项目资金安排，分两期拨付",' } },
    ]);
    expect(rows).toHaveLength(linesOf(before).length);
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

  it('gives only same rows for equal contents whatever the key order', () => {
    expect(minutesDiff({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }).every((row) => row.kind === 'same')).toBe(true);
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
