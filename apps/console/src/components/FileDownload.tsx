import { useState } from 'react';
import { ApiError, downloadFile } from '../api';
import { digest } from '../lib/proof-verification';

/** The digests an event recorded for a file: what the downloaded bytes are checked against. */
export interface RecordedDigests {
  readonly sha256: string;
  readonly sm3?: string;
}

type Outcome =
  | { readonly state: 'idle' }
  | { readonly state: 'downloading' }
  | { readonly state: 'checked'; readonly matches: boolean; readonly name: string }
  | { readonly state: 'failed'; readonly reason: string };

/**
 * 下载并核对: the file from the service that keeps it (which decides, by the inspector's own
 * clearance and need to know, whether to send it: COMMON-3), its SHA-256 (and SM3) recomputed
 * in the browser and compared with what the event recorded, then saved.
 */
export function FileDownload({ path, recorded }: { path: string; recorded: RecordedDigests }) {
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const download = async () => {
    setOutcome({ state: 'downloading' });
    try {
      const { bytes, name } = await downloadFile(path);
      const content = new Uint8Array(bytes);
      const matches = (await digest('sha256', content)) === recorded.sha256 && (recorded.sm3 === undefined || (await digest('sm3', content)) === recorded.sm3);
      setOutcome({ state: 'checked', matches, name });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([bytes]));
      link.download = name;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      const reason = error instanceof ApiError && error.status === 404 ? '无权查看或文件不存在（COMMON-3）' : error instanceof Error ? error.message : String(error);
      setOutcome({ state: 'failed', reason });
    }
  };
  return (
    <span className="file-download">
      <button type="button" onClick={() => void download()} disabled={outcome.state === 'downloading'}>
        下载并核对
      </button>
      {outcome.state === 'downloading' && <span role="status">正在下载…</span>}
      {outcome.state === 'checked' && (
        <span role="status" className={outcome.matches ? 'badge ok' : 'badge bad'}>
          {outcome.matches ? '摘要一致' : '摘要不符：文件与事件记录不同'}
        </span>
      )}
      {outcome.state === 'failed' && <span role="alert">{outcome.reason}</span>}
    </span>
  );
}
