import { useMemo, useState } from 'react';
import { ApiError, getAudit, query, type AuditEntry, type StreamState } from '../api';
import { EntryTable } from '../components/EntryTable';
import { NotFound } from '../components/NotFound';
import { useVerification, VerificationPanel } from '../components/Verification';
import { attemptsOn, formatTime } from '../labels';
import { beijingInstant, dayStart, nextDayStart } from '../period';
import { PrintedBy, printView } from '../components/PrintView';
import { DateField } from '../components/DateField';
import { useLoad } from '../useAudit';

/** 印章: registration, keepers and handovers, applications with approvals, usages, checkouts. */
export function SealPage({ sealId }: { sealId: string }) {
  const loaded = useLoad(sealId, async (signal) => {
    const [own, seals] = await Promise.all([
      getAudit<AuditEntry[]>(`/streams/${encodeURIComponent(sealId)}/history${query({ streamType: 'seal' })}`, signal),
      getAudit<AuditEntry[]>(`/entries${query({ service: 'seals', limit: 10000 })}`, signal),
    ]);
    const applications = seals.filter((entry) => entry.streamType === 'sealUsageApplication' && entry.data?.['sealId'] === sealId);
    // refused and denied attempts on the seal or one of its applications (SEAL-4, SEAL-6, …)
    const attempts = attemptsOn(seals, new Set([sealId, ...applications.map((entry) => entry.streamId)]));
    return [...own, ...applications, ...attempts].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.streamVersion - b.streamVersion);
  });
  const timeline = loaded.state === 'loaded' ? loaded.value : [];
  const verification = useVerification(useMemo(() => timeline.map((entry) => entry.eventId), [timeline]));
  const registered = timeline.find((entry) => entry.type === 'SealRegistered')?.data;

  return (
    <article>
      <h1>印章：{registered ? String(registered['name']) : sealId}</h1>
      {loaded.state === 'loading' && <p role="status">正在读取…</p>}
      {loaded.state === 'failed' && <p role="alert">读取失败：{loaded.reason}</p>}
      {loaded.state === 'loaded' && timeline.length === 0 && <NotFound what="印章" id={sealId} />}
      {registered && (
        <dl className="facts">
          <dt>编号</dt>
          <dd>{sealId}</dd>
          <dt>所属单位</dt>
          <dd>{String(registered['owningUnit'])}</dd>
          <dt>刻制批准</dt>
          <dd>{String(registered['engravingApprovalReference'])}</dd>
        </dl>
      )}
      <VerificationPanel subject={`seal-${sealId}`} entries={timeline} verification={verification} />
      <StateAsOf streamId={sealId} />
      <UsageRegister timeline={timeline} sealName={registered ? String(registered['name']) : sealId} />
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">时间线</h2>
        <EntryTable caption="登记、保管与交接、用印申请与审批、用印、外出与归还，以及被拒绝的操作" entries={timeline} verdicts={verification.outcome.state === 'finished' ? verification.outcome.verdicts : undefined} />
      </section>
    </article>
  );
}

const STATUS_LABELS: Record<string, string> = { registered: '已登记', active: '启用中', suspended: '暂停使用', disabled: '已停用', surrendered: '已缴销', unregistered: '尚未登记' };

/** The seal as it stood at an instant, folded by the audit service with the seals domain. */
function StateAsOf({ streamId }: { streamId: string }) {
  const [instant, setInstant] = useState('');
  const [result, setResult] = useState<{ state: 'idle' } | { state: 'loading' } | { state: 'shown'; value: StreamState } | { state: 'none'; reason: string }>({ state: 'idle' });
  const show = async () => {
    const asOf = beijingInstant(instant);
    if (!asOf) return;
    setResult({ state: 'loading' });
    try {
      setResult({ state: 'shown', value: await getAudit<StreamState>(`/streams/${encodeURIComponent(streamId)}/state${query({ streamType: 'seal', asOf })}`) });
    } catch (error) {
      const reason = error instanceof ApiError && error.status === 404 ? '该时刻无此印章的状态（尚未登记，或服务端暂不提供按时刻查询）' : error instanceof Error ? error.message : String(error);
      setResult({ state: 'none', reason });
    }
  };
  const state = result.state === 'shown' ? result.value.state : undefined;
  return (
    <section aria-labelledby="asof-heading">
      <h2 id="asof-heading">某一时刻的印章状态</h2>
      <form
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          void show();
        }}
      >
        <DateField id="asof" label="时刻（北京时间）" value={instant} onChange={setInstant} withTime required />
        <button type="submit">查看</button>
      </form>
      <div role="status" aria-live="polite" data-testid="state-as-of">
        {result.state === 'loading' && '正在计算…'}
        {result.state === 'none' && result.reason}
        {result.state === 'shown' && state && (
          <dl className="facts">
            <dt>截至</dt>
            <dd>
              {formatTime(result.value.asOf)}（第 {result.value.version} 个事件，{formatTime(result.value.lastChangedAt)} 之后）
              {!result.value.chainIntact && <span className="badge bad">此前有事件链断裂，状态不可信</span>}
            </dd>
            <dt>状态</dt>
            <dd>{STATUS_LABELS[String(state['status'])] ?? String(state['status'])}</dd>
            <dt>保管人</dt>
            <dd data-testid="keeper-as-of">{state['keeperName'] ? `${String(state['keeperName'])}（${String(state['keeperId'])}）` : '（无）'}</dd>
          </dl>
        )}
      </div>
    </section>
  );
}

/** 用印登记簿 for a period (days in Beijing time): each usage with its application's document, applicant and approver; printable on A4. */
function UsageRegister({ timeline, sealName }: { timeline: readonly AuditEntry[]; sealName: string }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const byApplication = new Map<string, AuditEntry[]>();
  for (const entry of timeline) if (entry.streamType === 'sealUsageApplication') byApplication.set(entry.streamId, [...(byApplication.get(entry.streamId) ?? []), entry]);
  const [start, end] = [dayStart(from), nextDayStart(to)];
  const inPeriod = (iso: string) => (!start || Date.parse(iso) >= Date.parse(start)) && (!end || Date.parse(iso) < Date.parse(end));
  const usages = timeline.filter((entry) => entry.type === 'SealUsageRecorded' && inPeriod(String(entry.data?.['usedAt'] ?? entry.recordedAt)));
  return (
    <section className="usage-register" aria-labelledby="register-heading">
      <h2 id="register-heading">用印登记簿</h2>
      <div className="toolbar">
        <DateField id="register-from" label="自" value={from} onChange={setFrom} />
        <DateField id="register-to" label="至" value={to} onChange={setTo} />
        <button type="button" onClick={() => printView('register')}>
          打印登记簿
        </button>
      </div>
      <p className="print-only">
        {sealName}，期间：{from || '最早'} 至 {to || '今'}（北京时间）
      </p>
      {usages.length === 0 ? (
        <p className="empty">（此期间无用印）</p>
      ) : (
        <table className="entries">
          <caption>用印 {usages.length} 次</caption>
          <thead>
            <tr>
              <th scope="col">用印时间</th>
              <th scope="col">文件</th>
              <th scope="col">申请人</th>
              <th scope="col">批准人</th>
              <th scope="col">份数 / 次数</th>
              <th scope="col">保管人</th>
              <th scope="col">监印人</th>
            </tr>
          </thead>
          <tbody>
            {usages.map((usage) => {
              const application = byApplication.get(usage.streamId) ?? [];
              const submitted = application.find((entry) => entry.type === 'SealUsageApplicationSubmitted')?.data ?? {};
              const approved = application.find((entry) => entry.type === 'SealUsageApplicationApproved')?.data ?? {};
              const data = usage.data ?? {};
              return (
                <tr key={usage.eventId}>
                  <td>{formatTime(String(data['usedAt'] ?? usage.recordedAt))}</td>
                  <td>{String(submitted['documentTitle'] ?? '')}</td>
                  <td>{String(submitted['applicantName'] ?? '')}</td>
                  <td>{String(approved['approverName'] ?? '（未见批准）')}</td>
                  <td>
                    {String(data['copies'])} / {String(data['impressions'])}
                  </td>
                  <td>{String(data['keeperName'])}</td>
                  <td>{String(data['witnessName'])}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <PrintedBy />
    </section>
  );
}
