import { useMemo, useState } from 'react';
import { getAudit, query, type AuditEntry } from '../api';
import { EntryTable } from '../components/EntryTable';
import { useVerification, VerificationPanel } from '../components/Verification';
import { dayStart, nextDayStart } from '../period';
import { useLoad } from '../useAudit';

/** 人员: everything one actor did in a period. */
export function PersonPage({ actorId }: { actorId: string }) {
  const [period, setPeriod] = useState({ from: '', to: '' });
  const loaded = useLoad(`${actorId}|${period.from}|${period.to}`, (signal) =>
    getAudit<AuditEntry[]>(`/actors/${encodeURIComponent(actorId)}/entries${query({ from: dayStart(period.from), to: nextDayStart(period.to), limit: 10000 })}`, signal),
  );
  const entries = loaded.state === 'loaded' ? loaded.value : [];
  const verification = useVerification(useMemo(() => entries.map((entry) => entry.eventId), [entries]));
  return (
    <article>
      <h1>人员：{entries[0]?.actor.name ?? actorId}</h1>
      <div className="toolbar">
        <label htmlFor="person-from">自</label>
        <input id="person-from" type="date" value={period.from} onChange={(event) => setPeriod({ ...period, from: event.target.value })} />
        <label htmlFor="person-to">至</label>
        <input id="person-to" type="date" value={period.to} onChange={(event) => setPeriod({ ...period, to: event.target.value })} />
      </div>
      {loaded.state === 'loading' && <p role="status">正在读取…</p>}
      {loaded.state === 'failed' && <p role="alert">读取失败：{loaded.reason}</p>}
      <VerificationPanel subject={`person-${actorId}`} entries={entries} verification={verification} />
      <EntryTable caption={`${actorId} 的全部操作`} entries={entries} verdicts={verification.outcome.state === 'finished' ? verification.outcome.verdicts : undefined} />
    </article>
  );
}
