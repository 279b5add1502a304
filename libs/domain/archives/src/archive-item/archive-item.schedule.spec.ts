import { archivesConfig } from '../archives.config';
import { filingDeadlineOf, isFiledLate, isRetentionExpired, retentionEndsYear } from './archive-item.schedule';

describe('Filing deadline: when documents of 2024 are filed', () => {
  it('ARC-3 is on time up to the end of 30 June 2025, office time (UTC+8)', () => {
    expect(filingDeadlineOf(2024)).toBe('2025-06-30');
    expect(isFiledLate(2024, '2025-01-05T02:00:00.000Z')).toBe(false);
    expect(isFiledLate(2024, '2025-06-30T15:59:59.999Z')).toBe(false);
  });

  it('ARC-3 is late from 1 July 2025, office time', () => {
    expect(isFiledLate(2024, '2025-06-30T16:00:00.000Z')).toBe(true);
    expect(isFiledLate(2024, '2026-01-01T00:00:00.000Z')).toBe(true);
  });

  it('ARC-3 takes the deadline the office configures', () => {
    const config = archivesConfig({ filingDeadline: { month: 3, day: 31 } });
    expect(filingDeadlineOf(2024, config)).toBe('2025-03-31');
    expect(isFiledLate(2024, '2025-04-01T02:00:00.000Z', config)).toBe(true);
    expect(isFiledLate(2024, '2025-03-31T02:00:00.000Z', config)).toBe(false);
    expect(() => archivesConfig({ filingDeadline: { month: 2, day: 30 } })).toThrow(TypeError);
  });
});

describe('Retention: when an item of 2024 is kept', () => {
  it('ARC-6 D10 runs to the end of 2034 and D30 to the end of 2054; Y never runs out', () => {
    expect(retentionEndsYear(2024, 'D10')).toBe(2034);
    expect(retentionEndsYear(2024, 'D30')).toBe(2054);
    expect(retentionEndsYear(2024, 'Y')).toBeUndefined();
    expect(isRetentionExpired(2034, '2034-12-31T15:59:59.000Z')).toBe(false);
    expect(isRetentionExpired(2034, '2034-12-31T16:00:00.000Z')).toBe(true);
    expect(isRetentionExpired(undefined, '2999-01-01T00:00:00.000Z')).toBe(false);
  });
});
