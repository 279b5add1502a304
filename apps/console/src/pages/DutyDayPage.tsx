import { useMemo } from 'react';
import { ApiError, getAudit, query, type AuditEntry } from '../api';
import { EntryTable } from '../components/EntryTable';
import { NotFound } from '../components/NotFound';
import { useVerification, VerificationPanel } from '../components/Verification';
import { useLoad } from '../useAudit';

/** 值班日 (DUTY-1): the roster that stood, each handover and every log entry with its amendments, as the trail holds them. */
export function DutyDayPage({ date }: { date: string }) {
  const loaded = useLoad(date, async (signal) => {
    try {
      return await getAudit<AuditEntry[]>(`/streams/duty-${encodeURIComponent(date)}/history${query({ streamType: 'dutyDay' })}`, signal);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return [];
      throw error;
    }
  });
  const trail = loaded.state === 'loaded' ? loaded.value : [];
  const verification = useVerification(useMemo(() => trail.map((entry) => entry.eventId), [trail]));
  const roster = [...trail].reverse().find((entry) => entry.type === 'DutyScheduled' || entry.type === 'DutyRosterChanged')?.data;
  const names = (people: unknown) => ((people ?? []) as Array<{ name: string }>).map((person) => person.name).join('、');
  return (
    <article>
      <h1>值班日：{date}</h1>
      {loaded.state === 'loading' && <p role="status">正在读取…</p>}
      {loaded.state === 'failed' && <p role="alert">读取失败：{loaded.reason}</p>}
      {loaded.state === 'loaded' && trail.length === 0 && <NotFound what="值班安排" id={date} />}
      {roster && (
        <dl className="facts">
          <dt>带班领导</dt>
          <dd>{(roster['leaderOnDuty'] as { name?: string } | undefined)?.name ?? '（无）'}</dd>
          <dt>值班员（按班次）</dt>
          <dd>{names(roster['officers']) || '（无）'}</dd>
        </dl>
      )}
      <VerificationPanel subject={`duty-${date}`} entries={trail} verification={verification} />
      <section aria-labelledby="duty-trail-heading">
        <h2 id="duty-trail-heading">值班记录</h2>
        <EntryTable caption="值班表、交接班、值班日志及补正" entries={trail} verdicts={verification.outcome.state === 'finished' ? verification.outcome.verdicts : undefined} />
      </section>
    </article>
  );
}
