import { chairSpokeBeforeOthersOnMajorMatter } from './meetings.detectors';
import { MEETINGS_RULES, hasCadreQuorum, hasQuorum, passesMajority, votesNeededToPass } from './meetings.rules';

describe('Meetings rules', () => {
  it('has a Chinese title for each of MTG-1 … MTG-10 and the file rule the minutes answer to (FILE-2)', () => {
    expect(Object.keys(MEETINGS_RULES)).toEqual(['MTG-1', 'MTG-2', 'MTG-3', 'MTG-4', 'MTG-5', 'MTG-6', 'MTG-7', 'MTG-8', 'MTG-9', 'MTG-10', 'FILE-2']);
    for (const title of Object.values(MEETINGS_RULES)) expect(title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('MTG-3 reads 半数以上 as including exactly half, or strictly when configured', () => {
    expect([hasQuorum(4, 8), hasQuorum(3, 8), hasQuorum(4, 7), hasQuorum(3, 7)]).toEqual([true, false, true, false]);
    expect([hasQuorum(4, 8, 'strict'), hasQuorum(5, 8, 'strict')]).toEqual([false, true]);
    expect(hasQuorum(0, 0)).toBe(false);
  });

  it('MTG-3 reads 三分之二以上 as including exactly two thirds, or strictly when configured', () => {
    expect([hasCadreQuorum(6, 9), hasCadreQuorum(5, 9), hasCadreQuorum(5, 7), hasCadreQuorum(4, 7)]).toEqual([true, false, true, false]);
    expect([hasCadreQuorum(6, 9, 'strict'), hasCadreQuorum(7, 9, 'strict')]).toEqual([false, true]);
  });

  it('MTG-5 passes only with more than half of the expected members in favour', () => {
    expect([passesMajority(4, 7), passesMajority(3, 7), passesMajority(4, 8), passesMajority(5, 8)]).toEqual([true, false, false, true]);
    expect([votesNeededToPass(7), votesNeededToPass(8), votesNeededToPass(9)]).toEqual([4, 5, 5]);
  });
});

describe('MTG-9 detector', () => {
  const members = ['m1', 'm2', 'm3'];

  it('MTG-9 finds the chair speaking before another member on a major matter', () => {
    expect(chairSpokeBeforeOthersOnMajorMatter({ chairId: 'm1', majorMatter: 'largeFundUse', speakerIds: ['m2', 'm1', 'm3'], memberIds: members })).toBe(true);
  });

  it('MTG-9 finds nothing when the chair speaks last, even more than once', () => {
    expect(chairSpokeBeforeOthersOnMajorMatter({ chairId: 'm1', majorMatter: 'largeFundUse', speakerIds: ['m2', 'm3', 'm1', 'm1'], memberIds: members })).toBe(false);
  });

  it('MTG-9 ignores non-voting attendees speaking after the chair', () => {
    expect(chairSpokeBeforeOthersOnMajorMatter({ chairId: 'm1', majorMatter: 'majorDecision', speakerIds: ['m2', 'm3', 'm1', 'p7'], memberIds: members })).toBe(false);
  });

  it('MTG-9 applies to major matters only', () => {
    expect(chairSpokeBeforeOthersOnMajorMatter({ chairId: 'm1', speakerIds: ['m1', 'm2', 'm3'] })).toBe(false);
  });

  it('MTG-9 finds nothing when the chair did not speak', () => {
    expect(chairSpokeBeforeOthersOnMajorMatter({ chairId: 'm1', majorMatter: 'majorProject', speakerIds: ['m2', 'm3'] })).toBe(false);
  });
});
