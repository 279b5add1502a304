import { randomBytes } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { dropLocalDatabase, localServiceEnvironment, mintToken, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { apiClient, eventually, materialUploader, testRun } from '@oa/testing';
import { CHINA_STANDARD_TIME_OFFSET_MINUTES, localDateOf } from '@oa/core';
import { periodOf } from '@oa/domain-affairs';
import { DocumentsModule, documentsService } from '@oa/app-documents';
import { MeetingsModule, meetingsService } from '@oa/app-meetings';
import { AffairsModule, EscalationSweeper, affairsService } from '@oa/app-affairs';
import { AuditModule, FindingsJob, auditService } from '@oa/app-audit';

/**
 * 办事 across services and Kafka (SUP-1..3, DUTY-1, INFO-1, AUD-15, AUD-16): a leader's 批示 on
 * an incoming document, recorded by the documents service, becomes an instruction awaiting
 * disposition in affairs, then a task whose assigner is that leader; past its deadline the
 * schedule escalates it (催办 → 通报), and it closes with evidence accepted by the leader. A
 * meeting's adopted decision, from the meetings topic, is followed up by a task of its chair. A day
 * without a leader on duty and a late emergency report are findings of the audit's detectors
 * over the services' own events.
 */
describe('办事: supervision from an instruction, the duty roster and emergency reports (documents → affairs through Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_affairs`;
  const secret = randomBytes(32).toString('hex');
  const services: Record<'documents' | 'meetings' | 'affairs' | 'audit', RunningService> = {} as never;
  const documents = apiClient(() => services.documents.url);
  const meetings = apiClient(() => services.meetings.url);
  const affairs = apiClient(() => services.affairs.url);
  const audit = apiClient(() => services.audit.url);
  const token: Record<string, string> = {};
  const people: Record<string, [string, string, TokenClaims['roles']]> = {
    registrar: ['he.yulan', '何玉兰', ['registrar']],
    director: ['chen.weidong', '陈卫东', ['officeDirector']],
    leader: ['li.jianguo', '李建国', ['leader']],
    otherLeader: ['zhang.lixin', '张立新', ['leader']],
    handler: ['huang.xiaodong', '黄晓东', ['handler']],
    officer: ['wu.xiuying', '吴秀英', ['handler']],
    auditor: ['guo.feng', '郭峰', ['auditor']],
    secretary: ['liu.jilu', '刘记录', ['meetingSecretary']],
    chair: ['wang.shuji', '王书记', ['committeeMember', 'leader']],
  };
  const ok = async (call: ReturnType<typeof apiClient>, path: string, who: string, body?: unknown) => {
    const reply = await call('POST', path, token[who]!, body);
    if (reply.status >= 300) throw new Error(`${path} → ${reply.status} ${reply.text}`);
    return reply.body;
  };
  beforeAll(async () => {
    const env = {
      ...process.env,
      JWT_SECRET: secret,
      PORT: '0',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: `${run.topicPrefix}affairs.`,
      DOCUMENT_CONTENT_KEY: randomBytes(32).toString('hex'),
      SCHEDULE_INTERVAL_SECONDS: '0',
    };
    services.documents = await startService(documentsService, DocumentsModule, env);
    services.meetings = await startService(meetingsService, MeetingsModule, env);
    // INFO-2 an office counting quarters, two units with quotas
    services.affairs = await startService(affairsService, AffairsModule, { ...env, AFFAIRS_INFORMATION_PERIOD: 'quarter', AFFAIRS_INFORMATION_QUOTAS: 'unit-township-a=2,unit-township-b=1' });
    const auditKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    services.audit = await startService(auditService, AuditModule, { ...env, AUDIT_SIGNING_KEY: auditKey, AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0', AUDIT_STORE_CHECK_INTERVAL_SECONDS: '0' });
    for (const [key, [sub, name, roles]] of Object.entries(people)) token[key] = await mintToken({ sub, name, roles, orgUnit: '县委办公室', clearance: 'internal' }, { secret });
  });

  afterAll(async () => {
    await services.audit?.close();
    await services.affairs?.close();
    await services.meetings?.close();
    await services.documents?.close();
    await dropLocalDatabase(databaseName);
  });

  it('SUP-1 SUP-2 SUP-3 an instruction on an incoming document becomes a task of the instructing leader, goes overdue, escalates to a notice and closes with evidence', async () => {
    const documentId = (await ok(documents, '/incoming-documents', 'registrar', {
      sender: '市委办公室',
      senderDocumentNumber: '市委办发〔2026〕41号',
      title: '关于开展基层调研的通知',
      type: 'notice',
      secrecyLevel: 'none',
      copies: 1,
      urgency: 'none',
      content: '请于月底前报送调研报告。',
    }))['id'] as string;
    await ok(documents, `/incoming-documents/${documentId}/register`, 'registrar');
    await ok(documents, `/incoming-documents/${documentId}/initial-review`, 'registrar', { outcome: 'accept' });
    await ok(documents, `/incoming-documents/${documentId}/propose`, 'director', { proposal: '拟请综合科牵头办理' });
    await ok(documents, `/incoming-documents/${documentId}/instruct`, 'leader', { instruction: '请综合科牵头调研，月底前报告' });

    // the instruction arrives from the documents topic, awaiting disposition
    const instruction = await eventually(async () => {
      const lines = (await affairs('GET', '/supervision/instructions', token['auditor']!)).body as unknown as Array<{ id: string; documentId: string; leaderName: string }>;
      return lines.find((line) => line.documentId === documentId);
    }, 'the instruction in affairs');
    expect(instruction.leaderName).toBe('李建国');

    // SUP-1 the terms are the office's; the source and the assigner are the recorded instruction's
    const terms = { ownerUnit: '县委办综合科', responsiblePerson: { id: 'huang.xiaodong', name: '黄晓东' }, requirement: '报送基层调研报告', deadline: '2026-12-31' };
    const taskId = ((await ok(affairs, `/supervision/instructions/${instruction.id}/task`, 'registrar', terms)) as { id: string }).id;
    const task = (await affairs('GET', `/supervision/tasks/${taskId}`, token['auditor']!)).body;
    expect(task).toMatchObject({ status: 'open', assigner: { id: 'li.jianguo', name: '李建国' }, source: { kind: 'instruction', documentId, instructionId: instruction.id } });
    // SUP-3 one disposition: the instruction is no longer awaiting
    expect(((await affairs('GET', '/supervision/instructions', token['auditor']!)).body as unknown as unknown[]).length).toBe(0);
    expect((await affairs('POST', `/supervision/instructions/${instruction.id}/no-task`, token['registrar']!, { reason: '重复' })).body).toMatchObject({ code: 'SUP-3' });

    // SUP-2 past the deadline (the schedule's clock): 催办, then 通报 three days later
    const sweeper = services.affairs.app.get(EscalationSweeper);
    expect(await sweeper.sweep('2026-12-31T15:00:00.000Z')).toEqual([]);
    expect(await sweeper.sweep('2027-01-01T01:00:00.000Z')).toEqual([taskId]);
    expect(await sweeper.sweep('2027-01-02T01:00:00.000Z')).toEqual([]);
    expect(await sweeper.sweep('2027-01-04T02:00:00.000Z')).toEqual([taskId]);
    const history = (await affairs('GET', `/supervision/tasks/${taskId}/history`, token['auditor']!)).body as unknown as Array<{ type: string; data: { step?: string } }>;
    expect(history.filter((event) => event.type === 'SupervisionTaskEscalated').map((event) => event.data.step)).toEqual(['reminder', 'notice']);

    // SUP-2 closing: evidence required; only the assigner accepts
    expect((await affairs('POST', `/supervision/tasks/${taskId}/closing`, token['handler']!, { summary: '报告已报送', evidence: [] })).body).toMatchObject({ code: 'SUP-2' });
    await ok(affairs, `/supervision/tasks/${taskId}/closing`, 'handler', { summary: '报告已报送', evidence: [{ name: '调研报告.pdf', hash: 'a'.repeat(64) }] });
    expect((await affairs('POST', `/supervision/tasks/${taskId}/accept`, token['otherLeader']!, { opinion: '同意' })).body).toMatchObject({ code: 'SUP-2' });
    await ok(affairs, `/supervision/tasks/${taskId}/accept`, 'leader', { opinion: '同意销号' });
    const closed = (await affairs('GET', '/supervision/tasks?status=closed', token['auditor']!)).body as unknown as Array<{ id: string; escalation: string }>;
    expect(closed).toEqual([expect.objectContaining({ id: taskId, escalation: 'notice' })]);

    // 督办月报: each task as it stood at the month's end — the escalations were recorded on the schedule's clock in
    // January, the closing today: in December the task closed on time with no escalation yet; January does not list it
    const report = await fetch(`${services.affairs.url}/api/v1/supervision/report?month=2026-12`, { headers: { authorization: `Bearer ${token['auditor']}` } });
    expect([report.status, report.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    const lines = (await report.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('督办编号,来源,交办人,责任单位,责任人,工作要求,办结时限,月末状态,逾期督办,逾期');
    expect(lines.slice(1)).toEqual([`${taskId},领导批示,李建国,县委办综合科,黄晓东,报送基层调研报告,2026-12-31,已办结,,否`]);
    const january = await fetch(`${services.affairs.url}/api/v1/supervision/report?month=2027-01`, { headers: { authorization: `Bearer ${token['auditor']}` } });
    expect((await january.text()).replace(/^\uFEFF/, '').trim().split('\r\n')).toEqual([lines[0]]);
    expect((await affairs('GET', '/supervision/report?month=2026-13', token['auditor']!)).status).toBe(400);
  });

  it('SUP-1 MTG-7 a meeting’s adopted decision becomes a decision to follow up in affairs; its task is the chair’s to accept; a deferred one is refused', async () => {
    const members = [
      { memberId: 'wang.shuji', name: '王书记' },
      { memberId: 'li.jianguo', name: '李建国' },
      { memberId: 'zhang.lixin', name: '张立新' },
    ];
    const committeeId = ((await ok(meetings, '/committees', 'director', { name: '中共某某县委办公室委员会', members, effectiveFrom: '2026-01-01' })) as { id: string }).id;
    const startsAt = new Date(Date.now() - 3_600_000).toISOString();
    const meetingId = ((await ok(meetings, '/meetings', 'secretary', {
      kind: 'committee', title: '2026年第12次党委会', committeeId, chairId: 'wang.shuji', recorderId: 'liu.jilu',
      startsAt, endsAt: new Date(Date.now() + 3_600_000).toISOString(), place: '第一会议室',
    })) as { id: string }).id;
    const meeting = `/meetings/${meetingId}`;
    const items: string[] = [];
    for (const title of ['关于老旧小区改造资金安排的议题', '关于调整机关食堂管理办法的议题']) {
      const itemId = ((await ok(meetings, `${meeting}/agenda-items`, 'director', { title })) as { itemId: string }).itemId;
      await materialUploader(() => services.meetings.url)(meetingId, itemId, token['director']!, '材料.pdf');
      await ok(meetings, `${meeting}/agenda-items/${itemId}/check`, 'secretary', { comment: '材料齐全' });
      await ok(meetings, `${meeting}/agenda-items/${itemId}/put-on-agenda`, 'chair');
      items.push(itemId);
    }
    const [adoptedItem, deferredItem] = items as [string, string];
    await ok(meetings, `${meeting}/attendance`, 'secretary', { present: members.map((member) => member.memberId), absent: [], nonVotingAttendees: [] });
    await ok(meetings, `${meeting}/open`, 'secretary');
    await ok(meetings, `${meeting}/agenda-items/${adoptedItem}/votes`, 'secretary', { method: 'showOfHands', ballots: members.map(({ memberId }) => ({ memberId, choice: 'for' })) });
    await ok(meetings, `${meeting}/agenda-items/${adoptedItem}/decision`, 'secretary', { outcome: 'adopted', text: '同意分两期拨付改造资金' });
    await ok(meetings, `${meeting}/agenda-items/${deferredItem}/decision`, 'secretary', { outcome: 'deferred', text: '下次再议' });

    // the adopted decision arrives from the meetings topic; the deferred one is recorded, not listed
    const decision = await eventually(async () => {
      const lines = (await affairs('GET', `/supervision/decisions?meetingId=${meetingId}`, token['auditor']!)).body as unknown as Array<{ id: string; itemId: string; chairName: string; tasks: number }>;
      return lines.length > 0 ? lines : undefined;
    }, 'the decision in affairs');
    // before the directory is in force nothing names the chair: the id stands for the name
    expect(decision).toEqual([expect.objectContaining({ itemId: adoptedItem, title: '关于老旧小区改造资金安排的议题', chairName: 'wang.shuji', tasks: 0 })]);
    const history = (await meetings('GET', `${meeting}/history`, token['chair']!)).body as unknown as Array<{ eventId: string; type: string; data: { itemId?: string } }>;
    const deferred = history.find((event) => event.type === 'DecisionRecorded' && event.data.itemId === deferredItem)!.eventId;
    await eventually(async () => ((await affairs('GET', `/supervision/decisions/${deferred}`, token['auditor']!)).status === 200 ? true : undefined), 'the deferred decision in affairs');

    // SUP-1 the source and the assigner are the recorded decision's; several tasks may follow one decision
    const terms = { ownerUnit: '县财政局', responsiblePerson: { id: 'huang.xiaodong', name: '黄晓东' }, requirement: '年底前拨付第一期资金', deadline: '2099-12-31' };
    expect((await affairs('POST', `/supervision/decisions/${deferred}/tasks`, token['registrar']!, terms)).body).toMatchObject({ code: 'SUP-1' });
    const first = ((await ok(affairs, `/supervision/decisions/${decision[0]!.id}/tasks`, 'registrar', terms)) as { id: string }).id;
    await ok(affairs, `/supervision/decisions/${decision[0]!.id}/tasks`, 'registrar', { ...terms, requirement: '次年一季度拨付第二期资金' });
    expect((await affairs('GET', `/supervision/tasks/${first}`, token['auditor']!)).body).toMatchObject({
      status: 'open',
      source: { kind: 'meetingDecision', meetingId, itemId: adoptedItem },
      assigner: { id: 'wang.shuji' },
    });
    expect(((await affairs('GET', `/supervision/decisions?meetingId=${meetingId}`, token['auditor']!)).body as unknown as Array<{ tasks: number }>)[0]!.tasks).toBe(2);

    // SUP-2 the chair accepts the closing, not another leader
    await ok(affairs, `/supervision/tasks/${first}/closing`, 'handler', { summary: '第一期资金已拨付', evidence: [{ name: '拨款凭证.pdf', hash: 'b'.repeat(64) }] });
    expect((await affairs('POST', `/supervision/tasks/${first}/accept`, token['leader']!, { opinion: '同意' })).body).toMatchObject({ code: 'SUP-2' });
    await ok(affairs, `/supervision/tasks/${first}/accept`, 'chair', { opinion: '同意销号' });
  });

  it('INFO-2 counts submissions in the configured quarter and lists the units below their quota; a month is refused there', async () => {
    const submission = (unitId: string) => ({ unitId, title: '冬季安全生产检查情况', contentHash: 'c'.repeat(64) });
    expect((await affairs('POST', '/information-submissions', token['handler']!, { ...submission('unit-township-a'), contentHash: 'abc' })).status).toBe(400);
    const { id } = (await ok(affairs, '/information-submissions', 'handler', submission('unit-township-a'))) as { id: string };
    await ok(affairs, '/information-submissions', 'officer', submission('unit-township-b'));
    const quarter = periodOf(localDateOf(new Date().toISOString(), CHINA_STANDARD_TIME_OFFSET_MINUTES), 'quarter');
    const [submitted] = await services.affairs.runtime.dataSource.query(`SELECT data FROM "affairs".events WHERE stream_id = $1`, [id]);
    expect(submitted.data.period).toBe(quarter);
    expect((await affairs('GET', `/information-submissions/below-quota?period=${quarter}`, token['auditor']!)).body).toEqual([{ unitId: 'unit-township-a', submitted: 1, quota: 2 }]);
    const month = await affairs('GET', `/information-submissions/below-quota?period=${quarter.slice(0, 4)}-12`, token['auditor']!);
    expect([month.status, month.body['code'], month.body['detail']]).toEqual([400, 'INFO-2', '本单位按季度统计信息报送，期间须写作 年-Q季度，如 2026-Q4']);
  });

  it('DUTY-1 INFO-1 AUD-16 the audit finds a day without a roster, a shift taken without a handover and an emergency first report 40 minutes late; a roster without a leader is refused', async () => {
    const roster = { leaderOnDuty: { id: 'chen.weidong', name: '陈卫东' }, officers: [{ id: 'wu.xiuying', name: '吴秀英' }, { id: 'huang.xiaodong', name: '黄晓东' }] };
    expect((await affairs('POST', '/duty-days/2026-11-02/roster', token['director']!, { ...roster, leaderOnDuty: { id: '', name: '' } })).status).toBe(400);
    expect((await affairs('POST', '/duty-days/2026-11-02/roster', token['director']!, { ...roster, officers: [] })).status).toBe(400);
    expect((await affairs('POST', '/duty-days/2026-13-02/roster', token['director']!, roster)).body).toMatchObject({ code: 'COMMON.INVALID_DATE' });
    // two past days on the roster, the day between them not; the second day's night officer took over with a handover
    await ok(affairs, '/duty-days/2026-11-02/roster', 'director', roster);
    await ok(affairs, '/duty-days/2026-11-04/roster', 'director', roster);
    expect((await affairs('POST', '/duty-days/2026-11-04/handovers', token['handler']!, { incomingOfficer: { id: 'huang.xiaodong', name: '黄晓东' } })).body).toMatchObject({ code: 'DUTY-1' });
    await ok(affairs, '/duty-days/2026-11-04/handovers', 'officer', { incomingOfficer: { id: 'huang.xiaodong', name: '黄晓东' }, openItems: ['某镇道路塌方续报'] });

    // the period's duty log: the rosters and the handover with its open item, in order
    const log = await fetch(`${services.affairs.url}/api/v1/duty-log?from=2026-11-02&to=2026-11-04`, { headers: { authorization: `Bearer ${token['auditor']}` } });
    const rows = (await log.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows.map((row) => row.split(',').slice(0, 2).join(','))).toEqual(['值班日期,类别', '2026-11-02,排班', '2026-11-04,排班', '2026-11-04,交接班']);
    expect(rows[3]).toContain('吴秀英 交 黄晓东；未办结：某镇道路塌方续报');
    expect((await affairs('GET', '/duty-log?from=2026-11-04&to=2026-11-02', token['auditor']!)).body).toMatchObject({ code: 'AFFAIRS.INVALID_INPUT' });

    // INFO-1 learnt of 40 minutes ago
    const learntAt = new Date(Date.now() - 40 * 60_000).toISOString();
    const first = (await ok(affairs, '/emergency-reports', 'officer', { learntAt, what: '道路塌方，无人员伤亡', where: '某镇某村村道', when: '9时许', recipients: ['市委办公室'] })) as { id: string };
    expect((await affairs('POST', `/emergency-reports/${first.id}/final`, token['officer']!, { cause: '', outcome: '已抢通', recipients: ['市委办公室'] })).status).toBe(400);
    await ok(affairs, `/emergency-reports/${first.id}/final`, 'officer', { cause: '连日降雨', outcome: '已抢通', recipients: ['市委办公室'] });

    // the audit reads the affairs topic and runs its detectors over the trail
    await eventually(async () => {
      const entries = (await audit('GET', '/audit/entries?service=affairs&type=EmergencyFinalReported', token['auditor']!)).body as unknown as unknown[];
      return entries.length > 0 ? true : undefined;
    }, 'the affairs events in the audit trail');
    await services.audit.app.get(FindingsJob).runOnce(new Date());
    const findings = (await audit('GET', '/audit/findings?rule=AUD-16', token['auditor']!)).body as unknown as Array<{ title: string; detail: string }>;
    // the gaps: the 3rd, and every day since the 5th (nothing was scheduled after the 4th)
    expect(findings.map((found) => [found.title, JSON.stringify(found.detail)]).sort()).toEqual(
      [
        ['值班日无值班安排', expect.stringContaining('自 2026-11-03 起没有值班安排')],
        ['值班日无值班安排', expect.stringContaining('自 2026-11-05 起没有值班安排')],
        ['值班未交接班', expect.stringContaining('2026-11-02 值班员黄晓东接班时没有交接班记录')],
        ['突发事件首报超时', expect.stringContaining('晚于规定的 30 分钟')],
      ].sort(),
    );
  });
});
