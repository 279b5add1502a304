import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, getAudit } from '../api';
import { importPublicKey, verifyCheckpoint, verifyInclusionProof, type InclusionProofDocument, type SignedCheckpoint, type TrustedKey, type Verdict } from '../lib/proof-verification';

export const TRUSTED_KEY = 'oa.console.trustedPublicKey';

/** What one run of the verification found: the checkpoint's verdict and each entry's. */
export interface VerificationRun {
  readonly keySource: 'handedOver' | 'server';
  readonly checkpoint: SignedCheckpoint;
  readonly checkpointVerdict: Verdict;
  readonly proofs: ReadonlyMap<string, InclusionProofDocument>;
  readonly verdicts: ReadonlyMap<string, Verdict>;
}

type Outcome = { readonly state: 'idle' } | { readonly state: 'running'; readonly done: number; readonly total: number } | { readonly state: 'failed'; readonly reason: string } | ({ readonly state: 'finished' } & VerificationRun);

interface CheckpointKey {
  readonly keyId: string;
  readonly publicKey: string;
}

/**
 * 核验: fetched proofs checked in this browser, against the handed-over key as it stands in the
 * key field (saved or not: what the auditor sees is what is used); with the field empty, the
 * server's key the checkpoint names (the current one, or one a rotation replaced).
 */
export async function trustedKey(keyId: string, handedOver: string): Promise<[TrustedKey, VerificationRun['keySource']]> {
  if (handedOver.trim()) return [await importPublicKey(handedOver.trim()), 'handedOver'];
  const current = await getAudit<CheckpointKey & { previous?: readonly CheckpointKey[] }>('/checkpoints/public-key');
  const named = [current, ...(current.previous ?? [])].find((key) => key.keyId === keyId) ?? current;
  return [await importPublicKey(named.publicKey), 'server'];
}

// HTTP/1.1 browsers open six connections to one host
const PARALLEL = 6;

export function useVerification(eventIds: readonly string[]) {
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  // other entries on screen (another period, a reload): the earlier verdicts no longer apply
  const shown = eventIds.join(' ');
  // a run reports only while it is the latest one for the entries on screen
  const generation = useRef(0);
  useEffect(() => {
    generation.current++;
    setOutcome({ state: 'idle' });
  }, [shown]);
  const run = async (handedOverKey: string) => {
    const mine = ++generation.current;
    const report = (next: Outcome) => mine === generation.current && setOutcome(next);
    report({ state: 'running', done: 0, total: eventIds.length });
    try {
      const checkpoint = await getAudit<SignedCheckpoint>('/checkpoints/latest');
      const [key, keySource] = await trustedKey(checkpoint.body.keyId, handedOverKey);
      const checkpointVerdict = await verifyCheckpoint(checkpoint, key);
      const proofs = new Map<string, InclusionProofDocument>();
      const verdicts = new Map<string, Verdict>();
      const queue = [...eventIds];
      let reportedAt = Date.now();
      const worker = async () => {
        for (let eventId = queue.shift(); eventId !== undefined && mine === generation.current; eventId = queue.shift()) {
          try {
            const proof = await getAudit<InclusionProofDocument>(`/entries/${encodeURIComponent(eventId)}/inclusion-proof?checkpoint=${checkpoint.body.id}`);
            proofs.set(eventId, proof);
            verdicts.set(eventId, await verifyInclusionProof(proof, key));
          } catch (error) {
            const pending = error instanceof ApiError && error.code === 'AUDIT.ENTRY_AFTER_CHECKPOINT';
            verdicts.set(eventId, { verified: false, reason: pending ? '晚于最新检查点，尚未纳入（待下一个检查点）' : error instanceof Error ? error.message : String(error) });
          }
          // progress a few times a second: each report re-renders the page, whose table may hold 1,000 rows
          if (Date.now() - reportedAt > 250) {
            reportedAt = Date.now();
            report({ state: 'running', done: verdicts.size, total: eventIds.length });
          }
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      report({ state: 'finished', keySource, checkpoint, checkpointVerdict, proofs, verdicts });
    } catch (error) {
      report({ state: 'failed', reason: error instanceof ApiError && error.code === 'AUDIT.CHECKPOINT_NOT_FOUND' ? '尚无检查点，无法核验' : error instanceof Error ? error.message : String(error) });
    }
  };
  return { outcome, run };
}

export function Badge({ verdict }: { verdict: Verdict | undefined }) {
  if (!verdict) return null;
  return verdict.verified ? (
    <span className="badge ok" title={verdict.summary}>
      ✓ 已核验
    </span>
  ) : (
    <span className="badge bad" title={verdict.reason}>
      ✗ 未通过
    </span>
  );
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // released once the download has taken the blob
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The button, the overall badge, and the inspection package of what is on screen. */
export function VerificationPanel({ subject, entries, verification }: { subject: string; entries: readonly unknown[]; verification: ReturnType<typeof useVerification> }) {
  const { outcome, run } = verification;
  const [keyText, setKeyText] = useState(() => localStorage.getItem(TRUSTED_KEY) ?? '');
  const id = useId();
  const failures = outcome.state === 'finished' ? [...outcome.verdicts].filter(([, verdict]) => !verdict.verified) : [];
  const verified = outcome.state === 'finished' && outcome.checkpointVerdict.verified && failures.length === 0;

  const exportPackage = () => {
    const finished = outcome.state === 'finished' ? outcome : undefined;
    const inspection = {
      format: 'oa-inspection-package/1',
      subject,
      exportedAt: new Date().toISOString(),
      // each proof is tools/audit-verify/verify.mjs's input as is
      checkpoint: finished?.checkpoint ?? null,
      keySource: finished?.keySource ?? null,
      entries,
      proofs: finished ? Object.fromEntries(finished.proofs) : {},
      verdicts: finished ? Object.fromEntries(finished.verdicts) : {},
    };
    download(`inspection-${subject.replace(/[^\w.-]+/g, '_')}.json`, JSON.stringify(inspection, null, 2), 'application/json');
  };

  return (
    <section className="verification" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>完整性核验</h2>
      <div className="toolbar">
        <button type="button" onClick={() => void run(keyText)} disabled={outcome.state === 'running' || entries.length === 0}>
          核验本页 {entries.length} 条记录
        </button>
        <button type="button" onClick={exportPackage}>
          导出核查包
        </button>
        <div role="status" aria-live="polite" data-testid="verification-status">
          {outcome.state === 'running' && (
            <span className="badge pending">
              核验中… {outcome.done}/{outcome.total}
            </span>
          )}
          {outcome.state === 'failed' && <span className="badge bad">✗ 未通过核验：{outcome.reason}</span>}
          {outcome.state === 'finished' &&
            (verified ? (
              <span className="badge ok">
                ✓ 已通过核验：检查点 #{outcome.checkpoint.body.id} 签名有效，{outcome.verdicts.size} 条记录均包含其中
              </span>
            ) : (
              <span className="badge bad">✗ 未通过核验：{outcome.checkpointVerdict.verified ? `${failures.length} 条记录未通过` : outcome.checkpointVerdict.reason}</span>
            ))}
        </div>
      </div>
      {outcome.state === 'finished' && outcome.keySource === 'server' && <p className="note">使用的是服务器提供的公钥；正式核查请在下方填入安全管理员另行交付的公钥。</p>}
      {failures.length > 0 && (
        <ul className="failures">
          {failures.map(([eventId, verdict]) => (
            <li key={eventId}>
              事件 <code>{eventId}</code>：{verdict.verified ? '' : verdict.reason}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>信任的公钥（另行交付；核验使用框中的公钥，保存后其他页面也使用）</summary>
        <label htmlFor={`${id}-key`}>Ed25519 公钥（SPKI PEM）</label>
        <textarea id={`${id}-key`} rows={4} value={keyText} onChange={(event) => setKeyText(event.target.value)} />
        <button
          type="button"
          onClick={() => {
            if (keyText.trim()) localStorage.setItem(TRUSTED_KEY, keyText.trim());
            else localStorage.removeItem(TRUSTED_KEY);
          }}
        >
          保存公钥
        </button>
      </details>
    </section>
  );
}
