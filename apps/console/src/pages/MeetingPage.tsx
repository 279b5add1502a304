import { useMemo, useState } from 'react';
import { getAudit, query, type AuditEntry } from '../api';
import { EntryTable } from '../components/EntryTable';
import { NotFound } from '../components/NotFound';
import { useVerification, VerificationPanel } from '../components/Verification';
import { attemptsOn, eventLabel, formatTime, OUTCOME_LABELS } from '../labels';
import { aroundChanges, minutesDiff } from '../lib/minutes-diff';
import { minutesTexts, type MinutesText } from '../lib/minutes-versions';
import { Link } from '../router';
import { useLoad } from '../useAudit';

interface MeetingTrail {
  readonly meeting: AuditEntry[];
  readonly minutes: AuditEntry[];
  readonly tasks: AuditEntry[];
  readonly attempts: AuditEntry[];
}


/** 会议: agenda, attendance and quorum per item, votes, minutes with every version, supervision. */
export function MeetingPage({ meetingId }: { meetingId: string }) {
  const loaded = useLoad<MeetingTrail>(meetingId, async (signal) => {
    const history = (streamId: string, streamType: string) => getAudit<AuditEntry[]>(`/streams/${encodeURIComponent(streamId)}/history${query({ streamType })}`, signal);
    // the meetings service keeps a meeting's minutes in the stream `minutes-<meetingId>` (apps/meetings meeting-streams.ts)
    const [meeting, minutes, meetings, assigned] = await Promise.all([
      history(meetingId, 'meeting'),
      history(`minutes-${meetingId}`, 'minutes'),
      getAudit<AuditEntry[]>(`/entries${query({ service: 'meetings', limit: 10000 })}`, signal),
      // the tasks of its decisions in the affairs service (ADR 0018)
      getAudit<AuditEntry[]>(`/entries${query({ service: 'affairs', type: 'SupervisionTaskAssigned', limit: 10000 })}`, signal),
    ]);
    const taskIds = new Set(meetings.filter((entry) => entry.type === 'SupervisionTaskCreated' && entry.data?.['meetingId'] === meetingId).map((entry) => entry.streamId));
    const affairsTaskIds = assigned.filter((entry) => (entry.data?.['source'] as { meetingId?: string } | undefined)?.meetingId === meetingId).map((entry) => entry.streamId);
    const affairsTasks = (await Promise.all(affairsTaskIds.map((taskId) => history(taskId, 'supervision')))).flat();
    // refused and denied attempts on the meeting, its minutes or its tasks (MTG-*), with their rule codes
    const attempts = attemptsOn(meetings, new Set([meetingId, `minutes-${meetingId}`, ...taskIds]));
    return { meeting, minutes, tasks: [...meetings.filter((entry) => entry.streamType === 'supervisionTask' && taskIds.has(entry.streamId)), ...affairsTasks], attempts };
  });
  const trail = loaded.state === 'loaded' ? loaded.value : { meeting: [], minutes: [], tasks: [], attempts: [] };
  const all = useMemo(() => [...trail.meeting, ...trail.minutes, ...trail.tasks, ...trail.attempts].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)), [trail]);
  const verification = useVerification(useMemo(() => all.map((entry) => entry.eventId), [all]));
  const scheduled = trail.meeting.find((entry) => entry.type === 'MeetingScheduled')?.data;

  return (
    <article>
      <h1>会议：{scheduled ? String(scheduled['title']) : meetingId}</h1>
      {loaded.state === 'loading' && <p role="status">正在读取…</p>}
      {loaded.state === 'failed' && <p role="alert">读取失败：{loaded.reason}</p>}
      {loaded.state === 'loaded' && trail.meeting.length === 0 && <NotFound what="会议" id={meetingId} />}
      {scheduled && (
        <dl className="facts">
          <dt>时间</dt>
          <dd>
            {formatTime(String(scheduled['startsAt']))} 至 {formatTime(String(scheduled['endsAt']))}
          </dd>
          <dt>地点</dt>
          <dd>{String(scheduled['place'] ?? '')}</dd>
        </dl>
      )}
      <VerificationPanel subject={`meeting-${meetingId}`} entries={all} verification={verification} />
      <Agenda meeting={trail.meeting} />
      <Minutes minutes={trail.minutes} />
      <Supervision tasks={trail.tasks} />
      <section aria-labelledby="meeting-trail-heading">
        <h2 id="meeting-trail-heading">全部记录</h2>
        <EntryTable caption="会议、会议记录与督办的全部事件，以及被拒绝的操作" entries={all} verdicts={verification.outcome.state === 'finished' ? verification.outcome.verdicts : undefined} />
      </section>
    </article>
  );
}

/** Each item with the attendance that stood when it was voted on, the vote and the decision. */
function Agenda({ meeting }: { meeting: readonly AuditEntry[] }) {
  const items = meeting.filter((entry) => entry.type === 'AgendaItemSubmitted');
  let presence: { present: number; expected: number } | undefined;
  const presenceAtVote = new Map<string, { present: number; expected: number }>();
  for (const entry of meeting) {
    const data = entry.data ?? {};
    if (entry.type === 'AttendanceRecorded' || entry.type === 'MemberLeftMeeting') presence = { present: Number(data['presentCount']), expected: Number(data['expectedCount']) };
    if (entry.type === 'VoteRecorded' && presence) presenceAtVote.set(String(data['itemId']), presence);
  }
  const last = (itemId: string, type: string) => [...meeting].reverse().find((entry) => entry.type === type && entry.data?.['itemId'] === itemId)?.data;
  return (
    <section aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">议题、出席与表决</h2>
      {presence && (
        <p>
          出席 {presence.present} 人，应到 {presence.expected} 人
        </p>
      )}
      <table className="entries">
        <caption>议题 {items.length} 项</caption>
        <thead>
          <tr>
            <th scope="col">议题</th>
            <th scope="col">出席 / 应到（法定人数）</th>
            <th scope="col">表决</th>
            <th scope="col">决定</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const itemId = String(item.data?.['itemId']);
            const atVote = presenceAtVote.get(itemId);
            const vote = last(itemId, 'VoteRecorded');
            const counts = (vote?.['counts'] ?? {}) as Record<string, number>;
            const decision = last(itemId, 'DecisionRecorded');
            return (
              <tr key={itemId}>
                <td>{String(item.data?.['title'])}</td>
                <td>{atVote ? `${atVote.present} / ${atVote.expected}（${atVote.present * 2 > atVote.expected ? '达到' : '未达到'}过半数）` : '（未表决）'}</td>
                <td>{vote ? `赞成 ${counts['for'] ?? 0}，反对 ${counts['against'] ?? 0}，弃权 ${counts['abstain'] ?? 0}：${vote['passed'] ? '通过' : '未通过'}` : '—'}</td>
                <td>{decision ? `${OUTCOME_LABELS[String(decision['outcome'])] ?? String(decision['outcome'])}：${String(decision['text'])}` : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Every text of the minutes; any two side by side, by default the latest change against its base. */
function Minutes({ minutes }: { minutes: readonly AuditEntry[] }) {
  const texts = useMemo(() => minutesTexts(minutes.map((entry) => ({ type: entry.type, data: entry.data, recordedAt: entry.recordedAt, actorName: entry.actor.name }))), [minutes]);
  const latest = texts.at(-1);
  const [choice, setChoice] = useState<{ left?: string; right?: string }>({});
  const [everyLine, setEveryLine] = useState(false);
  if (!latest) {
    return (
      <section aria-labelledby="minutes-heading">
        <h2 id="minutes-heading">会议记录</h2>
        <p className="empty">（尚无会议记录）</p>
      </section>
    );
  }
  const byKey = (key: string | undefined): MinutesText | undefined => texts.find((text) => text.key === key);
  const right = byKey(choice.right) ?? latest;
  const left = byKey(choice.left) ?? byKey(right.baseKey) ?? texts.at(-2) ?? latest;
  const select = (side: 'left' | 'right', value: MinutesText) => (
    <select id={`minutes-${side}`} value={value.key} onChange={(event) => setChoice({ ...choice, [side]: event.target.value })}>
      {texts.map((text) => (
        <option key={text.key} value={text.key}>
          {text.label}（{formatTime(text.at)}，{text.by}）
        </option>
      ))}
    </select>
  );
  const rows = minutesDiff(left.content, right.content);
  const shown = everyLine ? rows : aroundChanges(rows);
  return (
    <section aria-labelledby="minutes-heading">
      <h2 id="minutes-heading">会议记录的各版本与更正</h2>
      <ol>
        {texts.map((text) => (
          <li key={text.key}>
            {text.label} — {formatTime(text.at)}，{text.by}
          </li>
        ))}
      </ol>
      <div className="toolbar">
        <label htmlFor="minutes-left">左</label>
        {select('left', left)}
        <label htmlFor="minutes-right">右</label>
        {select('right', right)}
        <label>
          <input type="checkbox" checked={everyLine} onChange={(event) => setEveryLine(event.target.checked)} /> 显示全部内容
        </label>
      </div>
      <table className="diff" data-testid="minutes-diff">
        <caption>
          {left.label} 与 {right.label} 的差异（{rows.filter((row) => row.kind !== 'same').length} 处）
        </caption>
        <thead>
          <tr>
            <th scope="col" className="number">
              行
            </th>
            <th scope="col">{left.label}</th>
            <th scope="col" className="number">
              行
            </th>
            <th scope="col">{right.label}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row, i) =>
            row.kind === 'skipped' ? (
              <tr key={i} className="skipped">
                <td colSpan={4}>⋯ {row.count} 行相同，未显示 ⋯</td>
              </tr>
            ) : (
              <tr key={i} className={row.kind}>
                <td className="number">{row.kind === 'added' ? '' : row.left.number}</td>
                <td className="left">{row.kind === 'added' ? '' : row.left.text}</td>
                <td className="number">{row.kind === 'removed' ? '' : row.right.number}</td>
                <td className="right">{row.kind === 'removed' ? '' : row.right.text}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </section>
  );
}

function Supervision({ tasks }: { tasks: readonly AuditEntry[] }) {
  const byTask = new Map<string, AuditEntry[]>();
  for (const entry of tasks) byTask.set(entry.streamId, [...(byTask.get(entry.streamId) ?? []), entry]);
  return (
    <section aria-labelledby="supervision-heading">
      <h2 id="supervision-heading">督办任务</h2>
      {byTask.size === 0 ? (
        <p className="empty">（无督办任务）</p>
      ) : (
        <table className="entries">
          <caption>督办任务 {byTask.size} 项</caption>
          <thead>
            <tr>
              <th scope="col">事项</th>
              <th scope="col">责任单位</th>
              <th scope="col">期限</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {[...byTask].map(([taskId, entries]) => {
              // created here before ADR 0018, or assigned in the affairs service (with its own page)
              const created = entries.find((entry) => entry.type === 'SupervisionTaskCreated')?.data;
              const assigned = entries.find((entry) => entry.type === 'SupervisionTaskAssigned')?.data;
              const terms = created ?? assigned ?? {};
              return (
                <tr key={taskId}>
                  <td>{assigned ? <Link to={`/supervision/${encodeURIComponent(taskId)}`}>{String(assigned['requirement'])}</Link> : String(terms['description'])}</td>
                  <td>{String(terms['ownerUnit'])}</td>
                  <td>{String(terms['deadline'])}</td>
                  <td>{eventLabel(entries.at(-1)!.type)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
