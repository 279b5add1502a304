import type { AuditEntry } from '../api';
import { attemptCode, eventLabel, formatTime, summaryOf } from '../labels';
import type { Verdict } from '../lib/proof-verification';
import { Badge } from './Verification';
import { Link } from '../router';
import { useVocabulary } from '../useAudit';

/**
 * Who an entry is by: its actor, except an automatic approval (凭签发稿), whose approver of record is
 * the document's signer, named with the sign-off it stands on; the applicant only submitted it.
 */
function ActorCell({ entry }: { entry: AuditEntry }) {
  const data = entry.data ?? {};
  if (entry.type === 'SealUsageApplicationApproved' && data['basis'] === 'documentSignOff') {
    return (
      <span data-testid="approved-by-sign-off">
        <Link to={`/people/${encodeURIComponent(String(data['approverId']))}`}>{String(data['approverName'])}</Link>（签发人）
        <br />
        <small>
          凭签发稿批准：<Link to={`/documents/${encodeURIComponent(String(data['documentId']))}`}>{data['signedOffAt'] ? `${formatTime(String(data['signedOffAt']))} 的签发` : '公文签发'}</Link>；由 {entry.actor.name} 提交
        </small>
      </span>
    );
  }
  return <Link to={`/people/${encodeURIComponent(entry.actor.id)}`}>{entry.actor.name}</Link>;
}

/** A trail as a table: time, event, who, what, and each entry's verification once it ran. */
export function EntryTable({ entries, verdicts, caption }: { entries: readonly AuditEntry[]; verdicts?: ReadonlyMap<string, Verdict>; caption: string }) {
  const { rules } = useVocabulary();
  if (entries.length === 0) return <p className="empty">（无记录）</p>;
  return (
    <table className="entries">
      <caption>
        {caption}（{entries.length} 条）
      </caption>
      <thead>
        <tr>
          <th scope="col">时间</th>
          <th scope="col">事件</th>
          <th scope="col">操作人</th>
          <th scope="col">内容</th>
          <th scope="col">核验</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.eventId} data-event-type={entry.type} className={entry.chainStatus === 'broken' ? 'broken' : attemptCode(entry) ? 'refused' : undefined}>
            <td>
              <time dateTime={entry.recordedAt}>{formatTime(entry.recordedAt)}</time>
            </td>
            <td>
              {eventLabel(entry.type)}
              {entry.chainStatus === 'broken' && <span className="badge bad">链断裂</span>}
              {attemptCode(entry) && <span className="badge bad">{attemptCode(entry)}</span>}
            </td>
            <td>
              <ActorCell entry={entry} />
            </td>
            <td>
              <details>
                <summary>{summaryOf(entry, rules) || '详情'}</summary>
                <pre>{JSON.stringify(entry.data, null, 2)}</pre>
              </details>
            </td>
            <td>
              <Badge verdict={verdicts?.get(entry.eventId)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
