import { Client } from 'pg';
import { execFile, spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dropLocalDatabase, ensureLocalDatabase, localServiceEnvironment, mintToken, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { apiClient, asSuperuser, eventually, ManualClock, materialUploader, testRun } from '@oa/testing';
import { ArchivesModule, archivesService } from '@oa/app-archives';
import { AuditModule, FindingsJob, auditService } from '@oa/app-audit';
import { DocumentsModule, documentsService } from '@oa/app-documents';
import { MeetingsModule, meetingsService } from '@oa/app-meetings';
import { SealsModule, sealsService } from '@oa/app-seals';

type Json = Record<string, unknown>;
type Entry = { eventId: string; type: string; streamVersion: number; chainStatus: string; actor: { id: string; name: string }; recordedAt: string; data: Json };
type Service = 'documents' | 'meetings' | 'archives' | 'seals' | 'audit';

const execute = promisify(execFile);
const root = join(__dirname, '..');
const HASH = `sha256:${'cd'.repeat(32)}`;
const MEMBERS = [
  { memberId: 'u-m1', name: '王书记' },
  { memberId: 'u-m2', name: '李委员' },
  { memberId: 'u-m3', name: '张委员' },
];

/**
 * Issue 12, "What must be shown", across all five services on real PostgreSQL and Kafka: a seal
 * handed over and then used for a signed-off document, a meeting whose minutes are amended,
 * the document filed in the archives — then the auditor's queries tell the whole story from
 * the audit trail alone (histories, states as of an instant, one person's doings, findings),
 * a checkpoint's inclusion proof verifies offline, and `oa audit-rebuild` run as a process
 * rebuilds the trail from offset zero with the same roots (and says so when the running
 * store was altered behind its triggers).
 */
describe('the audit trail across all services (real PostgreSQL, real Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_trail`;
  const topicPrefix = `${run.topicPrefix}trail.`;
  const secret = randomBytes(32).toString('hex');
  const keys = generateKeyPairSync('ed25519');
  const signingKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const dir = mkdtempSync(join(tmpdir(), 'audit-trail-'));
  const publicKeyFile = join(dir, 'audit-public.pem');
  writeFileSync(publicKeyFile, keys.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // Tuesday 2026-12-01, 09:00 in Beijing; every service decides on this clock
  const clock = new ManualClock(new Date('2026-12-01T01:00:00.000Z'));
  const services = {} as Record<Service, RunningService>;
  const clients = {} as Record<Service, ReturnType<typeof apiClient>>;
  const token: Record<string, string> = {};
  const people: Record<string, [string, string, TokenClaims['roles']]> = {
    director: ['u-director', '周主任', ['officeDirector']],
    drafter: ['u-drafter', '张拟稿', ['drafter']],
    reviewer: ['u-reviewer', '李核稿', ['reviewer']],
    signer: ['u-signer', '王签发', ['signer', 'leader']],
    registrar: ['u-registrar', '刘收发', ['registrar']],
    keeper: ['u-keeper', '李保管', ['sealKeeper']],
    keeper2: ['u-keeper-2', '何保管', ['sealKeeper']],
    recorder: ['u-recorder', '刘记录', ['meetingSecretary']],
    chair: ['u-m1', '王书记', ['committeeMember']],
    archivist: ['u-archivist', '钱档案', ['archivist']],
    auditor: ['u-auditor', '吴巡察', ['auditor']],
  };
  let databaseUrl: string;
  /** The test's own hand on the run's database (the superuser): it reads across the services' schemas, which no service's role may. */
  const harness = async (sql: string): Promise<Array<Record<string, string>>> => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Array<Record<string, string>>;
    } finally {
      await client.end();
    }
  };

  const ok = async (service: Service, path: string, who: string, body?: unknown): Promise<Json> => {
    clock.advance(1);
    const reply = await clients[service]('POST', path, token[who]!, body);
    if (reply.status >= 300) throw new Error(`POST ${path} → ${reply.status} ${reply.text}`);
    return reply.body;
  };
  const audit = async <T>(path: string): Promise<T> => {
    const reply = await clients.audit('GET', path, token['auditor']!);
    if (reply.status !== 200) throw new Error(`GET ${path} → ${reply.status} ${reply.text}`);
    return reply.body as unknown as T;
  };
  /** Every event of every service's store is in the audit trail. */
  const trailCaughtUp = () =>
    eventually(async () => {
      // the test's own hand: no service's role may read another's schema
      const [row] = await harness(
        `SELECT (SELECT count(*) FROM "documents".events) + (SELECT count(*) FROM "meetings".events) + (SELECT count(*) FROM "archives".events)
              + (SELECT count(*) FROM "seals".events) + (SELECT count(*) FROM "audit".events) AS stored,
                (SELECT count(*) FROM "audit".entries) AS audited`,
      );
      return Number(row.stored) === Number(row.audited) ? Number(row.audited) : undefined;
    }, 'the audit trail to hold every stored event');
  const oa = async (args: string[]) => {
    try {
      const { stdout, stderr } = await execute(process.execPath, [join(root, 'tools/cli/oa.js'), ...args], {
        cwd: root,
        env: { ...process.env, OA_AUDIT_URL: services.audit.url, DATABASE_OWNER_URL: databaseUrl, KAFKA_BROKERS: run.kafkaBrokers.join(','), KAFKA_TOPIC_PREFIX: topicPrefix, JWT_SECRET: secret, AUDIT_SIGNING_KEY: signingKey },
        maxBuffer: 16 * 1024 * 1024,
      });
      return { code: 0, out: `${stdout}${stderr}` };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: `${failed.stdout}${failed.stderr}` };
    }
  };

  beforeAll(async () => {
    databaseUrl = await ensureLocalDatabase(databaseName);
    const env = {
      ...process.env,
      JWT_SECRET: secret,
      PORT: '0',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      SCHEDULE_INTERVAL_SECONDS: '0',
      DOCUMENT_CONTENT_KEY: randomBytes(32).toString('hex'),
      MEETING_CONTENT_KEY: randomBytes(32).toString('hex'),
      AUDIT_SIGNING_KEY: signingKey,
    };
    services.audit = await startService(auditService, AuditModule, env, clock);
    services.seals = await startService(sealsService, SealsModule, env, clock);
    services.documents = await startService(documentsService, DocumentsModule, env, clock);
    services.meetings = await startService(meetingsService, MeetingsModule, env, clock);
    // FILE-4 the archives copy each component from its source over the internal API
    services.archives = await startService(archivesService, ArchivesModule, { ...env, ARCHIVES_SOURCE_URLS: `documents=${services.documents.url},meetings=${services.meetings.url}` }, clock);
    for (const name of Object.keys(services) as Service[]) clients[name] = apiClient(() => services[name].url);
    for (const [key, [sub, name, roles]] of Object.entries(people)) {
      token[key] = await mintToken({ sub, name, roles, orgUnit: '办公室', clearance: 'internal' }, { secret, now: clock.now(), lifetimeSeconds: 30 * 86400 });
    }
  }, 120_000);

  afterAll(async () => {
    for (const service of ['archives', 'meetings', 'documents', 'seals', 'audit'] as const) await services[service]?.close();
    await dropLocalDatabase(databaseName);
  });

  const story = {} as { sealId: string; beforeHandover: string; applicationId: string; documentId: string; meetingId: string; beforeAmendment: string; archiveItemId: string };

  it('lives through a seal handover and use, a signed-off document, amended minutes and a filing', async () => {
    // 印章: registered with a keeper, then handed over to another before it is used
    story.sealId = (await ok('seals', '/seals', 'director', { kind: 'office', name: '某某县委办公室印章', owningUnit: '办公室', engravingApprovalReference: '某公安备〔2026〕3号', impressionImageHash: HASH }))['id'] as string;
    await ok('seals', `/seals/${story.sealId}/keeper`, 'director', { keeperId: 'u-keeper', keeperName: '李保管' });
    await ok('seals', `/seals/${story.sealId}/activate`, 'director');
    story.beforeHandover = clock.advance(60).toISOString();
    const { handoverId } = (await ok('seals', `/seals/${story.sealId}/handovers`, 'director', { incomingKeeperId: 'u-keeper-2', incomingKeeperName: '何保管', witnessId: 'u-witness', witnessName: '王监交' })) as { handoverId: string };
    await ok('seals', `/seals/${story.sealId}/handovers/confirm`, 'keeper', { handoverId });
    await ok('seals', `/seals/${story.sealId}/handovers/confirm`, 'keeper2', { handoverId });

    // 公文: drafted, reviewed, signed off; the seal used for it once the sign-off crossed Kafka (SEAL-7)
    story.documentId = (await ok('documents', '/outgoing-documents', 'drafter', {
      type: 'notice',
      title: '关于做好年终工作的通知',
      issuerCode: '县委办发',
      mainRecipients: [{ name: '各乡镇党委', kind: 'organ', relation: 'subordinate' }],
      secrecyLevel: 'none',
      urgency: 'none',
      content: '请各单位做好年终工作。',
    }))['id'] as string;
    const documentPath = `/outgoing-documents/${story.documentId}`;
    await ok('documents', `${documentPath}/submit`, 'drafter');
    await ok('documents', `${documentPath}/review`, 'reviewer', { decision: 'approve', comments: '同意' });
    await ok('documents', `${documentPath}/sign-off`, 'signer', { opinion: '同意印发' });
    await ok('documents', `${documentPath}/recheck`, 'registrar', { substantiveChange: false });
    await ok('documents', `${documentPath}/register`, 'registrar', { copies: 30 });
    const application = { sealId: story.sealId, purpose: '印发通知', documentTitle: '关于做好年终工作的通知', documentId: story.documentId, copies: 30, impressions: 1, paperKind: 'prepared' };
    story.applicationId = await eventually(async () => {
      const reply = await clients.seals('POST', '/seal-applications', token['drafter']!, application);
      return reply.status === 201 ? (reply.body['id'] as string) : undefined;
    }, 'the sign-off to reach the seals service');
    // SEAL-7: stamped once the registration (its number) has reached the seals service too
    await eventually(async () => {
      const reply = await clients.seals('POST', `/seal-applications/${story.applicationId}/usages`, token['keeper2']!, { copies: 30, impressions: 1, witnessId: 'u-witness', witnessName: '王监印' });
      return reply.status === 201 ? true : undefined;
    }, 'the registration to reach the seals service');
    await eventually(async () => ((await clients.documents('GET', documentPath, token['auditor']!)).body['status'] === 'sealed' ? true : undefined), 'the sealing to reach the documents service');
    await ok('documents', `${documentPath}/distribute`, 'registrar', { deliveries: [{ recipient: '各乡镇党委', copies: 30 }] });
    await ok('documents', `${documentPath}/hand-off`, 'registrar');

    // 档案: the hand-off becomes a filing candidate over Kafka; the archivist files it
    const candidate = await eventually(async () => {
      const rows = (await clients.archives('GET', '/filing-candidates', token['archivist']!)).body as unknown as Array<{ id: string; sourceId: string }>;
      return rows.find((row) => row.sourceId === story.documentId);
    }, 'the document to become a filing candidate');
    story.archiveItemId = candidate.id;
    // FILE-4 the archives copied the 正文 from the documents service, which recorded the release
    const copied = await eventually(async () => {
      const item = (await clients.archives('GET', `/archive-items/${story.archiveItemId}`, token['archivist']!)).body as { copies?: Array<{ sha256: string; receivedFrom: string }> };
      return item.copies && item.copies.length > 0 ? item.copies : undefined;
    }, 'the archives to copy the document');
    expect(copied).toMatchObject([{ receivedFrom: 'documents' }]);
    const released = (await clients.documents('GET', `${documentPath}/history`, token['auditor']!)).body as unknown as Array<{ type: string; data: { sha256?: string } }>;
    expect(released.filter((entry) => entry.type === 'OutgoingDocumentFilingCopyReleased').map((entry) => entry.data.sha256)).toEqual([copied[0]!.sha256]);
    const filed = await ok('archives', `/archive-items/${story.archiveItemId}/file`, 'archivist', { fondsCode: 'Z109', year: 2026, retention: 'Y', organisationCode: 'BGS', pages: 2 });
    expect(filed['archivalCode']).toBe('Z109-WS·2026-Y-BGS-0001');

    // 会议: a committee of three, one item decided unanimously, minutes finalized and then amended
    const committeeId = (await ok('meetings', '/committees', 'director', { name: '中共某某县委办公室委员会', members: MEMBERS, effectiveFrom: '2026-01-01' }))['id'] as string;
    const startsAt = new Date(clock.now().getTime() + 60 * 60_000).toISOString();
    story.meetingId = (await ok('meetings', '/meetings', 'recorder', {
      kind: 'committee', title: '2026年第16次党委会', committeeId, chairId: 'u-m1', recorderId: 'u-recorder', startsAt, endsAt: new Date(Date.parse(startsAt) + 3 * 3600_000).toISOString(), place: '机关二楼会议室',
    }))['id'] as string;
    const meetingPath = `/meetings/${story.meetingId}`;
    await ok('meetings', `${meetingPath}/notices`, 'director', { recipients: MEMBERS.map(({ memberId, name }) => ({ personId: memberId, name })), contentHash: HASH });
    const itemId = (await ok('meetings', `${meetingPath}/agenda-items`, 'director', { title: '关于调整机关食堂管理办法的议题', submittingUnit: '办公室' }))['itemId'] as string;
    await materialUploader(() => services.meetings.url)(story.meetingId, itemId, token['director']!, '办法.pdf');
    await ok('meetings', `${meetingPath}/agenda-items/${itemId}/check`, 'recorder', { comment: '材料齐全' });
    await ok('meetings', `${meetingPath}/agenda-items/${itemId}/put-on-agenda`, 'chair');
    clock.set(startsAt);
    await ok('meetings', `${meetingPath}/attendance`, 'recorder', { present: MEMBERS.map((member) => member.memberId), absent: [], nonVotingAttendees: [] });
    await ok('meetings', `${meetingPath}/open`, 'recorder');
    for (const speakerId of ['u-m2', 'u-m3', 'u-m1']) await ok('meetings', `${meetingPath}/agenda-items/${itemId}/speeches`, 'recorder', { speakerId, view: '同意' });
    await ok('meetings', `${meetingPath}/agenda-items/${itemId}/votes`, 'recorder', { method: 'namedBallot', ballots: MEMBERS.map(({ memberId }) => ({ memberId, choice: 'for' })) });
    await ok('meetings', `${meetingPath}/agenda-items/${itemId}/decision`, 'recorder', { outcome: 'adopted', text: '同意调整机关食堂管理办法' });
    await ok('meetings', `${meetingPath}/close`, 'recorder');
    clock.advance(30);
    await ok('meetings', `${meetingPath}/minutes`, 'recorder', { secrecyLevel: 'internal' });
    await ok('meetings', `${meetingPath}/minutes/sign`, 'recorder');
    await ok('meetings', `${meetingPath}/minutes/sign`, 'chair');
    story.beforeAmendment = clock.advance(60).toISOString();
    const content = (await clients.meetings('GET', `${meetingPath}/minutes`, token['auditor']!)).body['content'] as Json & { items: Json[] };
    const corrected = { ...content, items: content.items.map((item) => ({ ...item, decision: '同意调整机关食堂管理办法，自2027年1月1日起施行' })) };
    const { amendmentId } = (await ok('meetings', `${meetingPath}/minutes/amendments`, 'recorder', { reason: '决定内容漏记施行日期', content: corrected })) as { amendmentId: string };
    await ok('meetings', `${meetingPath}/minutes/amendments/${amendmentId}/approve`, 'chair');

    expect(await trailCaughtUp()).toBeGreaterThan(40);
  }, 180_000);

  it('tells the seal’s story from the trail: handover, use with keeper and witness, the keeper as of any instant', async () => {
    const history = await audit<Entry[]>(`/audit/streams/${story.sealId}/history?streamType=seal`);
    expect(history.map((entry) => entry.type)).toEqual(['SealRegistered', 'SealKeeperAssigned', 'SealActivated', 'SealHandoverInitiated', 'SealHandoverConfirmed', 'SealHandoverConfirmed', 'SealHandedOver']);
    expect(history.every((entry) => entry.chainStatus === 'ok')).toBe(true);
    expect(history.map((entry) => entry.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(history[4]!.actor).toMatchObject({ id: 'u-keeper', name: '李保管' });

    expect(await audit(`/audit/streams/${story.sealId}/state?streamType=seal&asOf=${story.beforeHandover}`)).toMatchObject({ version: 3, chainIntact: true, state: { keeperId: 'u-keeper', keeperName: '李保管', status: 'active' } });
    expect(await audit(`/audit/streams/${story.sealId}/state?streamType=seal`)).toMatchObject({ version: 7, state: { keeperId: 'u-keeper-2', keeperName: '何保管' } });

    const usage = await audit<Entry[]>(`/audit/streams/${story.applicationId}/history?streamType=sealUsageApplication`);
    const used = usage.find((entry) => entry.type === 'SealUsageRecorded')!;
    expect(used).toMatchObject({ actor: { id: 'u-keeper-2' }, data: expect.objectContaining({ witnessId: 'u-witness', witnessName: '王监印', impressions: 1 }) });
    expect(JSON.stringify(usage[1]!.data)).toContain('u-signer'); // approved by the document's sign-off (SEAL-7)
    const keeperDid = await audit<Entry[]>(`/audit/actors/u-keeper-2/entries`);
    expect(keeperDid.map((entry) => entry.type)).toEqual(expect.arrayContaining(['SealHandoverConfirmed', 'SealUsageRecorded']));
  });

  it('tells the document’s story: drafted to filed, the seal usage that stamped it, the archival code it got', async () => {
    const history = await audit<Entry[]>(`/audit/streams/${story.documentId}/history?streamType=outgoingDocument`);
    const types = history.map((entry) => entry.type);
    expect(types[0]).toBe('OutgoingDocumentDrafted');
    expect(types).toEqual(expect.arrayContaining(['OutgoingDocumentSignedOff', 'OutgoingDocumentRegistered', 'OutgoingDocumentSealed', 'OutgoingDocumentDistributed', 'OutgoingDocumentHandedOffForFiling']));
    expect(history.find((entry) => entry.type === 'OutgoingDocumentSignedOff')!.actor.id).toBe('u-signer');
    expect(history.find((entry) => entry.type === 'OutgoingDocumentSealed')!.data).toMatchObject({ sealId: story.sealId });
    expect(await audit(`/audit/streams/${story.documentId}/state?streamType=outgoingDocument`)).toMatchObject({ service: 'documents', state: { status: 'filed' } });

    const archive = await audit<Entry[]>(`/audit/streams/${story.archiveItemId}/history?streamType=archiveItem`);
    expect(archive.map((entry) => entry.type)).toEqual(expect.arrayContaining(['ArchiveItemFiled']));
    expect(await audit(`/audit/streams/${story.archiveItemId}/state?streamType=archiveItem`)).toMatchObject({ state: { status: 'filed', archivalCode: 'Z109-WS·2026-Y-BGS-0001' } });
  });

  it('tells the meeting’s story: the vote, the minutes before and after their amendment', async () => {
    const meeting = await audit<Entry[]>(`/audit/streams/${story.meetingId}/history?streamType=meeting`);
    expect(meeting.map((entry) => entry.type)).toEqual(expect.arrayContaining(['MeetingNoticeIssued', 'AttendanceRecorded', 'VoteRecorded', 'DecisionRecorded', 'MeetingClosed']));
    const minutesId = `minutes-${story.meetingId}`;
    const before = await audit<{ state: { status: string; versions: Array<{ content: { items: Json[] } }> } }>(`/audit/streams/${minutesId}/state?streamType=minutes&asOf=${story.beforeAmendment}`);
    const after = await audit<{ state: { status: string; versions: Array<{ content: { items: Json[] } }> } }>(`/audit/streams/${minutesId}/state?streamType=minutes`);
    expect(before.state.status).toBe('finalized');
    expect(before.state.versions).toHaveLength(1);
    expect(after.state.versions).toHaveLength(2);
    expect(JSON.stringify(after.state.versions[1])).toContain('自2027年1月1日起施行');
    expect(JSON.stringify(before.state.versions[0])).not.toContain('自2027年1月1日起施行');
  });

  it('finds no broken chain, proves an entry against a signed checkpoint, and rebuilds the same roots with `oa audit-rebuild`', async () => {
    await services.audit.app.get(FindingsJob).runOnce(clock.now());
    expect(await audit(`/audit/findings?rule=AUD-10`)).toEqual([]);
    // AUD-6: the amendment after finalization is raised for review
    expect(await audit(`/audit/findings?rule=AUD-6`)).toEqual([expect.objectContaining({ streamIds: expect.arrayContaining([`minutes-${story.meetingId}`]) })]);

    const created = await clients.audit('POST', '/audit/checkpoints', token['auditor']!);
    expect(created.status).toBe(201);
    const used = (await audit<Entry[]>(`/audit/streams/${story.applicationId}/history?streamType=sealUsageApplication`)).find((entry) => entry.type === 'SealUsageRecorded')!;
    const proofFile = join(dir, 'inclusion.json');
    writeFileSync(proofFile, JSON.stringify(await audit(`/audit/entries/${used.eventId}/inclusion-proof`)));
    const verified = spawnSync(process.execPath, [join(root, 'tools/audit-verify/verify.mjs'), 'inclusion', proofFile, '--public-key', publicKeyFile], { encoding: 'utf8' });
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain('验证通过');

    // the inspection package: options checked before a checkpoint is signed, and an existing folder never overwritten
    const checkpoints = async () => Number((await services.audit.runtime.dataSource.query(`SELECT count(*) AS n FROM "audit".checkpoints`))[0].n);
    const signedBefore = await checkpoints();
    const packageDir = join(dir, 'package');
    const badPeriod = await oa(['inspection-package', '--out', packageDir, '--from', '2026-13-01', '--token', token['auditor']!]);
    expect([badPeriod.code, badPeriod.out]).toEqual([2, expect.stringContaining('须为带时区的 RFC 3339 时间')]);
    expect(await checkpoints()).toBe(signedBefore);
    expect(existsSync(packageDir)).toBe(false);
    // one checkpoint for every file, a proof of every entry, the verifier, and the digests of it all
    const exported = await oa(['inspection-package', '--out', packageDir, '--token', token['auditor']!]);
    expect(exported.code).toBe(0);
    expect(readdirSync(packageDir).sort()).toEqual(['SHA256SUMS', 'checkpoint.json', 'entries.csv', 'entries.jsonl', 'findings.csv', 'findings.jsonl', 'proofs', 'server-public-key.pem', 'verify.mjs', '说明.md']);
    expect(readdirSync(dir).filter((name) => name.includes('.partial-'))).toEqual([]);
    expect(spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: packageDir, encoding: 'utf8' }).status).toBe(0);
    const packaged = JSON.parse(readFileSync(join(packageDir, 'checkpoint.json'), 'utf8')) as { body: { id: number; logs: Array<{ size: number }> } };
    const lines = readFileSync(join(packageDir, 'entries.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { record: string; eventId?: string; body?: { id: number } });
    expect(lines[0]).toMatchObject({ record: 'checkpoint', body: { id: packaged.body.id } });
    expect(lines.length - 1).toBe(packaged.body.logs.reduce((sum, log) => sum + log.size, 0));
    expect(readdirSync(join(packageDir, 'proofs')).sort()).toEqual(lines.slice(1).map((line) => `${line.eventId}.json`).sort());
    expect(readFileSync(join(packageDir, 'findings.jsonl'), 'utf8')).toContain('"rule":"AUD-6"');
    expect((await oa(['inspection-package', '--out', packageDir, '--token', token['auditor']!])).code).toBe(2);

    // verified offline with the shipped verifier and the key handed over; then one entry changed: refused
    const verifyPackage = (folder: string) => spawnSync(process.execPath, [join(folder, 'verify.mjs'), 'package', folder, '--public-key', publicKeyFile], { encoding: 'utf8' });
    const offline = verifyPackage(packageDir);
    expect([offline.status, offline.stdout]).toEqual([0, expect.stringContaining(`${lines.length - 1} 条记录均与其包含证明一致并包含于检查点`)]);
    const altered = join(dir, 'package-altered');
    cpSync(packageDir, altered, { recursive: true });
    const entries = readFileSync(join(altered, 'entries.jsonl'), 'utf8');
    writeFileSync(join(altered, 'entries.jsonl'), entries.replace('王监印', '张冒充'));
    const changed = verifyPackage(altered);
    expect([changed.status, changed.stderr]).toEqual([1, expect.stringContaining('文件 entries.jsonl 与 SHA256SUMS 不符')]);
    // and with SHA256SUMS recomputed to match, as whoever changed it would: the entry no longer matches its proof
    const sums = readFileSync(join(altered, 'SHA256SUMS'), 'utf8').replace(/^[0-9a-f]{64}(?= {2}entries\.jsonl$)/m, createHash('sha256').update(readFileSync(join(altered, 'entries.jsonl'))).digest('hex'));
    writeFileSync(join(altered, 'SHA256SUMS'), sums);
    const recomputed = verifyPackage(altered);
    expect([recomputed.status, recomputed.stderr]).toEqual([1, expect.stringMatching(/记录 [0-9a-f-]+ 与其证明中的事件不符：data（记录已被改动）/)]);

    const rebuilt = await oa(['audit-rebuild', '--quiet']);
    expect(rebuilt.out).toContain('各日志的记录与根哈希与运行中的审计库一致');
    expect(rebuilt).toMatchObject({ code: 0 });
    expect(rebuilt.out).toMatch(/oa\.seals\.events\/\d .* ✓ 一致/);

    // a superuser rewrites an entry of the running store behind its triggers, its leaf hash left as it was: the rebuild
    // recomputes every leaf from its entry and tells; then the leaf column alone rewritten: told too
    const behindTriggers = (sql: string) =>
      asSuperuser(databaseUrl, async (query) => {
        await query(`ALTER TABLE "audit".entries DISABLE TRIGGER USER`);
        await query(sql, [used.eventId]);
        await query(`ALTER TABLE "audit".entries ENABLE TRIGGER USER`);
      });
    await behindTriggers(`UPDATE "audit".entries SET envelope = replace(envelope, '王监印', '张冒充') WHERE event_id = $1`);
    const rewritten = await oa(['audit-rebuild', '--quiet']);
    expect(rewritten.code).toBe(3);
    expect(rewritten.out).toContain('1 个日志不一致');
    expect(rewritten.out).toContain('1 条记录的叶哈希与其内容不符');
    await behindTriggers(`UPDATE "audit".entries SET envelope = replace(envelope, '张冒充', '王监印'), leaf_hash = repeat('0', 64) WHERE event_id = $1`);
    const misstated = await oa(['audit-rebuild', '--quiet']);
    expect(misstated.code).toBe(3);
    expect(misstated.out).toContain('1 个日志不一致');
  }, 180_000);
});
