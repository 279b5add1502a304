import { useState, type FormEvent } from 'react';
import { getAudit, query, type CatalogEntry } from '../api';
import { DateField } from '../components/DateField';
import { formatTime } from '../labels';
import { beijingDay, dayStart, nextDayStart } from '../period';
import { Link } from '../router';
import { useLoad } from '../useAudit';

type Kind = 'seal' | 'meeting' | 'document' | 'person' | 'supervision';

/** What each list is searched by, and where its results open. */
const KINDS: Readonly<Record<Kind, { label: string; text: string; page: string; byUnit?: 'text' | 'directory'; unitText?: string; byCommittee?: true; byDate?: string }>> = {
  seal: { label: '印章', text: '印章名称', page: 'seals', byUnit: 'text', unitText: '所属单位' },
  meeting: { label: '会议', text: '会议名称', page: 'meetings', byCommittee: true, byDate: '会议日期' },
  document: { label: '公文', text: '文号或标题', page: 'documents', byDate: '成文或收文日期' },
  person: { label: '人员', text: '姓名', page: 'people', byUnit: 'directory' },
  supervision: { label: '督办', text: '工作要求', page: 'supervision', byUnit: 'text', unitText: '责任单位', byDate: '办结时限' },
};

const EMPTY = { q: '', unit: '', status: '', committeeId: '', from: '', to: '' };

const catalog = (filter: Record<string, string | number | undefined>, signal: AbortSignal) => getAudit<CatalogEntry[]>(`/catalog${query(filter)}`, signal);

/** 查找: seals by unit and status, meetings by committee and date, documents by number and title (within the auditor's clearance), people by unit, supervision tasks by owner unit and deadline. */
export function SearchPage({ kind }: { kind: Kind }) {
  const spec = KINDS[kind];
  const [fields, setFields] = useState(EMPTY);
  const [submitted, setSubmitted] = useState(EMPTY);
  const filter = { kind, q: submitted.q, unit: submitted.unit, status: submitted.status, committeeId: submitted.committeeId, from: dayStart(submitted.from), to: nextDayStart(submitted.to) };
  const results = useLoad(query(filter), (signal) => catalog(filter, signal));
  // the choices of the filters: the statuses this list holds, the directory's units, the committees
  const choices = useLoad(kind, async (signal) => {
    const [all, units, committees] = await Promise.all([
      catalog({ kind, limit: 1000 }, signal),
      spec.byUnit === 'directory' ? catalog({ kind: 'unit', limit: 1000 }, signal) : Promise.resolve([]),
      spec.byCommittee ? catalog({ kind: 'committee', limit: 1000 }, signal) : Promise.resolve([]),
    ]);
    return { statuses: [...new Map(all.map((entry) => [entry.status, entry.statusLabel])).entries()], units, committees };
  });
  const options = choices.state === 'loaded' ? choices.value : { statuses: [], units: [], committees: [] };
  const unitName = (unitId: string) => options.units.find((unit) => unit.streamId === unitId)?.title ?? unitId;
  const committeeName = (committeeId: string | null) => options.committees.find((committee) => committee.streamId === committeeId)?.title ?? committeeId ?? '';
  const set = (name: keyof typeof EMPTY) => (value: string) => setFields({ ...fields, [name]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(fields);
  };
  const select = (name: keyof typeof EMPTY, label: string, choices: ReadonlyArray<readonly [string, string]>) => (
    <>
      <label htmlFor={`search-${name}`}>{label}</label>
      <select id={`search-${name}`} value={fields[name]} onChange={(event) => set(name)(event.target.value)}>
        <option value="">全部</option>
        {choices.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </>
  );

  return (
    <article>
      <h1>查找{spec.label}</h1>
      <nav aria-label="查找类别" className="toolbar">
        {(Object.keys(KINDS) as Kind[]).map((other) =>
          other === kind ? (
            <strong key={other} aria-current="page">
              {KINDS[other].label}
            </strong>
          ) : (
            <Link key={other} to={`/search/${other}`}>
              {KINDS[other].label}
            </Link>
          ),
        )}
      </nav>
      <form className="toolbar" role="search" aria-label={`查找${spec.label}`} onSubmit={submit}>
        <label htmlFor="search-q">{spec.text}</label>
        <input id="search-q" value={fields.q} onChange={(event) => set('q')(event.target.value)} />
        {spec.byUnit === 'text' && (
          <>
            <label htmlFor="search-unit">{spec.unitText}</label>
            <input id="search-unit" value={fields.unit} onChange={(event) => set('unit')(event.target.value)} />
          </>
        )}
        {spec.byUnit === 'directory' && select('unit', '所在单位', options.units.map((unit) => [unit.streamId, unit.title] as const))}
        {spec.byCommittee && select('committeeId', '委员会', options.committees.map((committee) => [committee.streamId, committee.title] as const))}
        {select('status', '状态', options.statuses)}
        {spec.byDate && (
          <>
            <DateField id="search-from" label={`${spec.byDate}自`} value={fields.from} onChange={set('from')} />
            <DateField id="search-to" label="至" value={fields.to} onChange={set('to')} />
          </>
        )}
        <button type="submit">查找</button>
      </form>
      {results.state === 'loading' && <p role="status">正在查找…</p>}
      {results.state === 'failed' && <p role="alert">查找失败：{results.reason}</p>}
      {results.state === 'loaded' && results.value.length === 0 && <p className="empty">（未找到符合条件的{spec.label}）</p>}
      {results.state === 'loaded' && results.value.length > 0 && (
        <table className="entries" data-testid="search-results">
          <caption>
            {spec.label} {results.value.length} 项{kind === 'document' && '（仅列出本人涉密等级以内的公文）'}
          </caption>
          <thead>
            <tr>
              <th scope="col">{kind === 'person' ? '姓名' : kind === 'seal' ? '名称' : kind === 'supervision' ? '工作要求' : '标题'}</th>
              {kind === 'document' && <th scope="col">文号</th>}
              {kind === 'meeting' ? <th scope="col">委员会</th> : <th scope="col">{kind === 'document' ? '发文机关代字 / 来文单位' : kind === 'supervision' ? '责任单位' : '单位'}</th>}
              <th scope="col">状态</th>
              {kind !== 'person' && <th scope="col">{kind === 'supervision' ? '办结时限' : '日期'}</th>}
            </tr>
          </thead>
          <tbody>
            {results.value.map((entry) => (
              <tr key={entry.streamId}>
                <td>
                  <Link to={`/${spec.page}/${encodeURIComponent(entry.streamId)}`}>{entry.title || '（涉密标题不在审计记录中）'}</Link>
                </td>
                {kind === 'document' && <td>{entry.number ?? '（尚未编号）'}</td>}
                <td>{kind === 'meeting' ? committeeName(entry.committeeId) : entry.units.map(kind === 'person' ? unitName : (unit) => unit).join('、')}</td>
                <td>{entry.statusLabel}</td>
                {kind !== 'person' && <td>{entry.date ? (kind === 'document' || kind === 'supervision' ? beijingDay(new Date(entry.date)) : formatTime(entry.date)) : ''}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
