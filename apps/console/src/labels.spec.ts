import type { AuditEntry } from './api';
import { summaryOf } from './labels';

describe('the console says every value in Chinese', () => {
  it('names a vote’s outcome in Chinese in an entry’s summary, not as its code', () => {
    const entry = { type: 'DecisionRecorded', data: { text: '同意《关于年终工作的安排》', outcome: 'adopted' } } as unknown as AuditEntry;
    expect(summaryOf(entry)).toBe('结果：通过；内容：同意《关于年终工作的安排》');
  });
});
