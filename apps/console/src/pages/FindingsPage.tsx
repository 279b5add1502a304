import { useMemo, useState } from 'react';
import { getAudit, query, type AuditEntry, type Finding } from '../api';
import { EntryTable } from '../components/EntryTable';
import { useVerification, VerificationPanel } from '../components/Verification';
import { FINDING_STATUS_LABELS, formatTime, SERVICE_LABELS, SEVERITY_LABELS } from '../labels';
import { dayStart, nextDayStart } from '../period';
import { useLoad } from '../useAudit';

const SEVERITIES = ['critical', 'high', 'medium', 'low'];

/** 合规发现: counts by rule and severity, filtered by period, unit and service; each opens its proving events. */
export function FindingsPage() {
  const [filters, setFilters] = useState({ from: '', to: '', service: '', severity: '', unit: '' });
  const [open, setOpen] = useState<string | undefined>();
  const serverQuery = query({ service: filters.service, severity: filters.severity, unit: filters.unit, from: dayStart(filters.from), to: nextDayStart(filters.to) });
  const loaded = useLoad(serverQuery, (signal) => getAudit<Finding[]>(`/findings${serverQuery}`, signal));
  const findings = loaded.state === 'loaded' ? loaded.value : [];
  const rules = [...new Set(findings.map((finding) => finding.rule))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const count = (rule: string, severity: string) => findings.filter((finding) => finding.rule === rule && finding.severity === severity).length;
  const field = (name: keyof typeof filters, label: string, type = 'text') => (
    <>
      <label htmlFor={`filter-${name}`}>{label}</label>
      <input id={`filter-${name}`} type={type} value={filters[name]} onChange={(event) => setFilters({ ...filters, [name]: event.target.value })} />
    </>
  );
  return (
    <article>
      <h1>合规发现</h1>
      <form className="toolbar" onSubmit={(event) => event.preventDefault()}>
        {field('from', '自', 'date')}
        {field('to', '至', 'date')}
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
      <table className="counts">
        <caption>按规则与严重程度统计（共 {findings.length} 项）</caption>
        <thead>
          <tr>
            <th scope="col">规则</th>
            {SEVERITIES.map((severity) => (
              <th scope="col" key={severity}>
                {SEVERITY_LABELS[severity]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <tr key={rule}>
              <th scope="row">{rule}</th>
              {SEVERITIES.map((severity) => (
                <td key={severity}>{count(rule, severity) || ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="findings">
        {findings.map((finding) => (
          <li key={finding.id}>
            <button type="button" aria-expanded={open === finding.id} onClick={() => setOpen(open === finding.id ? undefined : finding.id)}>
              [{finding.rule} · {SEVERITY_LABELS[finding.severity] ?? finding.severity}] {finding.title}（{formatTime(finding.detectedAt)}，{FINDING_STATUS_LABELS[finding.status] ?? finding.status}）
            </button>
            {open === finding.id && <ProvingEvents finding={finding} />}
          </li>
        ))}
      </ul>
    </article>
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
      <pre>{JSON.stringify(finding.detail, null, 2)}</pre>
      <VerificationPanel subject={`finding-${finding.id}`} entries={entries} verification={verification} />
      <EntryTable caption="证据事件" entries={entries} verdicts={verification.outcome.state === 'finished' ? verification.outcome.verdicts : undefined} />
    </div>
  );
}
