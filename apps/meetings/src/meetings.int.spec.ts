import { createHash, randomBytes } from 'node:crypto';
import {
  accessMatrixFailures,
  dropLocalDatabase,
  localServiceEnvironment,
  ensureTopics,
  listRoutes,
  mintToken,
  startService,
  type RunningService,
  type TokenClaims,
} from '@oa/platform';
import { TopicCollector, materialUploader, testRun } from '@oa/testing';
import { SupervisionOverdueSweeper } from './application/supervision-overdue.sweeper';
import { MeetingsModule } from './meetings.module';
import { meetingsService } from './meetings.service-definition';
import { givenTaskCreatedHere } from './supervision-task-created-here.fixture';

const secret = randomBytes(32).toString('hex');

const tokenOf = (sub: string, name: string, roles: TokenClaims['roles'], orgUnit = '办公室', clearance: TokenClaims['clearance'] = 'internal') =>
  mintToken({ sub, name, orgUnit, roles, clearance }, { secret });

interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: Record<string, unknown> & Record<number, unknown>;
}

type Json = Record<string, unknown>;

const pause = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));
const HASH = `sha256:${'ab'.repeat(32)}`;
/** What the events of a 秘密 meeting carry instead of a text (MTG-10, COMMON-4). */
const digestOf = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
const MEMBERS = ['王书记', '李委员', '张委员', '赵委员', '钱委员', '孙委员', '周委员', '吴委员', '郑委员'].map((name, index) => ({ memberId: `u-m${index + 1}`, name }));
const PRESENT = MEMBERS.slice(0, 5).map((member) => member.memberId);
const ABSENT = MEMBERS.slice(5).map((member) => ({ memberId: member.memberId, reason: '公出' }));

describe('meetings service (real PostgreSQL, real Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_meetings`;
  let service: RunningService;
  let collector: TopicCollector;
  const tokens: Record<'director' | 'recorder' | 'clearedRecorder' | 'chair' | 'member' | 'clearedMember' | 'auditor' | 'handler' | 'uncleared', string> = {} as never;

  const uploadMaterial = materialUploader(() => service.url);
  const call = async (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const response = await fetch(`${service.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, headers: response.headers, text, body: isJson && text ? JSON.parse(text) : {} };
  };
  const ok = async (method: string, path: string, token: string, body?: unknown, status = 200): Promise<Json> => {
    const reply = await call(method, path, token, body);
    if (reply.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${reply.status} ${reply.text}`);
    return reply.body;
  };
  const eventCount = async (): Promise<number> => Number((await service.runtime.dataSource.query(`SELECT count(*) AS n FROM "meetings".events WHERE stream_type IN ('committee', 'meeting', 'minutes', 'supervisionTask')`))[0].n);

  const createCommittee = async (): Promise<string> =>
    (await ok('POST', '/committees', tokens.director, { name: '中共某某局委员会', members: MEMBERS, effectiveFrom: '2026-01-01' }, 201))['id'] as string;

  const scheduleMeeting = async (committeeId: string, title = '2026年第12次党委会'): Promise<string> => {
    const startsAt = new Date();
    const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
    const body = { kind: 'committee', title, committeeId, chairId: 'u-m1', recorderId: 'u-recorder', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), place: '机关三楼会议室' };
    return (await ok('POST', '/meetings', tokens.recorder, body, 201))['id'] as string;
  };

  /** Submitted, checked by the office and (unless told otherwise) put on the agenda by the chair. */
  const agendaItem = async (meetingId: string, title: string, extra: object = {}, onAgenda = true): Promise<string> => {
    const submitted = await ok('POST', `/meetings/${meetingId}/agenda-items`, tokens.director, { title, submittingUnit: '财务处', ...extra }, 201);
    const itemId = submitted['itemId'] as string;
    await uploadMaterial(meetingId, itemId, tokens.clearedRecorder, `${title}.pdf`);
    await ok('POST', `/meetings/${meetingId}/agenda-items/${itemId}/check`, tokens.recorder, { comment: '材料齐全' });
    if (onAgenda) await ok('POST', `/meetings/${meetingId}/agenda-items/${itemId}/put-on-agenda`, tokens.chair);
    return itemId;
  };

  const speakAll = async (meetingId: string, itemId: string, members: readonly string[]) => {
    // the chair (u-m1) states a position last
    for (const speakerId of [...members.filter((id) => id !== 'u-m1'), ...members.filter((id) => id === 'u-m1')]) {
      await ok('POST', `/meetings/${meetingId}/agenda-items/${itemId}/speeches`, tokens.recorder, { speakerId, view: `${speakerId}：同意` });
    }
  };

  const namedVote = (votesFor: number, voters: readonly string[] = PRESENT) => ({
    method: 'namedBallot',
    ballots: voters.map((memberId, index) => ({ memberId, choice: index < votesFor ? 'for' : 'against' })),
  });

  beforeAll(async () => {
    const env = {
      ...process.env,
      JWT_SECRET: secret,
      PORT: '0',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: `${run.topicPrefix}meetings.`,
      // MTG-10 a 党委会 with a 干部任免 item is 秘密: its texts are kept encrypted beside the stream
      MEETING_CONTENT_KEY: randomBytes(32).toString('hex'),
      // the access matrix alone sends several hundred requests
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    service = await startService(meetingsService, MeetingsModule, env);
    await ensureTopics(service.runtime.kafka, [service.runtime.topic], service.runtime.topicSettings);
    collector = await new TopicCollector(run.kafkaBrokers, service.runtime.topic).start();
    tokens.director = await tokenOf('u-director', '周主任', ['officeDirector']);
    tokens.recorder = await tokenOf('u-recorder', '刘记录', ['meetingSecretary']);
    // the recorder as cleared to 秘密: uploads the materials of a 党委会 that a 干部任免 item raises to 秘密 (MTG-10)
    tokens.clearedRecorder = await tokenOf('u-recorder', '刘记录', ['meetingSecretary'], '办公室', 'mimi');
    tokens.chair = await tokenOf('u-m1', '王书记', ['committeeMember']);
    tokens.member = await tokenOf('u-m2', '李委员', ['committeeMember']);
    // MTG-10 once the cadre item is on it the 党委会 is 秘密: read by a member cleared to 秘密 (COMMON-3), not by an auditor off its list
    tokens.clearedMember = await tokenOf('u-m2', '李委员', ['committeeMember'], '办公室', 'mimi');
    tokens.auditor = await tokenOf('u-auditor', '吴审计', ['auditor']);
    tokens.handler = await tokenOf('u-handler', '陈承办', ['handler'], '财务处');
    tokens.uncleared = await tokenOf('u-auditor-2', '郭审计', ['auditor'], '办公室', 'none');
  });

  afterAll(async () => {
    await collector?.stop();
    await service?.close();
    await dropLocalDatabase(databaseName);
  });

  describe('a committee meeting of 9 members with 5 present', () => {
    let committeeId: string;
    let meetingId: string;
    let passedItem: string;
    let failedItem: string;

    beforeAll(async () => {
      committeeId = await createCommittee();
      meetingId = await scheduleMeeting(committeeId);
    });

    it('takes the expected members from the committee on the meeting day; reads carry version, ETag and history', async () => {
      const committee = await call('GET', `/committees/${committeeId}`, tokens.auditor);
      expect(committee.status).toBe(200);
      expect(committee.headers.get('etag')).toBe('"10"');
      expect(committee.body).toMatchObject({ id: committeeId, version: 10, status: 'active', name: '中共某某局委员会' });
      expect((await call('GET', `/committees/${committeeId}/history`, tokens.auditor)).body as unknown as unknown[]).toHaveLength(10);
      const meeting = await call('GET', `/meetings/${meetingId}`, tokens.auditor);
      expect(meeting.headers.get('etag')).toBe('"1"');
      expect(meeting.body).toMatchObject({ id: meetingId, version: 1, status: 'scheduled', chairId: 'u-m1', recorderId: 'u-recorder' });
      expect(meeting.body['expectedMembers']).toEqual(MEMBERS);
    });

    it('MTG-1 MTG-2 the chair puts checked items on the agenda; attendance is recorded before opening', async () => {
      passedItem = await agendaItem(meetingId, '关于某项目资金安排的议题');
      failedItem = await agendaItem(meetingId, '关于购置公务用车的议题');
      // MTG-1 materials are files: names and hashes typed into the form are refused, and an item without a file is not checked
      const typed = await call('POST', `/meetings/${meetingId}/agenda-items`, tokens.director, { title: '未审核议题', materials: [{ name: 'a.pdf', hash: HASH }] });
      expect([typed.status, typed.body['code']]).toEqual([400, 'COMMON.VALIDATION_FAILED']);
      expect(typed.body['errors']).toEqual([{ field: 'materials', reasons: ['接口不接受字段 materials（请求中多出的字段）'] }]);
      const notChecked = (await ok('POST', `/meetings/${meetingId}/agenda-items`, tokens.director, { title: '未审核议题' }, 201))['itemId'] as string;
      const bare = await call('POST', `/meetings/${meetingId}/agenda-items/${notChecked}/check`, tokens.recorder, {});
      expect([bare.status, bare.body['code']]).toEqual([409, 'MTG-1']);
      const byMember = await call('POST', `/meetings/${meetingId}/agenda-items/${notChecked}/put-on-agenda`, tokens.member);
      expect(byMember.status).toBe(403);
      expect(byMember.body).toMatchObject({ code: 'MTG-1' });
      const early = await call('POST', `/meetings/${meetingId}/open`, tokens.recorder);
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'MTG-2' });
      await ok('POST', `/meetings/${meetingId}/attendance`, tokens.recorder, { present: PRESENT, absent: ABSENT, nonVotingAttendees: [{ personId: 'u-guest', name: '陈列席', unit: '财务处' }] });
      await ok('POST', `/meetings/${meetingId}/open`, tokens.recorder);
      expect((await call('GET', `/meetings/${meetingId}`, tokens.auditor)).body).toMatchObject({ status: 'inProgress', attendance: { present: PRESENT } });
    });

    it('MTG-5 an ordinary item passes with 5 in favour: the majority is counted against the 9 expected', async () => {
      await speakAll(meetingId, passedItem, PRESENT);
      await ok('POST', `/meetings/${meetingId}/agenda-items/${passedItem}/votes`, tokens.recorder, namedVote(5));
      await ok('POST', `/meetings/${meetingId}/agenda-items/${passedItem}/decision`, tokens.recorder, { outcome: 'adopted', text: '同意该项目资金安排' });
      const item = ((await call('GET', `/meetings/${meetingId}`, tokens.auditor)).body['items'] as Json[]).find((one) => one['itemId'] === passedItem);
      expect(item).toMatchObject({ status: 'decided', vote: { counts: { for: 5, against: 0, abstain: 0 }, expectedCount: 9, passed: true }, decision: { outcome: 'adopted' } });
    });

    it('MTG-5 an ordinary item fails with 4 in favour (a majority of those present, not of the 9)', async () => {
      await speakAll(meetingId, failedItem, PRESENT);
      await ok('POST', `/meetings/${meetingId}/agenda-items/${failedItem}/votes`, tokens.recorder, namedVote(4));
      const adopted = await call('POST', `/meetings/${meetingId}/agenda-items/${failedItem}/decision`, tokens.recorder, { outcome: 'adopted', text: '同意' });
      expect(adopted.status).toBe(409);
      expect(adopted.body).toMatchObject({ code: 'MTG-5' });
      await ok('POST', `/meetings/${meetingId}/agenda-items/${failedItem}/decision`, tokens.recorder, { outcome: 'rejected', text: '不同意购置' });
      const item = ((await call('GET', `/meetings/${meetingId}`, tokens.auditor)).body['items'] as Json[]).find((one) => one['itemId'] === failedItem);
      expect(item).toMatchObject({ vote: { counts: { for: 4, against: 1 }, passed: false }, decision: { outcome: 'rejected' } });
    });

    it('MTG-3 a cadre item with 5 of 9 present (less than two thirds) is refused although the quorum holds', async () => {
      const cadreItem = await agendaItem(meetingId, '关于某同志任职的议题', { cadreAppointment: true });
      await ok('POST', `/meetings/${meetingId}/agenda-items/${cadreItem}/votes`, tokens.recorder, namedVote(5));
      const before = await eventCount();
      const refused = await call('POST', `/meetings/${meetingId}/agenda-items/${cadreItem}/decision`, tokens.recorder, { outcome: 'adopted', text: '同意任职' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'MTG-3' });
      expect(refused.body['detail']).toContain('三分之二');
      expect(await eventCount()).toBe(before);
    });

    it('MTG-1 an item not on the agenda cannot be decided', async () => {
      const offAgenda = await agendaItem(meetingId, '临时动议事项', {}, false);
      const refused = await call('POST', `/meetings/${meetingId}/agenda-items/${offAgenda}/decision`, tokens.recorder, { outcome: 'adopted', text: '同意' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'MTG-1' });
    });

    it('MTG-4 a recused member neither speaks nor votes on the item', async () => {
      const item = await agendaItem(meetingId, '关于某工程招标的议题');
      await ok('POST', `/meetings/${meetingId}/agenda-items/${item}/recusals`, tokens.recorder, { memberId: 'u-m5', reason: '近亲属为投标单位负责人' });
      const speech = await call('POST', `/meetings/${meetingId}/agenda-items/${item}/speeches`, tokens.recorder, { speakerId: 'u-m5', view: '同意' });
      expect(speech.status).toBe(409);
      expect(speech.body).toMatchObject({ code: 'MTG-4' });
      const vote = await call('POST', `/meetings/${meetingId}/agenda-items/${item}/votes`, tokens.recorder, namedVote(5));
      expect(vote.status).toBe(400);
      expect(vote.body).toMatchObject({ code: 'MTG-4' });
    });

    it('closes the meeting; the meetings list follows', async () => {
      await ok('POST', `/meetings/${meetingId}/close`, tokens.recorder);
      const meeting = (await call('GET', `/meetings/${meetingId}`, tokens.clearedMember)).body;
      expect(meeting).toMatchObject({ status: 'closed' });
      // a 干部任免 item made the meeting 秘密 (MTG-10): it is listed to a member cleared for it, and to no one below (COMMON-3)
      const list = (await call('GET', `/meetings?committeeId=${committeeId}&status=closed`, tokens.clearedMember)).body as unknown as Json[];
      expect(list).toEqual([expect.objectContaining({ id: meetingId, committeeId, kind: 'committee', title: '2026年第12次党委会', status: 'closed', version: meeting['version'] })]);
      expect((await call('GET', `/meetings?committeeId=${committeeId}&status=closed`, tokens.member)).body).toEqual([]);
      expect((await call('GET', `/meetings?committeeId=${committeeId}&status=scheduled`, tokens.clearedMember)).body).toEqual([]);
    });

    describe('MTG-6 minutes', () => {
      let finalizedAt: string;
      let originalDecision: string;

      it('are drafted by the recorder from the proceedings and finalized by the signatures of recorder and chair', async () => {
        const byChair = await call('POST', `/meetings/${meetingId}/minutes`, tokens.chair, {});
        expect(byChair.status).toBe(403);
        // MTG-10 the meeting is 秘密 since its cadre item: minutes below that are refused, and default to it
        const lower = await call('POST', `/meetings/${meetingId}/minutes`, tokens.recorder, { secrecyLevel: 'internal' });
        expect(lower.status).toBe(400);
        expect(lower.body).toMatchObject({ code: 'MTG-10' });
        const drafted = await call('POST', `/meetings/${meetingId}/minutes`, tokens.recorder, {});
        expect(drafted.status).toBe(201);
        expect(drafted.body).toEqual({ id: meetingId, version: 1 });
        const draft = await call('GET', `/meetings/${meetingId}/minutes`, tokens.clearedMember);
        expect(draft.body).toMatchObject({ meetingId, status: 'drafted', version: 1, content: { place: '机关三楼会议室', chair: { personId: 'u-m1', name: '王书记' }, recorder: { personId: 'u-recorder', name: '刘记录' } } });
        const items = (draft.body['content'] as { items: Json[] }).items;
        expect(items.map((item) => [item['itemId'], item['outcome']])).toEqual([
          [passedItem, 'adopted'],
          [failedItem, 'rejected'],
        ]);
        expect((await call('POST', `/meetings/${meetingId}/minutes/sign`, tokens.recorder)).body).toEqual({ id: meetingId, version: 2 });
        expect((await call('POST', `/meetings/${meetingId}/minutes/sign`, tokens.chair)).body).toEqual({ id: meetingId, version: 4 });
        const finalized = await call('GET', `/meetings/${meetingId}/minutes`, tokens.clearedMember);
        expect(finalized.headers.get('etag')).toBe('"4"');
        expect(finalized.body).toMatchObject({ status: 'finalized', minutesVersion: 1, signatures: [{ role: 'recorder', signedBy: 'u-recorder' }, { role: 'chair', signedBy: 'u-m1' }] });
        finalizedAt = finalized.body['finalizedAt'] as string;
        // COMMON-3 秘密 minutes: a reader without the clearance learns nothing, not even that they exist
        const uncleared = await call('GET', `/meetings/${meetingId}/minutes`, tokens.uncleared);
        expect(uncleared.status).toBe(404);
        expect(uncleared.body).toMatchObject({ code: 'MEETINGS.NOT_FOUND' });
        originalDecision = ((finalized.body['content'] as { items: Json[] }).items[0]!['decision'] as string) ?? '';
        expect(originalDecision).toBe('同意该项目资金安排');
      });

      it('are never edited after finalization', async () => {
        const current = (await call('GET', `/meetings/${meetingId}/minutes`, tokens.clearedMember)).body['content'];
        const edit = await call('POST', `/meetings/${meetingId}/minutes/revise`, tokens.recorder, { content: current });
        expect(edit.status).toBe(409);
        expect(edit.body).toMatchObject({ code: 'MTG-6' });
      });

      it('are corrected only by an amendment with a reason approved by the chair; history and asOf keep the original', async () => {
        await pause(20);
        const current = (await call('GET', `/meetings/${meetingId}/minutes`, tokens.clearedMember)).body['content'] as { items: Json[] };
        const corrected = { ...current, items: current.items.map((item, index) => (index === 0 ? { ...item, decision: '同意该项目资金安排，分两期拨付' } : item)) };
        const proposed = await call('POST', `/meetings/${meetingId}/minutes/amendments`, tokens.recorder, { reason: '决定内容漏记分期安排', content: corrected });
        expect(proposed.status).toBe(201);
        const amendmentId = proposed.body['amendmentId'] as string;
        const byMember = await call('POST', `/meetings/${meetingId}/minutes/amendments/${amendmentId}/approve`, tokens.member);
        expect(byMember.status).toBe(403);
        expect(byMember.body).toMatchObject({ code: 'MTG-6' });
        await ok('POST', `/meetings/${meetingId}/minutes/amendments/${amendmentId}/approve`, tokens.chair);

        const now = await call('GET', `/meetings/${meetingId}/minutes`, tokens.clearedMember);
        expect(now.body).toMatchObject({ minutesVersion: 2 });
        expect((now.body['content'] as { items: Json[] }).items.map((item) => item['decision'])).toEqual(['同意该项目资金安排，分两期拨付', '不同意购置']);
        const history = (await call('GET', `/meetings/${meetingId}/minutes/history`, tokens.clearedMember)).body;
        // the history shows the versions as recorded: a 秘密 meeting's texts as their digests (MTG-10)
        expect((history['versions'] as Json[]).map((version) => [version['version'], (version['content'] as { items: Json[] }).items[0]!['decision']])).toEqual([
          [1, digestOf(originalDecision)],
          [2, digestOf('同意该项目资金安排，分两期拨付')],
        ]);
        expect(history['amendments']).toEqual([expect.objectContaining({ amendmentId, status: 'approved', reason: '决定内容漏记分期安排', version: 2, decidedBy: 'u-m1' })]);
        const then = await call('GET', `/meetings/${meetingId}/minutes?asOf=${encodeURIComponent(finalizedAt)}`, tokens.clearedMember);
        expect(then.headers.get('etag')).toBe('"4"');
        expect(then.body).toMatchObject({ minutesVersion: 1 });
        expect((then.body['content'] as { items: Json[] }).items.map((item) => item['decision'])).toEqual([originalDecision, '不同意购置']);
      });

      it('export as Markdown with the fixed headings of 会议记录, and as JSON', async () => {
        const markdown = await call('GET', `/meetings/${meetingId}/minutes/export?format=markdown`, tokens.clearedMember);
        expect(markdown.status).toBe(200);
        expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
        for (const heading of ['## 时间', '## 地点', '## 主持人', '## 出席', '## 缺席（原因）', '## 列席', '## 回避', '## 议题', '#### 发言', '#### 表决方式与结果', '#### 决定', '## 签字']) {
          expect(markdown.text).toContain(heading);
        }
        expect(markdown.text).toContain('孙委员（公出）');
        expect(markdown.text).toContain('记名投票：赞成 5 票，反对 0 票，弃权 0 票');
        expect(markdown.text).toContain('- 主持人：王书记（');
        const json = await call('GET', `/meetings/${meetingId}/minutes/export?format=json`, tokens.clearedMember);
        expect(json.body).toMatchObject({ meetingId, minutesVersion: 2 });
      });
    });

    it('MTG-7 a task created here before ADR 0018: progress, listed open for its unit, closed with evidence; none is created here any more', async () => {
      expect((await call('POST', '/supervision-tasks', tokens.director, { meetingId, itemId: passedItem, description: '落实', ownerUnit: '财务处', deadline: '2099-12-31' })).status).toBe(404);
      const taskId = await givenTaskCreatedHere(service, { meetingId, itemId: passedItem, description: '按决定分两期拨付项目资金', ownerUnit: '财务处', ownerPersonId: 'u-handler', deadline: '2099-12-31' }, new Date().toISOString());
      await ok('POST', `/supervision-tasks/${taskId}/progress`, tokens.handler, { summary: '已完成第一期拨付', percentComplete: 50 });
      const open = (await call('GET', `/supervision-tasks?ownerUnit=${encodeURIComponent('财务处')}&open=true`, tokens.handler)).body as unknown as Json[];
      expect(open).toContainEqual(expect.objectContaining({ id: taskId, meetingId, itemId: passedItem, ownerUnit: '财务处', status: 'open', lastProgress: '已完成第一期拨付', version: 2 }));
      expect((await call('GET', `/supervision-tasks?ownerUnit=${encodeURIComponent('办公室')}&open=true`, tokens.handler)).body).toEqual([]);
      await ok('POST', `/supervision-tasks/${taskId}/close`, tokens.director, { summary: '资金已全部拨付到位', evidence: [{ name: '拨款凭证.pdf', hash: HASH }] });
      const task = await call('GET', `/supervision-tasks/${taskId}`, tokens.auditor);
      expect(task.headers.get('etag')).toBe('"3"');
      expect(task.body).toMatchObject({ id: taskId, version: 3, status: 'closed', late: false });
      const openAfter = (await call('GET', `/supervision-tasks?ownerUnit=${encodeURIComponent('财务处')}&open=true`, tokens.auditor)).body as unknown as Json[];
      expect(openAfter.map((row) => row['id'])).not.toContain(taskId);
      const history = (await call('GET', `/supervision-tasks/${taskId}/history`, tokens.auditor)).body as unknown as Json[];
      expect(history.map((entry) => entry['type'])).toEqual(['SupervisionTaskCreated', 'SupervisionProgressReported', 'SupervisionTaskClosed']);
      const created0 = history[0]!['recordedAt'] as string;
      expect((await call('GET', `/supervision-tasks/${taskId}?asOf=${encodeURIComponent(created0)}`, tokens.auditor)).body).toMatchObject({ version: 1, status: 'open' });
    });

    it('MTG-7 the scheduled job marks a task past its deadline overdue, once', async () => {
      const taskId = await givenTaskCreatedHere(service, { meetingId, itemId: passedItem, description: '完成项目验收', ownerUnit: '基建处', deadline: '2099-12-31' }, new Date().toISOString());
      const sweeper = service.app.get(SupervisionOverdueSweeper);
      expect(await sweeper.sweep('2099-12-31T12:00:00+08:00')).not.toContain(taskId);
      expect(await sweeper.sweep('2100-01-01T00:00:00+08:00')).toContain(taskId);
      expect(await sweeper.sweep('2100-01-02T00:00:00+08:00')).not.toContain(taskId);
      expect((await call('GET', `/supervision-tasks/${taskId}`, tokens.auditor)).body).toMatchObject({ status: 'overdue', version: 2, markedOverdueAt: '2100-01-01T00:00:00+08:00' });
      const open = (await call('GET', `/supervision-tasks?ownerUnit=${encodeURIComponent('基建处')}&open=true`, tokens.auditor)).body as unknown as Json[];
      expect(open).toEqual([expect.objectContaining({ id: taskId, status: 'overdue' })]);
    });

    it('publishes the events on <prefix>oa.meetings.events in stream order, MinutesFinalized among them', async () => {
      expect(service.runtime.topic).toBe(`${run.topicPrefix}meetings.oa.meetings.events`);
      const meetingEvents = (await call('GET', `/meetings/${meetingId}/history`, tokens.clearedMember)).body as unknown as Json[];
      const ofMeeting = () => collector.messages.filter((message) => message.event.streamId === meetingId);
      const ofMinutes = () => collector.messages.filter((message) => message.event.streamType === 'minutes' && (message.event.data as Json)['meetingId'] === meetingId);
      await collector.waitFor(() => ofMeeting().length >= meetingEvents.length && ofMinutes().length >= 6);
      expect(ofMeeting().map((message) => message.event.streamVersion)).toEqual(meetingEvents.map((entry) => entry['version']));
      expect(ofMeeting().map((message) => message.event.type)).toEqual(meetingEvents.map((entry) => entry['type']));
      expect(ofMinutes().map((message) => [message.event.streamVersion, message.event.type])).toEqual([
        [1, 'MinutesDrafted'],
        [2, 'MinutesSigned'],
        [3, 'MinutesSigned'],
        [4, 'MinutesFinalized'],
        [5, 'MinutesAmendmentProposed'],
        [6, 'MinutesAmended'],
      ]);
    });
  });

  describe('requests', () => {
    it('refuses a malformed request with 400 and the fields named', async () => {
      const response = await call('POST', '/committees', tokens.director, { name: '', members: [{ memberId: 'u-x' }], effectiveFrom: '2026/01/01' });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'COMMON.VALIDATION_FAILED' });
      expect((response.body['errors'] as Array<{ field: string }>).map((error) => error.field).sort()).toEqual(['effectiveFrom', 'members[0].name', 'name']);
    });

    it('COMMON.VERSION_CONFLICT: an If-Match that is not the current version is 409 and appends nothing', async () => {
      const meetingId = await scheduleMeeting(await createCommittee(), '待取消的会议');
      const before = await eventCount();
      const stale = await call('POST', `/meetings/${meetingId}/cancel`, tokens.recorder, { reason: '改期' }, { 'If-Match': '"2"' });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'COMMON.VERSION_CONFLICT' });
      expect(await eventCount()).toBe(before);
      const current = await call('POST', `/meetings/${meetingId}/cancel`, tokens.recorder, { reason: '改期' }, { 'If-Match': '"1"' });
      expect(current.status).toBe(200);
      expect(current.body).toEqual({ id: meetingId, version: 2 });
      expect(current.headers.get('etag')).toBe('"2"');
    });

    it('membership changes are events with effective dates; the expected members are those on the meeting day', async () => {
      const committeeId = await createCommittee();
      await ok('POST', `/committees/${committeeId}/members/u-m9/remove`, tokens.director, { effectiveFrom: '2026-02-01', reason: '工作调动' });
      await ok('POST', `/committees/${committeeId}/members`, tokens.director, { memberId: 'u-m10', name: '冯委员', effectiveFrom: '2099-01-01' }, 201);
      const meetingId = await scheduleMeeting(committeeId, '委员变动后的会议');
      const meeting = (await call('GET', `/meetings/${meetingId}`, tokens.auditor)).body;
      expect((meeting['expectedMembers'] as Json[]).map((member) => member['memberId'])).toEqual(MEMBERS.slice(0, 8).map((member) => member.memberId));
    });

    it('Idempotency-Key: a retried agenda item returns the same body and appends nothing new', async () => {
      const meetingId = await scheduleMeeting(await createCommittee(), '重试测试会议');
      const headers = { 'Idempotency-Key': `agenda-${Date.now()}` };
      const body = { title: '关于重试的议题' };
      const first = await call('POST', `/meetings/${meetingId}/agenda-items`, tokens.director, body, headers);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ id: meetingId, version: 2 });
      const after = await eventCount();
      const retry = await call('POST', `/meetings/${meetingId}/agenda-items`, tokens.director, body, headers);
      expect(retry.body).toEqual(first.body);
      expect(await eventCount()).toBe(after);
    });

    it('answers 404 in Chinese for a meeting that does not exist', async () => {
      const response = await call('GET', '/meetings/00000000-0000-4000-8000-000000000000', tokens.auditor);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'MEETINGS.NOT_FOUND' });
    });
  });

  it('COMMON-1 COMMON-2 every meetings route answers its access matrix', async () => {
    const routes = listRoutes(service.app).filter((route) => !route.isPublic);
    expect(routes.length).toBeGreaterThanOrEqual(34);
    expect(await accessMatrixFailures(service.url, routes, { secret })).toEqual([]);
  });
});
