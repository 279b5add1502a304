import { useMemo } from 'react';
import { attemptsConcerning, getAudit, type AuditEntry } from '../api';
import { EntryTable } from '../components/EntryTable';
import { FileDownload } from '../components/FileDownload';
import { NotFound } from '../components/NotFound';
import { useVerification, VerificationPanel } from '../components/Verification';
import { formatTime } from '../labels';
import { useLoad } from '../useAudit';

interface Component {
  readonly componentId: string;
  readonly role: string;
  readonly fileName: string;
  readonly format: string;
  readonly hashAlgorithm: string;
  readonly hash: string;
}

interface Copy {
  readonly componentId: string;
  readonly sha256: string;
  readonly sm3?: string;
  readonly sizeBytes: number;
  readonly format: string;
  readonly receivedFrom: string;
  readonly receivedAt: string;
}

interface PropertyResult {
  readonly passed: boolean;
  readonly findings: readonly string[];
}

interface Report {
  readonly passed: boolean;
  readonly authenticity: PropertyResult;
  readonly integrity: PropertyResult;
  readonly usability: PropertyResult;
  readonly security: PropertyResult;
}

const PROPERTIES: ReadonlyArray<readonly [keyof Omit<Report, 'passed'>, string]> = [
  ['authenticity', '真实性'],
  ['integrity', '完整性'],
  ['usability', '可用性'],
  ['security', '安全性'],
];

const RECEIVED_FROM: Readonly<Record<string, string>> = { documents: '公文服务', meetings: '会议服务', upload: '档案员上传' };

/**
 * 档案: the item's whole trail, its components as the source registered them beside the copies
 * the archives hold (every digest computed here from the stored bytes, FILE-4), each downloadable
 * and checked in the browser, and the latest 四性检测 (ARC-4) with its findings.
 */
export function ArchiveItemPage({ itemId }: { itemId: string }) {
  const loaded = useLoad(itemId, async (signal) => {
    const [history, attempts] = await Promise.all([getAudit<AuditEntry[]>(`/streams/${encodeURIComponent(itemId)}/history`, signal), attemptsConcerning(itemId, signal)]);
    return { history, timeline: [...history, ...attempts].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)) };
  });
  const trail = loaded.state === 'loaded' ? loaded.value.history : [];
  const timeline = loaded.state === 'loaded' ? loaded.value.timeline : [];
  const verification = useVerification(useMemo(() => timeline.map((entry) => entry.eventId), [timeline]));
  const registered = trail.find((entry) => entry.type === 'FilingCandidateRegistered')?.data;
  const filed = trail.find((entry) => entry.type === 'ArchiveItemFiled')?.data;
  const components = (registered?.['components'] ?? []) as Component[];
  // the latest copy of each component: an archivist's upload may replace one the source sent
  const copies = new Map(trail.filter((entry) => entry.type === 'ArchiveComponentReceived' && entry.data).map((entry) => [(entry.data!['copy'] as Copy).componentId, entry.data!['copy'] as Copy]));
  const checked = [...trail].reverse().find((entry) => (entry.type === 'ArchiveItemFourPropertiesChecked' || entry.type === 'ArchiveItemFiled') && entry.data);
  const report = checked && ((checked.data!['report'] ?? checked.data!['fourPropertiesReport']) as Report | undefined);

  return (
    <article>
      <h1>档案：{registered ? String(registered['title']) : itemId}</h1>
      {loaded.state === 'loading' && <p role="status">正在读取…</p>}
      {loaded.state === 'failed' && <p role="alert">读取失败：{loaded.reason}</p>}
      {loaded.state === 'loaded' && trail.length === 0 && <NotFound what="档案" id={itemId} />}
      {filed && (
        <dl className="facts">
          <dt>档号</dt>
          <dd>{String(filed['archivalCode'])}</dd>
          <dt>归档时间</dt>
          <dd>{formatTime(String(filed['filedAt']))}</dd>
        </dl>
      )}
      <VerificationPanel subject={`archive-item-${itemId}`} entries={timeline} verification={verification} />
      <section aria-labelledby="components-heading">
        <h2 id="components-heading">组件与存档文件</h2>
        {components.length === 0 ? (
          <p>没有组件（或事件对您隐去了内容）。</p>
        ) : (
          <table className="files">
            <caption>来源登记的摘要与档案服务按存档字节计算的摘要</caption>
            <thead>
              <tr>
                <th scope="col">组件</th>
                <th scope="col">文件名</th>
                <th scope="col">来源登记的摘要</th>
                <th scope="col">存档文件 SHA-256</th>
                <th scope="col">SM3</th>
                <th scope="col">格式（按内容）</th>
                <th scope="col">大小（字节）</th>
                <th scope="col">来自</th>
                <th scope="col">下载</th>
              </tr>
            </thead>
            <tbody>
              {components.map((component) => {
                const copy = copies.get(component.componentId);
                return (
                  <tr key={component.componentId} className={copy && copy.sha256 !== component.hash ? 'broken' : undefined}>
                    <td>{component.componentId}</td>
                    <td>{component.fileName}</td>
                    <td>
                      <code>{component.hash}</code>（{component.hashAlgorithm}）
                    </td>
                    <td>
                      <code>{copy?.sha256 ?? '尚未取得'}</code>
                    </td>
                    <td>
                      <code>{copy?.sm3 ?? '—'}</code>
                    </td>
                    <td>{copy?.format ?? '—'}</td>
                    <td>{copy?.sizeBytes ?? '—'}</td>
                    <td>{copy ? `${RECEIVED_FROM[copy.receivedFrom] ?? copy.receivedFrom}，${formatTime(copy.receivedAt)}` : '—'}</td>
                    <td>{copy && <FileDownload path={`/archives/${encodeURIComponent(itemId)}/${encodeURIComponent(component.componentId)}`} recorded={copy} />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="four-properties-heading">
        <h2 id="four-properties-heading">四性检测</h2>
        {report ? (
          <>
            <p>
              {formatTime(checked.recordedAt)}：<span className={report.passed ? 'badge ok' : 'badge bad'}>{report.passed ? '通过' : '未通过'}</span>
            </p>
            <ul>
              {PROPERTIES.map(([key, label]) => (
                <li key={key}>
                  {label}：{report[key].passed ? '通过' : `未通过（${report[key].findings.join('；')}）`}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>尚未检测。</p>
        )}
      </section>
      <section aria-labelledby="archive-trail-heading">
        <h2 id="archive-trail-heading">全部记录</h2>
        <EntryTable caption="登记、接收、检测、归档、借阅、鉴定与移交，以及被拒绝的操作" entries={timeline} verdicts={verification.outcome.state === 'finished' ? verification.outcome.verdicts : undefined} />
      </section>
    </article>
  );
}
