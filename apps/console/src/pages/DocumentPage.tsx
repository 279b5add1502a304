import { useMemo } from 'react';
import { attemptsConcerning, getAudit, query, type AuditEntry } from '../api';
import { EntryTable } from '../components/EntryTable';
import { FileComponents } from '../components/FileComponents';
import { NotFound } from '../components/NotFound';
import { useVerification, VerificationPanel } from '../components/Verification';
import { Link } from '../router';
import { useLoad } from '../useAudit';

interface DocumentTrail {
  readonly document: AuditEntry[];
  readonly attempts: AuditEntry[];
  readonly numbers: AuditEntry[];
  readonly sealing: AuditEntry[];
}

/** 公文: the whole outgoing or incoming trail, its entry in the number ledger, the seal usage that stamped it. */
export function DocumentPage({ documentId }: { documentId: string }) {
  const loaded = useLoad<DocumentTrail>(documentId, async (signal) => {
    const [document, attempts, allocations, seals] = await Promise.all([
      getAudit<AuditEntry[]>(`/streams/${encodeURIComponent(documentId)}/history`, signal),
      attemptsConcerning(documentId, signal),
      getAudit<AuditEntry[]>(`/entries${query({ service: 'documents', type: 'DocumentNumberAllocated', limit: 10000 })}`, signal),
      getAudit<AuditEntry[]>(`/entries${query({ service: 'seals', limit: 10000 })}`, signal),
    ]);
    const applications = new Set(seals.filter((entry) => entry.type === 'SealUsageApplicationSubmitted' && entry.data?.['documentId'] === documentId).map((entry) => entry.streamId));
    return {
      document,
      attempts,
      numbers: allocations.filter((entry) => entry.data?.['documentId'] === documentId),
      sealing: seals.filter((entry) => applications.has(entry.streamId)),
    };
  });
  const trail = loaded.state === 'loaded' ? loaded.value : { document: [], attempts: [], numbers: [], sealing: [] };
  const all = useMemo(() => [...trail.document, ...trail.attempts, ...trail.numbers, ...trail.sealing].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)), [trail]);
  const verification = useVerification(useMemo(() => all.map((entry) => entry.eventId), [all]));
  const verdicts = verification.outcome.state === 'finished' ? verification.outcome.verdicts : undefined;
  const first = trail.document[0];
  const sealIds = [...new Set(trail.sealing.map((entry) => String(entry.data?.['sealId'])))];

  return (
    <article>
      <h1>公文：{first?.data?.['title'] ? String(first.data['title']) : documentId}</h1>
      {loaded.state === 'loading' && <p role="status">正在读取…</p>}
      {loaded.state === 'failed' && <p role="alert">读取失败：{loaded.reason}</p>}
      {loaded.state === 'loaded' && trail.document.length === 0 && <NotFound what="公文" id={documentId} />}
      <VerificationPanel subject={`document-${documentId}`} entries={all} verification={verification} />
      <section aria-labelledby="document-trail-heading">
        <h2 id="document-trail-heading">{first?.streamType === 'incomingDocument' ? '收文' : '发文'}全程</h2>
        <EntryTable caption="办理环节，以及被拒绝的操作" entries={[...trail.document, ...trail.attempts].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))} verdicts={verdicts} />
      </section>
      <section aria-labelledby="files-heading">
        <h2 id="files-heading">正文、附件与签发稿</h2>
        <FileComponents entries={trail.document} documentId={documentId} />
      </section>
      <section aria-labelledby="numbers-heading">
        <h2 id="numbers-heading">文号登记</h2>
        <EntryTable caption="文号台账中的记录" entries={trail.numbers} verdicts={verdicts} />
      </section>
      <section aria-labelledby="sealing-heading">
        <h2 id="sealing-heading">用印</h2>
        {sealIds.map((sealId) => (
          <p key={sealId}>
            所用印章：<Link to={`/seals/${encodeURIComponent(sealId)}`}>{sealId}</Link>
          </p>
        ))}
        <EntryTable caption="用印申请、审批与用印登记" entries={trail.sealing} verdicts={verdicts} />
      </section>
    </article>
  );
}
