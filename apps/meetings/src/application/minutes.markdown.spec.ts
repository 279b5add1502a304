import type { MinutesContent } from '@oa/domain-meetings';
import type { MinutesView } from './meeting.query-handlers';
import { minutesMarkdown, printedTime } from './minutes.markdown';

const content: MinutesContent = {
  startedAt: '2026-11-24T01:00:00.000Z',
  endedAt: '2026-11-24T03:00:00.000Z',
  place: '三楼会议室',
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
      title: '关于资金安排的议题',
      recusals: [{ memberId: 'u-m2', reason: '利害关系' }],
      views: [{ speakerId: 'u-m1', view: '# 同意' }],
      vote: { method: 'showOfHands', counts: { for: 1, against: 0, abstain: 0 }, ballots: [{ memberId: 'u-m1', choice: 'for' }] },
      outcome: 'rejected',
      decision: '未通过',
    },
  ],
};

const view = (status: 'drafted' | 'finalized'): MinutesView =>
  ({
    meetingId: 'm-1',
    version: 4,
    state: { status, title: '第12次党委会会议记录' },
    content,
    ...(status === 'finalized' && { minutesVersion: 1 }),
    signatures: status === 'finalized' ? [{ role: 'recorder', signedBy: 'u-recorder', signedAt: '2026-11-24T04:00:00.000Z' }, { role: 'chair', signedBy: 'u-m1', signedAt: '2026-11-24T05:00:00.000Z' }] : [],
  }) as unknown as MinutesView;

describe('MTG-6 minutes as Markdown', () => {
  it('prints the fixed headings of 会议记录 in order, in China Standard Time', () => {
    const markdown = minutesMarkdown(view('finalized'));
    const headings = markdown.split('\n').filter((line) => /^#{2} /.test(line));
    expect(headings).toEqual(['## 时间', '## 地点', '## 主持人', '## 记录人', '## 出席', '## 缺席（原因）', '## 列席', '## 回避', '## 议题', '## 签字']);
    expect(markdown).toContain('2026-11-24 09:00 至 2026-11-24 11:00');
    expect(markdown).toContain('应到 3 人，实到 2 人：王书记、李委员');
    expect(markdown).toContain('- 张委员（公出）');
    expect(markdown).toContain('- 陈列席（财务处）');
    expect(markdown).toContain('- 李委员回避“关于资金安排的议题”（利害关系）');
    expect(markdown).toContain('### 一、关于资金安排的议题');
    expect(markdown).toContain('举手表决：赞成 1 票，反对 0 票，弃权 0 票');
    expect(markdown).toContain('未通过：未通过');
    expect(markdown).toContain('- 记录人：刘记录（2026-11-24 12:00 签字）');
    expect(markdown).toContain('- 主持人：王书记（2026-11-24 13:00 签字）');
  });

  it('escapes recorded text so a view cannot forge a heading, and marks a draft unsigned', () => {
    const markdown = minutesMarkdown(view('drafted'));
    expect(markdown).toContain('1. 王书记：\\# 同意');
    expect(markdown).toContain('状态：草稿（未定稿）');
    expect(markdown).toContain('- 主持人：王书记（未签字）');
  });

  it('prints an unparsable instant as given', () => {
    expect(printedTime('later')).toBe('later');
  });
});
