import type { AuditEntry } from './api';
import { attemptsOn, directoryChangeOf, summaryOf } from './labels';

describe('the console says every value in Chinese', () => {
  it('names a vote’s outcome in Chinese in an entry’s summary, not as its code', () => {
    const entry = { type: 'DecisionRecorded', data: { text: '同意《关于年终工作的安排》', outcome: 'adopted' } } as unknown as AuditEntry;
    expect(summaryOf(entry)).toBe('结果：通过；内容：同意《关于年终工作的安排》');
  });

  it('SEAL-6 says a refusal by its rule code and the rule’s Chinese title, then why', () => {
    const refusal = { type: 'CommandRefused', data: { method: 'POST', path: '/api/v1/seal-applications/a-1/usages', code: 'SEAL-6', kind: 'forbidden', detail: '用印须由该印章的现任保管人（或其在代理期内的代理人）登记' } } as unknown as AuditEntry;
    expect(summaryOf(refusal, { 'SEAL-6': '用印由现任保管人登记并有监印人，用印次数不得超过批准次数' })).toBe(
      'SEAL-6「用印由现任保管人登记并有监印人，用印次数不得超过批准次数」：用印须由该印章的现任保管人（或其在代理期内的代理人）登记',
    );
  });

  it('finds the attempts on an item by the ids in their request path or the item a probe asked for', () => {
    const attempt = (type: string, data: Record<string, unknown>) => ({ type, data }) as unknown as AuditEntry;
    const onApplication = attempt('CommandRefused', { path: '/api/v1/seal-applications/a-1/usages', code: 'SEAL-6' });
    const probe = attempt('HiddenItemProbed', { path: '/api/v1/outgoing-documents/d-9', itemId: 'd-9' });
    const elsewhere = attempt('AccessDenied', { path: '/api/v1/seal-applications/a-10/approve', reason: 'SEAL-4' });
    const usage = attempt('SealUsageRecorded', { applicationId: 'a-1' });
    expect(attemptsOn([onApplication, probe, elsewhere, usage], new Set(['a-1', 'd-9']))).toEqual([onApplication, probe]);
  });

  it('names a granted role in Chinese beside its code', () => {
    const grant = { type: 'RoleGranted', data: { role: 'sealKeeper' } } as unknown as AuditEntry;
    expect(directoryChangeOf(grant, { sealKeeper: '印章保管员' })).toBe('印章保管员 (sealKeeper)');
  });
});
