import { useMemo, useState } from 'react';
import { ApiError, getAudit, query, type AuditEntry } from '../api';
import { EntryTable } from '../components/EntryTable';
import { useVerification, VerificationPanel } from '../components/Verification';
import { directoryChangeOf, eventLabel, formatTime } from '../labels';
import { dayStart, nextDayStart } from '../period';
import { DateField } from '../components/DateField';
import { useLoad, useVocabulary } from '../useAudit';

/** The person's directory record (DIR-1..6) as the audit trail holds it; none when the person is not on file (or no directory is in use). */
async function directoryRecordOf(personId: string, signal: AbortSignal): Promise<AuditEntry[]> {
  try {
    return await getAudit<AuditEntry[]>(`/streams/${encodeURIComponent(personId)}/history${query({ streamType: 'person' })}`, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return [];
    throw error;
  }
}

/** 岗位、角色与涉密等级: every change of the person's posts, roles, clearance and delegations, when it took effect, who made it and why. */
function DirectoryRecord({ personId }: { personId: string }) {
  const loaded = useLoad(personId, (signal) => directoryRecordOf(personId, signal));
  const { roles } = useVocabulary();
  if (loaded.state === 'loading') return <p role="status">正在读取目录记录…</p>;
  if (loaded.state === 'failed') return <p role="alert">目录记录读取失败：{loaded.reason}</p>;
  if (loaded.value.length === 0) return <p>组织与人员目录中没有此人员的记录（操作所依据的是令牌声明）。</p>;
  return (
    <table>
      <caption>{personId} 的岗位、角色与涉密等级变化（组织与人员目录）</caption>
      <thead>
        <tr>
          <th scope="col">生效时间</th>
          <th scope="col">变更</th>
          <th scope="col">内容</th>
          <th scope="col">办理人</th>
          <th scope="col">理由或依据</th>
        </tr>
      </thead>
      <tbody>
        {loaded.value.map((entry) => {
          const data = entry.data ?? {};
          const by = data['by'] as { name?: string } | undefined;
          return (
            <tr key={entry.eventId} data-directory-event={entry.type}>
              <td>{formatTime(String(data['at'] ?? entry.recordedAt))}</td>
              <td>{eventLabel(entry.type)}</td>
              <td>{directoryChangeOf(entry, roles)}</td>
              <td>{by?.name ?? entry.actor.name}</td>
              <td>{String(data['reason'] ?? data['basis'] ?? '')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** 人员: everything one actor did in a period. */
export function PersonPage({ actorId }: { actorId: string }) {
  const [period, setPeriod] = useState({ from: '', to: '' });
  const bounds = query({ from: dayStart(period.from), to: nextDayStart(period.to), limit: 10000 });
  const loaded = useLoad(`${actorId}${bounds}`, (signal) => getAudit<AuditEntry[]>(`/actors/${encodeURIComponent(actorId)}/entries${bounds}`, signal));
  const entries = loaded.state === 'loaded' ? loaded.value : [];
  const verification = useVerification(useMemo(() => entries.map((entry) => entry.eventId), [entries]));
  return (
    <article>
      <h1>人员：{entries[0]?.actor.name ?? actorId}</h1>
      <div className="toolbar">
        <DateField id="person-from" label="自" value={period.from} onChange={(from) => setPeriod({ ...period, from })} />
        <DateField id="person-to" label="至" value={period.to} onChange={(to) => setPeriod({ ...period, to })} />
      </div>
      {loaded.state === 'loading' && <p role="status">正在读取…</p>}
      {loaded.state === 'failed' && <p role="alert">读取失败：{loaded.reason}</p>}
      <h2>岗位、角色与涉密等级</h2>
      <DirectoryRecord personId={actorId} />
      <h2>全部操作</h2>
      <VerificationPanel subject={`person-${actorId}`} entries={entries} verification={verification} />
      <EntryTable caption={`${actorId} 的全部操作`} entries={entries} verdicts={verification.outcome.state === 'finished' ? verification.outcome.verdicts : undefined} />
    </article>
  );
}
