import type { AuditEntry } from '../api';
import { eventLabel, formatTime, summaryOf } from '../labels';
import type { Verdict } from '../lib/proof-verification';
import { Badge } from './Verification';
import { Link } from '../router';

/** A trail as a table: time, event, who, what, and each entry's verification once it ran. */
export function EntryTable({ entries, verdicts, caption }: { entries: readonly AuditEntry[]; verdicts?: ReadonlyMap<string, Verdict>; caption: string }) {
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
          <tr key={entry.eventId} data-event-type={entry.type} className={entry.chainStatus === 'broken' ? 'broken' : undefined}>
            <td>
              <time dateTime={entry.recordedAt}>{formatTime(entry.recordedAt)}</time>
            </td>
            <td>
              {eventLabel(entry.type)}
              {entry.chainStatus === 'broken' && <span className="badge bad">链断裂</span>}
            </td>
            <td>
              <Link to={`/people/${encodeURIComponent(entry.actor.id)}`}>{entry.actor.name}</Link>
            </td>
            <td>
              <details>
                <summary>{summaryOf(entry) || '详情'}</summary>
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
