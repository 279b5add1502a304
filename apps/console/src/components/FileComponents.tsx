import type { AuditEntry } from '../api';
import { formatTime } from '../labels';
import { FileDownload } from './FileDownload';

const ROLE_LABELS: Readonly<Record<string, string>> = { text: '正文', attachment: '附件', signedDraft: '签发稿' };

interface FileData {
  readonly role?: string;
  readonly file?: { readonly sha256: string; readonly sm3?: string; readonly size: number; readonly format: string; readonly name?: string; readonly nameDigest?: string };
}

interface Row {
  readonly entry: AuditEntry;
  readonly role: string;
  readonly name: string;
  readonly format?: string;
  readonly size?: number;
  readonly sha256: string;
  readonly sm3?: string;
}

/** The typed text (正文 entered as text) is a stored file too: the latest `contentHash` the document's events carry. */
function typedText(entries: readonly AuditEntry[]): Row[] {
  const latest = [...entries].reverse().find((entry) => typeof entry.data?.['contentHash'] === 'string');
  return latest ? [{ entry: latest, role: '正文（文字录入）', name: '正文.txt', format: 'txt', sha256: String(latest.data!['contentHash']) }] : [];
}

/**
 * FILE-1 a document's files as its events recorded them: role, name, format, size and every digest,
 * the typed text, the latest 正文 and 签发稿 and every 附件. A classified file shows its name's
 * digest only (COMMON-3). Each one downloads through the documents service and is checked here.
 */
export function FileComponents({ entries, documentId }: { entries: readonly AuditEntry[]; documentId: string }) {
  const kind = entries[0]?.streamType === 'incomingDocument' ? 'incoming' : 'outgoing';
  const uploaded = entries
    .filter((entry) => entry.type.endsWith('FileAttached') && entry.data !== null)
    .map((entry) => ({ entry, data: entry.data as FileData }))
    .filter(({ data }, index, all) => data.role === 'attachment' || !all.slice(index + 1).some((later) => later.data.role === data.role))
    .map(({ entry, data }): Row => ({
      entry,
      role: ROLE_LABELS[data.role ?? ''] ?? String(data.role),
      name: data.file?.name ?? `〔涉密文件〕${(data.file?.nameDigest ?? '').slice(0, 12)}`,
      format: data.file?.format,
      size: data.file?.size,
      sha256: data.file?.sha256 ?? '',
      ...(data.file?.sm3 !== undefined && { sm3: data.file.sm3 }),
    }));
  const rows = [...typedText(entries), ...uploaded];
  if (rows.length === 0) return <p>没有文件（或事件对您隐去了内容）。</p>;
  return (
    <table className="files">
      <caption>文件（按事件记录的摘要值，下载时在本机重新计算并核对）</caption>
      <thead>
        <tr>
          <th scope="col">类别</th>
          <th scope="col">文件名</th>
          <th scope="col">格式</th>
          <th scope="col">大小（字节）</th>
          <th scope="col">SHA-256</th>
          <th scope="col">SM3</th>
          <th scope="col">记录时间</th>
          <th scope="col">下载</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.entry.eventId}-${row.sha256}`}>
            <td>{row.role}</td>
            <td>{row.name}</td>
            <td>{row.format}</td>
            <td>{row.size ?? '—'}</td>
            <td>
              <code>{row.sha256}</code>
            </td>
            <td>
              <code>{row.sm3 ?? '—'}</code>
            </td>
            <td>{formatTime(row.entry.recordedAt)}</td>
            <td>
              <FileDownload path={`/documents/${kind}/${encodeURIComponent(documentId)}/${row.sha256}`} recorded={row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
