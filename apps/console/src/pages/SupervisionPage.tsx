import { useMemo } from 'react';
import { getAudit, query, type AuditEntry } from '../api';
import { EntryTable } from '../components/EntryTable';
import { NotFound } from '../components/NotFound';
import { useVerification, VerificationPanel } from '../components/Verification';
import { formatTime } from '../labels';
import { Link } from '../router';
import { useLoad } from '../useAudit';

const SOURCE_LABELS: Record<string, string> = { instruction: '领导批示', assignment: '领导交办', meetingDecision: '会议决定' };
const STEP_LABELS: Record<string, string> = { reminder: '催办', notice: '通报', interview: '约谈' };

/** 督办事项 (SUP-1..3): its source, assigner and terms, every progress report, escalation and the closing, as the trail holds them. */
export function SupervisionPage({ taskId }: { taskId: string }) {
  const loaded = useLoad(taskId, (signal) => getAudit<AuditEntry[]>(`/streams/${encodeURIComponent(taskId)}/history${query({ streamType: 'supervision' })}`, signal));
  const trail = loaded.state === 'loaded' ? loaded.value : [];
  const verification = useVerification(useMemo(() => trail.map((entry) => entry.eventId), [trail]));
  const assigned = trail.find((entry) => entry.type === 'SupervisionTaskAssigned')?.data;
  const source = assigned?.['source'] as { kind: string; documentId?: string; meetingId?: string } | undefined;
  const person = (value: unknown) => (value as { name?: string } | undefined)?.name ?? '';
  const escalations = trail.filter((entry) => entry.type === 'SupervisionTaskEscalated').map((entry) => STEP_LABELS[String(entry.data?.['step'])] ?? String(entry.data?.['step']));
  return (
    <article>
      <h1>督办事项：{assigned ? String(assigned['requirement']) : taskId}</h1>
      {loaded.state === 'loading' && <p role="status">正在读取…</p>}
      {loaded.state === 'failed' && <p role="alert">读取失败：{loaded.reason}</p>}
      {loaded.state === 'loaded' && trail.length === 0 && <NotFound what="督办事项" id={taskId} />}
      {assigned && (
        <dl className="facts">
          <dt>来源</dt>
          <dd>
            {SOURCE_LABELS[String(source?.kind)] ?? String(source?.kind)}
            {source?.documentId && (
              <>
                （<Link to={`/documents/${encodeURIComponent(source.documentId)}`}>来文</Link>）
              </>
            )}
            {source?.meetingId && (
              <>
                （<Link to={`/meetings/${encodeURIComponent(source.meetingId)}`}>会议</Link>）
              </>
            )}
          </dd>
          <dt>交办人</dt>
          <dd>{person(assigned['assigner'])}</dd>
          <dt>责任单位 / 责任人</dt>
          <dd>
            {String(assigned['ownerUnit'])} / {person(assigned['responsiblePerson'])}
          </dd>
          <dt>办结时限</dt>
          <dd>{String(assigned['deadline'])}</dd>
          <dt>逾期督办</dt>
          <dd data-testid="escalations">{escalations.length > 0 ? escalations.join(' → ') : '（无）'}</dd>
          <dt>立项时间</dt>
          <dd>{formatTime(String(assigned['createdAt']))}</dd>
        </dl>
      )}
      <VerificationPanel subject={`supervision-${taskId}`} entries={trail} verification={verification} />
      <section aria-labelledby="supervision-trail-heading">
        <h2 id="supervision-trail-heading">督办全程</h2>
        <EntryTable caption="立项、进展、逾期督办、办结与验收" entries={trail} verdicts={verification.outcome.state === 'finished' ? verification.outcome.verdicts : undefined} />
      </section>
    </article>
  );
}
