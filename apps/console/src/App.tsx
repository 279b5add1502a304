import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, claimsOf, getAudit, session } from './api';
import { ArchiveItemPage } from './pages/ArchiveItemPage';
import { DocumentPage } from './pages/DocumentPage';
import { DutyDayPage } from './pages/DutyDayPage';
import { FindingsPage } from './pages/FindingsPage';
import { MeetingPage } from './pages/MeetingPage';
import { OverviewPage } from './pages/OverviewPage';
import { SearchPage } from './pages/SearchPage';
import { PersonPage } from './pages/PersonPage';
import { SealPage } from './pages/SealPage';
import { SupervisionPage } from './pages/SupervisionPage';
import { Link, navigate, useRoute } from './router';

const AUDITOR_ROLES = ['auditor', 'securityAuditor'];

/** 登录: the token `npx oa mint-token` issued, checked against the audit API before it is kept. */
function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const claims = claimsOf(token.trim());
    if (!claims) return setProblem('令牌格式不正确');
    if (!claims.roles.some((role) => AUDITOR_ROLES.includes(role))) return setProblem('该令牌没有审计员角色（auditor 或 securityAuditor）');
    session.signIn(token.trim());
    try {
      await getAudit('/logs');
      onSignedIn();
    } catch (error) {
      session.signOut();
      setProblem(error instanceof ApiError ? `${error.message}（${error.code}）` : String(error));
    }
  };
  return (
    <main id="main" className="sign-in">
      <h1>审计核查台</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="token">访问令牌（由管理员用 npx oa mint-token 签发）</label>
        <textarea id="token" rows={5} value={token} onChange={(event) => setToken(event.target.value)} required autoFocus />
        <button type="submit">登录</button>
        {problem && <p role="alert">{problem}</p>}
      </form>
    </main>
  );
}

const KINDS: ReadonlyArray<[string, string]> = [
  ['seals', '印章'],
  ['meetings', '会议'],
  ['documents', '公文'],
  ['archive-items', '档案'],
  ['people', '人员'],
  ['supervision', '督办'],
  ['duty-days', '值班日'],
];

/** Open anything by its identifier: what an inspection starts from. */
function OpenById() {
  const [kind, setKind] = useState('seals');
  const [id, setId] = useState('');
  return (
    <form
      className="open-by-id"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        if (id.trim()) navigate(`/${kind}/${encodeURIComponent(id.trim())}`);
      }}
    >
      <label htmlFor="open-kind">查看</label>
      <select id="open-kind" value={kind} onChange={(event) => setKind(event.target.value)}>
        {KINDS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <label htmlFor="open-id" className="visually-hidden">
        编号
      </label>
      <input id="open-id" value={id} onChange={(event) => setId(event.target.value)} placeholder="编号" />
      <button type="submit">打开</button>
    </form>
  );
}

function Page({ route }: { route: string[] }) {
  const [kind, id] = route;
  if (kind === 'seals' && id) return <SealPage key={id} sealId={id} />;
  if (kind === 'meetings' && id) return <MeetingPage key={id} meetingId={id} />;
  if (kind === 'documents' && id) return <DocumentPage key={id} documentId={id} />;
  if (kind === 'archive-items' && id) return <ArchiveItemPage key={id} itemId={id} />;
  if (kind === 'people' && id) return <PersonPage key={id} actorId={id} />;
  if (kind === 'supervision' && id) return <SupervisionPage key={id} taskId={id} />;
  if (kind === 'duty-days' && id) return <DutyDayPage key={id} date={id} />;
  if (kind === 'search') return <SearchPage key={id} kind={id === 'meeting' || id === 'document' || id === 'person' || id === 'supervision' ? id : 'seal'} />;
  if (kind === 'findings') return <FindingsPage />;
  return <OverviewPage />;
}

export function App() {
  const [signedIn, setSignedIn] = useState(() => session.token() !== null);
  const route = useRoute();
  const path = route.join('/');
  // a new page: the focus goes to its content, where a screen reader starts reading
  useEffect(() => document.getElementById('main')?.focus(), [path]);
  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  const claims = claimsOf(session.token()!);
  return (
    <>
      {/* the hash is the route, so the skip link moves the focus itself */}
      <a
        className="skip"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        跳到正文
      </a>
      <header>
        <nav aria-label="主导航">
          <Link to="/overview">概览</Link>
          <Link to="/search/seal">查找</Link>
          <Link to="/findings">合规发现</Link>
        </nav>
        <OpenById />
        <span className="who">{claims?.name}</span>
        <button
          type="button"
          onClick={() => {
            session.signOut();
            setSignedIn(false);
          }}
        >
          退出
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </>
  );
}
