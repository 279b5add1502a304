import { DeciderSpecification } from '@oa/core';
import { HASH_A, actors, commandOf } from '../affairs.fixtures';
import { createInformationSubmissionDecider, periodOf, unitsBelowQuota, type InformationSubmissionCommand } from './information-submission';

const command = commandOf<InformationSubmissionCommand>();
const submit = (now: string, data: Partial<InformationSubmissionCommand['data']> = {}) =>
  command('SubmitInformation', { submissionId: 'info-88', unitId: 'unit-township-a', title: '某镇冬季安全生产检查情况', contentHash: HASH_A, periodKind: 'month', ...data }, { actor: actors.handler, now });

describe('信息报送 (information submission)', () => {
  it('INFO-2 counts a submission in the Beijing month (or quarter) it was made: 00:30 on 1 January Beijing is January', () => {
    const spec = DeciderSpecification.for(createInformationSubmissionDecider());
    spec
      .given([])
      .when(submit('2026-12-31T16:30:00.000Z'))
      .then([
        {
          type: 'InformationSubmitted',
          schemaVersion: 1,
          data: { submissionId: 'info-88', unitId: 'unit-township-a', title: '某镇冬季安全生产检查情况', contentHash: HASH_A, period: '2027-01', submittedBy: { id: 'huang.xiaodong', name: '黄晓东' }, submittedAt: '2026-12-31T16:30:00.000Z' },
        },
      ]);
    expect(periodOf('2026-11-30', 'quarter')).toBe('2026-Q4');
  });

  it('INFO-2 counts in quarters where the office is configured for them, the kind recorded with each submission', () => {
    const spec = DeciderSpecification.for(createInformationSubmissionDecider());
    const submitted = (now: string, period: string) => ({
      type: 'InformationSubmitted' as const,
      schemaVersion: 1 as const,
      data: { submissionId: 'info-88', unitId: 'unit-township-a', title: '某镇冬季安全生产检查情况', contentHash: HASH_A, period, submittedBy: { id: 'huang.xiaodong', name: '黄晓东' }, submittedAt: now },
    });
    // 00:30 on 1 January Beijing is the first quarter; 23:59 on 30 September the third
    spec.given([]).when(submit('2026-12-31T16:30:00.000Z', { periodKind: 'quarter' })).then([submitted('2026-12-31T16:30:00.000Z', '2027-Q1')]);
    spec.given([]).when(submit('2026-09-30T15:59:00.000Z', { periodKind: 'quarter' })).then([submitted('2026-09-30T15:59:00.000Z', '2026-Q3')]);
  });

  it('INFO-2 refuses a submission without its unit, its title or its text', () => {
    const spec = DeciderSpecification.for(createInformationSubmissionDecider());
    spec.given([]).when(submit('2026-12-05T02:00:00.000Z', { unitId: '' })).thenThrows('INFO-2');
    spec.given([]).when(submit('2026-12-05T02:00:00.000Z', { contentHash: 'abc' })).thenThrows('INFO-2');
  });

  it('INFO-2 lists the units below their quota in a period, with what they submitted and owe', () => {
    const quotas = [
      { unitId: 'unit-township-a', perPeriod: 2 },
      { unitId: 'unit-township-b', perPeriod: 1 },
      { unitId: 'unit-bureau-c', perPeriod: 1 },
    ];
    const submissions = [
      { unitId: 'unit-township-a', period: '2026-12' },
      { unitId: 'unit-township-b', period: '2026-12' },
      { unitId: 'unit-bureau-c', period: '2026-11' },
    ];
    expect(unitsBelowQuota(quotas, submissions, '2026-12', 'month')).toEqual([
      { unitId: 'unit-township-a', quota: 2, submitted: 1 },
      { unitId: 'unit-bureau-c', quota: 1, submitted: 0 },
    ]);
  });

  it('INFO-2 refuses a period of the other kind than the office counts in', () => {
    expect(() => unitsBelowQuota([], [], '2026-12', 'quarter')).toThrow(expect.objectContaining({ code: 'INFO-2' }));
    expect(() => unitsBelowQuota([], [], '2026-Q4', 'month')).toThrow(expect.objectContaining({ code: 'INFO-2' }));
    expect(unitsBelowQuota([], [], '2026-Q4', 'quarter')).toEqual([]);
  });
});
