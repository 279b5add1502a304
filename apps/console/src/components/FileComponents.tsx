import type { AuditEntry } from '../api';

const ROLE_LABELS: Readonly<Record<string, string>> = { text: '正文', attachment: '附件', signedDraft: '签发稿' };

interface FileData {
  readonly role?: string;
  readonly file?: { readonly sha256: string; readonly sm3?: string; readonly size: number; readonly format: string; readonly name?: string; readonly nameDigest?: string };
}

/**
 * FILE-1 a document's files as its events recorded them: role, name, format, size and every digest,
 * the latest 正文 and 签发稿 and every 附件. A classified file shows its name's digest only (COMMON-3).
 */
export function FileComponents({ entries }: { entries: readonly AuditEntry[] }) {
  const files = entries
    .filter((entry) => entry.type.endsWith('FileAttached') && entry.data !== null)
    .map((entry) => ({ entry, data: entry.data as FileData }))
    .filter(({ data }, index, all) => data.role === 'attachment' || !all.slice(index + 1).some((later) => later.data.role === data.role));
  if (files.length === 0) return <p>没有上传的文件（正文为文字录入，或事件对您隐去了内容）。</p>;
  return (
    <table>
      <caption>文件（按事件记录的摘要值，可与下载的文件核对）</caption>
      <thead>
        <tr>
          <th scope="col">类别</th>
          <th scope="col">文件名</th>
          <th scope="col">格式</th>
          <th scope="col">大小（字节）</th>
          <th scope="col">SHA-256</th>
          <th scope="col">SM3</th>
          <th scope="col">上传时间</th>
        </tr>
      </thead>
      <tbody>
        {files.map(({ entry, data }) => (
          <tr key={entry.eventId}>
            <td>{ROLE_LABELS[data.role ?? ''] ?? data.role}</td>
            <td>{data.file?.name ?? `〔涉密文件〕${(data.file?.nameDigest ?? '').slice(0, 12)}`}</td>
            <td>{data.file?.format}</td>
            <td>{data.file?.size}</td>
            <td>
              <code>{data.file?.sha256}</code>
            </td>
            <td>
              <code>{data.file?.sm3 ?? '—'}</code>
            </td>
            <td>{new Date(entry.recordedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
