import { useState } from 'react';
import { getAudit, type Finding } from '../api';
import { CountTable } from '../components/CountTable';
import { trustedKey, TRUSTED_KEY } from '../components/Verification';
import { FINDING_STATUS_LABELS, formatTime, SEVERITY_LABELS } from '../labels';
import { verifyCheckpoint, type SignedCheckpoint, type Verdict } from '../lib/proof-verification';
import { Link } from '../router';
import { useLoad } from '../useAudit';

const SEVERITIES = ['critical', 'high', 'medium', 'low'];
const STATUSES = ['open', 'acknowledged', 'disputed', 'resolved'];
const monthFormat = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', timeZone: 'Asia/Shanghai' });
/** The Beijing month a finding's latest proving event happened in (its detection when none). */
const monthOf = (finding: Finding) => monthFormat.format(new Date(finding.occurredAt ?? finding.detectedAt));

/** 概览: where an inspection stands — findings by month and severity, by rule open versus reviewed, and the latest signed checkpoint. */
export function OverviewPage() {
  const loaded = useLoad('overview', (signal) => getAudit<Finding[]>('/findings', signal));
  const findings = loaded.state === 'loaded' ? loaded.value : [];
  // months in time order: the findings come in detection order, so sort by the instant each month starts with
  const months = [...new Map([...findings].sort((a, b) => (a.occurredAt ?? a.detectedAt).localeCompare(b.occurredAt ?? b.detectedAt)).map((finding) => [monthOf(finding), true])).keys()];
  const rules = [...new Set(findings.map((finding) => finding.rule))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const count = (keep: (finding: Finding) => boolean) => findings.filter(keep).length;
  const reviewed = count((finding) => finding.status !== 'open');
  return (
    <article>
      <h1>概览</h1>
      {loaded.state === 'loading' && <p role="status">正在读取…</p>}
      {loaded.state === 'failed' && <p role="alert">读取失败：{loaded.reason}</p>}
      <p data-testid="findings-progress">
        合规发现共 {findings.length} 项：未处理 {findings.length - reviewed} 项，已审阅 {reviewed} 项（确认、提出异议或办结）。<Link to="/findings">逐项处理</Link>
      </p>
      {findings.length > 0 && (
        <>
          <CountTable
            caption="按月份（北京时间）与严重程度"
            rowHeader="月份"
            rows={months}
            columns={SEVERITIES.map((severity) => [severity, SEVERITY_LABELS[severity]!] as const)}
            count={(month, severity) => count((finding) => monthOf(finding) === month && finding.severity === severity)}
            total={(month) => count((finding) => monthOf(finding) === month)}
          />
          <CountTable
            caption="按规则：未处理与已审阅"
            rowHeader="规则"
            rows={rules}
            columns={STATUSES.map((status) => [status, FINDING_STATUS_LABELS[status]!] as const)}
            count={(rule, status) => count((finding) => finding.rule === rule && finding.status === status)}
            total={(rule) => count((finding) => finding.rule === rule)}
            testId="findings-by-rule"
          />
        </>
      )}
      <LatestCheckpoint />
    </article>
  );
}

/** The latest signed checkpoint and its signature checked here, with the handed-over key once it is saved (the server's otherwise, said so). */
function LatestCheckpoint() {
  const loaded = useLoad('latest-checkpoint', (signal) => getAudit<SignedCheckpoint>('/checkpoints/latest', signal));
  const [verdict, setVerdict] = useState<{ verdict: Verdict; keySource: string } | undefined>();
  const verify = async (checkpoint: SignedCheckpoint) => {
    try {
      const [key, keySource] = await trustedKey(checkpoint.body.keyId, localStorage.getItem(TRUSTED_KEY) ?? '');
      setVerdict({ verdict: await verifyCheckpoint(checkpoint, key), keySource: keySource === 'handedOver' ? '另行交付的公钥' : '服务器提供的公钥' });
    } catch (error) {
      setVerdict({ verdict: { verified: false, reason: error instanceof Error ? error.message : String(error) }, keySource: '' });
    }
  };
  return (
    <section aria-labelledby="checkpoint-heading">
      <h2 id="checkpoint-heading">最新检查点</h2>
      {loaded.state === 'loading' && <p role="status">正在读取…</p>}
      {loaded.state === 'failed' && <p role="alert">{loaded.reason.includes('检查点') ? '尚无检查点' : `读取失败：${loaded.reason}`}</p>}
      {loaded.state === 'loaded' && (
        <>
          <dl className="facts">
            <dt>编号</dt>
            <dd>#{loaded.value.body.id}</dd>
            <dt>签署时间</dt>
            <dd>{formatTime(loaded.value.body.time)}</dd>
            <dt>覆盖</dt>
            <dd>
              {loaded.value.body.logs.length} 个日志，共 {loaded.value.body.logs.reduce((sum, log) => sum + log.size, 0)} 条记录
            </dd>
            <dt>签名密钥</dt>
            <dd>{loaded.value.body.keyId}</dd>
          </dl>
          <div className="toolbar">
            <button type="button" onClick={() => void verify(loaded.value)}>
              核验签名
            </button>
            <span role="status" aria-live="polite" data-testid="checkpoint-verdict">
              {verdict &&
                (verdict.verdict.verified ? (
                  <span className="badge ok">✓ 签名有效（{verdict.keySource}）</span>
                ) : (
                  <span className="badge bad">✗ 签名无效：{verdict.verdict.reason}</span>
                ))}
            </span>
          </div>
        </>
      )}
    </section>
  );
}
