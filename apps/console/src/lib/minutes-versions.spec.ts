import { minutesTexts } from './minutes-versions';

const at = (minute: number) => `2026-11-24T08:${String(minute).padStart(2, '0')}:00.000Z`;

describe('minutes texts from the minutes stream', () => {
  it('lists the draft, its revision, version 1 and an approved amendment based on it, and a rejected one', () => {
    const texts = minutesTexts([
      { type: 'MinutesDrafted', data: { content: { decision: 'A' } }, recordedAt: at(1), actorName: '刘记录' },
      { type: 'MinutesDraftRevised', data: { content: { decision: 'B' } }, recordedAt: at(2), actorName: '刘记录' },
      { type: 'MinutesSigned', data: { role: 'recorder' }, recordedAt: at(3), actorName: '刘记录' },
      { type: 'MinutesFinalized', data: { version: 1 }, recordedAt: at(4), actorName: '王书记' },
      { type: 'MinutesAmendmentProposed', data: { amendmentId: 'm1', baseVersion: 1, reason: '漏记分期', content: { decision: 'C' } }, recordedAt: at(5), actorName: '刘记录' },
      { type: 'MinutesAmended', data: { amendmentId: 'm1', version: 2 }, recordedAt: at(6), actorName: '王书记' },
      { type: 'MinutesAmendmentProposed', data: { amendmentId: 'm2', baseVersion: 2, reason: '笔误', content: { decision: 'D' } }, recordedAt: at(7), actorName: '刘记录' },
      { type: 'MinutesAmendmentRejected', data: { amendmentId: 'm2' }, recordedAt: at(8), actorName: '王书记' },
    ]);
    expect(texts.map(({ key, label, content, baseKey }) => ({ key, label, content, baseKey }))).toEqual([
      { key: 'draft-0', label: '草稿', content: { decision: 'A' }, baseKey: undefined },
      { key: 'draft-1', label: '草稿修改 1', content: { decision: 'B' }, baseKey: undefined },
      { key: 'v1', label: '第 1 版（定稿）', content: { decision: 'B' }, baseKey: undefined },
      { key: 'v2', label: '第 2 版（更正：漏记分期，王书记 批准）', content: { decision: 'C' }, baseKey: 'v1' },
      { key: 'amendment-m2', label: '更正（被驳回）：笔误', content: { decision: 'D' }, baseKey: 'v2' },
    ]);
  });
});
