/**
 * Every text the minutes had, read from the minutes stream's events: the draft and each of
 * its revisions, the finalized version 1, and each amendment (approved as the next version,
 * rejected, or still proposed) with its reason. An amendment is shown against the version it
 * was based on.
 */
export interface MinutesEventView {
  readonly type: string;
  readonly data: Record<string, unknown> | null;
  readonly recordedAt: string;
  readonly actorName: string;
}

export interface MinutesText {
  readonly key: string;
  readonly label: string;
  readonly content: unknown;
  readonly at: string;
  readonly by: string;
  /** For an amendment: the key of the text it changes. */
  readonly baseKey?: string;
}

export function minutesTexts(events: readonly MinutesEventView[]): MinutesText[] {
  const texts: MinutesText[] = [];
  const amendments = new Map<string, number>();
  let current: MinutesText | undefined;
  let revisions = 0;
  const officialKeys = new Map<number, string>();
  for (const event of events) {
    const data = event.data ?? {};
    switch (event.type) {
      case 'MinutesDrafted':
      case 'MinutesDraftRevised': {
        const label = event.type === 'MinutesDrafted' ? '草稿' : `草稿修改 ${++revisions}`;
        current = { key: `draft-${revisions}`, label, content: data['content'], at: event.recordedAt, by: event.actorName };
        texts.push(current);
        break;
      }
      case 'MinutesFinalized':
        if (current) {
          const finalized = { ...current, key: 'v1', label: '第 1 版（定稿）', at: event.recordedAt, by: event.actorName };
          texts.push(finalized);
          officialKeys.set(1, 'v1');
        }
        break;
      case 'MinutesAmendmentProposed': {
        const amendmentId = String(data['amendmentId']);
        amendments.set(amendmentId, texts.length);
        const baseKey = officialKeys.get(Number(data['baseVersion']));
        texts.push({ key: `amendment-${amendmentId}`, label: `更正（待批）：${String(data['reason'])}`, content: data['content'], at: event.recordedAt, by: event.actorName, ...(baseKey && { baseKey }) });
        break;
      }
      case 'MinutesAmended':
      case 'MinutesAmendmentRejected': {
        const at = amendments.get(String(data['amendmentId']));
        if (at === undefined) break;
        const proposal = texts[at]!;
        const approved = event.type === 'MinutesAmended';
        const version = Number(data['version']);
        const reason = proposal.label.replace(/^更正（待批）：/, '');
        texts[at] = approved
          ? { ...proposal, key: `v${version}`, label: `第 ${version} 版（更正：${reason}，${event.actorName} 批准）` }
          : { ...proposal, label: `更正（被驳回）：${reason}` };
        if (approved) officialKeys.set(version, `v${version}`);
        break;
      }
    }
  }
  return texts;
}
