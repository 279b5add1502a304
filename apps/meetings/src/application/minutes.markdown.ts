import type { DecisionOutcome, MinutesContent, VoteChoice, VotingMethod } from '@oa/domain-meetings';
import type { MinutesView } from './meeting.query-handlers';

/** The fixed headings of a 会议记录, in their printed order. */
export const MINUTES_HEADINGS = ['时间', '地点', '主持人', '记录人', '出席', '缺席（原因）', '列席', '回避', '议题', '签字'] as const;

const METHOD_NAMES: Record<VotingMethod, string> = { namedBallot: '记名投票', showOfHands: '举手表决', secretBallot: '无记名投票' };
const OUTCOME_NAMES: Record<DecisionOutcome, string> = { adopted: '通过', rejected: '未通过', deferred: '缓议' };
const CHOICE_NAMES: Record<VoteChoice, string> = { for: '赞成', against: '反对', abstain: '弃权' };
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const OFFSET_MS = 8 * 3_600_000;

/** An instant in China Standard Time, as printed: 2026-11-24 09:00. */
export function printedTime(instant: string): string {
  const millis = Date.parse(instant);
  if (Number.isNaN(millis)) return instant;
  return new Date(millis + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Markdown special characters in recorded text are escaped, so a view cannot forge a heading. */
const text = (value: string): string => value.replace(/([\\`*_[\]#|<>])/g, '\\$1').replace(/\r?\n/g, ' ');

const ordinal = (index: number): string => NUMERALS[index] ?? String(index + 1);

/** The printable layout of the minutes (会议记录), with the fixed headings of MTG-6. */
export function minutesMarkdown(view: MinutesView): string {
  const content: MinutesContent = view.content;
  const nameOf = (id: string): string =>
    [...content.present, ...content.absent].find((member) => member.memberId === id)?.name ??
    content.nonVotingAttendees.find((person) => person.personId === id)?.name ??
    (id === content.chair.personId ? content.chair.name : id);
  const list = (lines: readonly string[]): string[] => (lines.length > 0 ? lines.map((line) => `- ${line}`) : ['无']);
  const status = view.state.status === 'finalized' ? `已定稿（第 ${view.minutesVersion ?? 1} 版）` : '草稿（未定稿）';
  const lines: string[] = [
    `# ${text(view.state.title)}`,
    '',
    `状态：${status}`,
    '',
    '## 时间',
    '',
    `${printedTime(content.startedAt)} 至 ${printedTime(content.endedAt)}`,
    '',
    '## 地点',
    '',
    text(content.place),
    '',
    '## 主持人',
    '',
    text(content.chair.name),
    '',
    '## 记录人',
    '',
    text(content.recorder.name),
    '',
    `## 出席`,
    '',
    `应到 ${content.present.length + content.absent.length} 人，实到 ${content.present.length} 人：${content.present.map((member) => text(member.name)).join('、') || '无'}`,
    ...(content.left && content.left.length > 0 ? ['', `中途离会：${content.left.map((member) => `${text(member.name)}（${text(member.reason)}）`).join('、')}`] : []),
    '',
    '## 缺席（原因）',
    '',
    ...list(content.absent.map((member) => `${text(member.name)}（${text(member.reason)}）`)),
    '',
    '## 列席',
    '',
    ...list(content.nonVotingAttendees.map((person) => `${text(person.name)}${person.unit ? `（${text(person.unit)}）` : ''}`)),
    '',
    '## 回避',
    '',
    ...list(content.items.flatMap((item) => item.recusals.map((recusal) => `${text(nameOf(recusal.memberId))}回避“${text(item.title)}”（${text(recusal.reason)}）`))),
    '',
    '## 议题',
  ];
  content.items.forEach((item, index) => {
    lines.push('', `### ${ordinal(index)}、${text(item.title)}`, '', '#### 发言', '');
    lines.push(...(item.views.length > 0 ? item.views.map((one, order) => `${order + 1}. ${text(nameOf(one.speakerId))}：${text(one.view)}`) : ['无']));
    if (item.writtenOpinions && item.writtenOpinions.length > 0) {
      lines.push('', '书面意见（不计入票数）：', ...item.writtenOpinions.map((one) => `- ${text(nameOf(one.memberId))}：${text(one.opinion)}`));
    }
    lines.push('', '#### 表决方式与结果', '');
    if (item.vote) {
      const { method, counts, ballots } = item.vote;
      lines.push(`${METHOD_NAMES[method]}：赞成 ${counts.for} 票，反对 ${counts.against} 票，弃权 ${counts.abstain} 票`);
      if (ballots && ballots.length > 0) lines.push('', ...ballots.map((ballot) => `- ${text(nameOf(ballot.memberId))}：${CHOICE_NAMES[ballot.choice]}`));
    } else {
      lines.push('未表决');
    }
    lines.push('', '#### 决定', '', `${OUTCOME_NAMES[item.outcome]}：${text(item.decision)}`);
  });
  if (content.items.length === 0) lines.push('', '无');
  const signed = (role: 'recorder' | 'chair') => view.signatures.find((signature) => signature.role === role);
  const recorder = signed('recorder');
  const chair = signed('chair');
  lines.push(
    '',
    '## 签字',
    '',
    `- 记录人：${text(content.recorder.name)}${recorder ? `（${printedTime(recorder.signedAt)} 签字）` : '（未签字）'}`,
    `- 主持人：${text(content.chair.name)}${chair ? `（${printedTime(chair.signedAt)} 签字）` : '（未签字）'}`,
    '',
  );
  return lines.join('\n');
}
