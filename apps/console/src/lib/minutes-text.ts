import type { MinutesContent, MinutesItem } from '@oa/domain-meetings';

/**
 * The minutes as the auditor reads them, one fact per line in the order of MTG-6 (时间、地点、
 * 主持人、出席、缺席、列席、each item with its speeches, vote and decision), so that the difference
 * between two versions names the fact that changed. Any field this rendering does not know is
 * shown as JSON at the end: a change can never be hidden by the rendering.
 */
const METHODS: Record<string, string> = { namedBallot: '记名投票', showOfHands: '举手表决', secretBallot: '无记名投票' };
const OUTCOMES: Record<string, string> = { adopted: '通过', rejected: '未通过', deferred: '暂缓' };
const CHOICES: Record<string, string> = { for: '赞成', against: '反对', abstain: '弃权' };
const NUMERALS = '一二三四五六七八九十';
const ordinal = (n: number) => (n <= 10 ? NUMERALS[n - 1]! : String(n));

const CONTENT_FIELDS = ['startedAt', 'endedAt', 'place', 'chair', 'recorder', 'present', 'absent', 'left', 'nonVotingAttendees', 'items'];
const ITEM_FIELDS = ['itemId', 'title', 'majorMatter', 'cadreAppointment', 'recusals', 'views', 'writtenOpinions', 'vote', 'outcome', 'decision', 'leftBefore'];

const others = (value: object, known: readonly string[], indent: string): string[] =>
  Object.entries(value)
    .filter(([key]) => !known.includes(key))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, field]) => `${indent}其他 ${key}：${JSON.stringify(field)}`);

function itemLines(item: MinutesItem, index: number, nameOf: (id: string) => string): string[] {
  const vote = item.vote;
  return [
    `议题${ordinal(index + 1)}：${item.title}（${item.itemId}）`,
    ...(item.majorMatter ? [`  重大事项类别：${item.majorMatter}`] : []),
    ...(item.cadreAppointment ? ['  干部任免事项'] : []),
    ...item.recusals.map((member) => `  回避：${nameOf(member.memberId)}（${member.reason}）`),
    ...(item.leftBefore ?? []).map((id) => `  表决前已离会：${nameOf(id)}`),
    ...item.views.map((view, i) => `  发言${i + 1}：${nameOf(view.speakerId)}：${view.view}`),
    ...(item.writtenOpinions ?? []).map((opinion) => `  书面意见：${nameOf(opinion.memberId)}：${opinion.opinion}`),
    ...(vote ? [`  表决方式：${METHODS[vote.method] ?? vote.method}`, `  表决结果：赞成 ${vote.counts.for} 票，反对 ${vote.counts.against} 票，弃权 ${vote.counts.abstain} 票`] : ['  未表决']),
    ...(vote?.ballots ?? []).map((ballot) => `  投票：${nameOf(ballot.memberId)} ${CHOICES[ballot.choice] ?? ballot.choice}`),
    `  结果：${OUTCOMES[item.outcome] ?? item.outcome}`,
    `  决定：${item.decision}`,
    ...others(item, ITEM_FIELDS, '  '),
  ];
}

export function minutesText(content: unknown): string[] {
  const minutes = content as MinutesContent | null;
  if (!minutes || typeof minutes !== 'object' || !Array.isArray(minutes.items)) return JSON.stringify(content, null, 2).split('\n');
  const names = new Map<string, string>([...minutes.present, ...minutes.absent].map((member) => [member.memberId, member.name] as const));
  names.set(minutes.chair.personId, minutes.chair.name);
  const nameOf = (id: string) => names.get(id) ?? id;
  return [
    `时间：${minutes.startedAt} 至 ${minutes.endedAt}`,
    `地点：${minutes.place}`,
    `主持人：${minutes.chair.name}（${minutes.chair.personId}）`,
    `记录人：${minutes.recorder.name}（${minutes.recorder.personId}）`,
    `出席：${minutes.present.map((member) => member.name).join('、') || '（无）'}`,
    `缺席：${minutes.absent.map((member) => `${member.name}（${member.reason}）`).join('、') || '（无）'}`,
    ...(minutes.left ?? []).map((member) => `中途离会：${member.name}（${member.reason}）`),
    `列席：${minutes.nonVotingAttendees.map((person) => (person.unit ? `${person.name}（${person.unit}）` : person.name)).join('、') || '（无）'}`,
    ...minutes.items.flatMap((item, index) => itemLines(item, index, nameOf)),
    ...others(minutes, CONTENT_FIELDS, ''),
  ];
}
