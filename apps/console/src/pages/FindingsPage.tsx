import { useMemo, useState } from 'react';
import { getAudit, postAudit, query, type AuditEntry, type Finding } from '../api';
import { EntryTable } from '../components/EntryTable';
import { PrintedBy, printView } from '../components/PrintView';
import { useVerification, VerificationPanel } from '../components/Verification';
import { FINDING_ACTION_LABELS, FINDING_STATUS_LABELS, formatTime, SERVICE_LABELS, SEVERITY_LABELS } from '../labels';
import { dayStart, nextDayStart } from '../period';
import { CountTable } from '../components/CountTable';
import { DateField } from '../components/DateField';
import { useLoad } from '../useAudit';

const SEVERITIES = ['critical', 'high', 'medium', 'low'];

/** 合规发现: counts by rule and severity, filtered by period, unit and service; each opens its proving events. */
export function FindingsPage() {
  const [filters, setFilters] = useState({ from: '', to: '', service: '', severity: '', unit: '' });
  const [open, setOpen] = useState<string | undefined>();
  const serverQuery = query({ service: filters.service, severity: filters.severity, unit: filters.unit, from: dayStart(filters.from), to: nextDayStart(filters.to) });
  // a review changes a finding: read again, the filters kept
  const [reviews, setReviews] = useState(0);
  const loaded = useLoad(`${serverQuery}#${reviews}`, (signal) => getAudit<Finding[]>(`/findings${serverQuery}`, signal));
  const findings = loaded.state === 'loaded' ? loaded.value : [];
  const rules = [...new Set(findings.map((finding) => finding.rule))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const count = (rule: string, severity: string) => findings.filter((finding) => finding.rule === rule && finding.severity === severity).length;
  const field = (name: keyof typeof filters, label: string) => (
    <>
      <label htmlFor={`filter-${name}`}>{label}</label>
      <input id={`filter-${name}`} value={filters[name]} onChange={(event) => setFilters({ ...filters, [name]: event.target.value })} />
    </>
  );
  return (
    <article>
      <h1>合规发现</h1>
      <form className="toolbar" onSubmit={(event) => event.preventDefault()}>
        <DateField id="filter-from" label="自" value={filters.from} onChange={(from) => setFilters({ ...filters, from })} />
        <DateField id="filter-to" label="至" value={filters.to} onChange={(to) => setFilters({ ...filters, to })} />
        <label htmlFor="filter-service">业务</label>
        <select id="filter-service" value={filters.service} onChange={(event) => setFilters({ ...filters, service: event.target.value })}>
          <option value="">全部</option>
          {Object.entries(SERVICE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <label htmlFor="filter-severity">严重程度</label>
        <select id="filter-severity" value={filters.severity} onChange={(event) => setFilters({ ...filters, severity: event.target.value })}>
          <option value="">全部</option>
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {SEVERITY_LABELS[severity]}
            </option>
          ))}
        </select>
        {field('unit', '处室')}
      </form>
      {loaded.state === 'loading' && <p role="status">正在读取…</p>}
      {loaded.state === 'failed' && <p role="alert">读取失败：{loaded.reason}</p>}
      <CountTable caption={`按规则与严重程度统计（共 ${findings.length} 项）`} rowHeader="规则" rows={rules} columns={SEVERITIES.map((severity) => [severity, SEVERITY_LABELS[severity]!] as const)} count={count} />
      <ul className="findings">
        {findings.map((finding) => (
          <li key={finding.id} data-open={open === finding.id || undefined}>
            <button type="button" aria-expanded={open === finding.id} onClick={() => setOpen(open === finding.id ? undefined : finding.id)}>
              [{finding.rule} · {SEVERITY_LABELS[finding.severity] ?? finding.severity}] {finding.title}（{formatTime(finding.detectedAt)}，{FINDING_STATUS_LABELS[finding.status] ?? finding.status}）
            </button>
            {open === finding.id && (
              <>
                <button type="button" className="print-finding" onClick={() => printView('finding')}>
                  打印发现报告
                </button>
                <Review finding={finding} onReviewed={() => setReviews(reviews + 1)} />
                <ProvingEvents finding={finding} />
                <PrintedBy />
              </>
            )}
          </li>
        ))}
      </ul>
    </article>
  );
}

type ReviewAction = 'acknowledge' | 'dispute' | 'resolve';

/**
 * 审计意见: the annotations so far, each with its reviewer and time, and the next one — confirm,
 * dispute (with the reason) or resolve (with what was done). Each is an event of the trail, never
 * an edit; a refusal (a resolution without a note) is said as the service says it.
 */
function Review({ finding, onReviewed }: { finding: Finding; onReviewed: () => void }) {
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<{ readonly busy?: boolean; readonly error?: string }>({});
  const noteId = `review-note-${finding.id}`;
  const act = async (action: ReviewAction) => {
    setOutcome({ busy: true });
    try {
      await postAudit(`/findings/${encodeURIComponent(finding.id)}/${action}`, note.trim() === '' ? {} : { note });
      setNote('');
      setOutcome({});
      onReviewed();
    } catch (error) {
      setOutcome({ error: error instanceof Error ? error.message : String(error) });
    }
  };
  const resolved = finding.status === 'resolved';
  return (
    <section className="review" aria-label="审计意见">
      <h2>审计意见（{FINDING_STATUS_LABELS[finding.status] ?? finding.status}）</h2>
      {(finding.annotations ?? []).length > 0 && (
        <ol className="annotations">
          {(finding.annotations ?? []).map((annotation) => (
            <li key={annotation.eventId ?? `${annotation.action}-${annotation.at}`} data-action={annotation.action}>
              {FINDING_ACTION_LABELS[annotation.action] ?? annotation.action} · {annotation.byName ?? annotation.by}（{annotation.by}）· {formatTime(annotation.at)}
              {annotation.note && <>：{annotation.note}</>}
            </li>
          ))}
        </ol>
      )}
      {!resolved && (
        <form onSubmit={(event) => event.preventDefault()}>
          <label htmlFor={noteId}>意见（提出异议、办结须写明）</label>
          <textarea id={noteId} value={note} maxLength={2000} rows={2} onChange={(event) => setNote(event.target.value)} />
          <div className="actions">
            {finding.status !== 'acknowledged' && (
              <button type="button" disabled={outcome.busy} onClick={() => void act('acknowledge')}>
                确认
              </button>
            )}
            {finding.status !== 'disputed' && (
              <button type="button" disabled={outcome.busy} onClick={() => void act('dispute')}>
                提出异议
              </button>
            )}
            <button type="button" disabled={outcome.busy} onClick={() => void act('resolve')}>
              办结
            </button>
          </div>
          {outcome.error && <p role="alert">未能记入：{outcome.error}</p>}
        </form>
      )}
    </section>
  );
}

const DETAIL_LABELS: Record<string, string> = { index: '日志中的序号', source: '发现于', service: '业务', problem: '问题', problems: '问题（代码，中文见标题）', difference: '差异', streamId: '对象编号', streamType: '对象类别', eventId: '事件编号', log: '日志', position: '位置', expected: '应为', found: '实为' };
const DETAIL_VALUES: Record<string, string> = { arrival: '到达审计时的链校验', store: '与各服务存储的比对', ...SERVICE_LABELS };

/** A finding's detail as the auditor reads it: its sentence first, then each fact labelled, times in Beijing time. */
function FindingDetail({ detail }: { detail: unknown }) {
  if (detail === null || detail === undefined) return <p className="finding-detail">（内容按密级隐去）</p>;
  if (typeof detail !== 'object') return <p className="finding-detail">{String(detail)}</p>;
  const { detail: sentence, ...facts } = detail as Record<string, unknown>;
  const shown = (value: unknown): string =>
    typeof value === 'string'
      ? /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)
        ? formatTime(value)
        : (DETAIL_VALUES[value] ?? value)
      : Array.isArray(value)
        ? value.map(shown).join('、')
        : value !== null && typeof value === 'object' && 'kind' in value
          ? String(value.kind)
          : JSON.stringify(value);
  return (
    <div className="finding-detail">
      {typeof sentence === 'string' && <p>{sentence}</p>}
      {Object.keys(facts).length > 0 && (
        <dl>
          {Object.entries(facts).map(([key, value]) => (
            <div key={key}>
              <dt>{DETAIL_LABELS[key] ?? key}</dt>
              <dd>{shown(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

/** The events a finding rests on, read from the streams it names, with their verification. */
function ProvingEvents({ finding }: { finding: Finding }) {
  const loaded = useLoad(finding.id, async (signal) => {
    const histories = await Promise.all(finding.streamIds.map((streamId) => getAudit<AuditEntry[]>(`/streams/${encodeURIComponent(streamId)}/history`, signal)));
    const proving = new Set(finding.eventIds);
    return histories.flat().filter((entry) => proving.has(entry.eventId));
  });
  const entries = loaded.state === 'loaded' ? loaded.value : [];
  const verification = useVerification(useMemo(() => entries.map((entry) => entry.eventId), [entries]));
  return (
    <div className="proving">
      {loaded.state === 'failed' && <p role="alert">读取失败：{loaded.reason}</p>}
      <FindingDetail detail={finding.detail} />
      <VerificationPanel subject={`finding-${finding.id}`} entries={entries} verification={verification} />
      <EntryTable caption="证据事件" entries={entries} verdicts={verification.outcome.state === 'finished' ? verification.outcome.verdicts : undefined} />
    </div>
  );
}
