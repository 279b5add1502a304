import { createHash, randomBytes } from 'node:crypto';
import { dropLocalDatabase, localServiceEnvironment, ensureTopics, mintToken, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { ManualClock, TopicCollector, apiClient, materialUploader, testRun } from '@oa/testing';
import { SupervisionOverdueSweeper } from './application/supervision-overdue.sweeper';
import { MeetingsModule } from './meetings.module';
import { meetingsService } from './meetings.service-definition';
import { givenTaskCreatedHere } from './supervision-task-created-here.fixture';

type Json = Record<string, unknown>;

const HASH = `sha256:${'cd'.repeat(32)}`;
/** What the events of a 秘密 meeting carry instead of a text (MTG-10, COMMON-4). */
const digestOf = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
const MEMBERS = ['王书记', '李委员', '张委员', '赵委员', '钱委员', '孙委员', '周委员', '吴委员', '郑委员'].map((name, index) => ({ memberId: `u-m${index + 1}`, name }));
const ids = (from: number, to: number) => MEMBERS.slice(from - 1, to).map((member) => member.memberId);
/** 7 present, 2 on leave with reasons. */
const PRESENT_7 = ids(1, 7);
const ON_LEAVE = [
  { memberId: 'u-m8', reason: '因病请假' },
  { memberId: 'u-m9', reason: '赴省委党校学习' },
];
/** u-m6 and u-m7 leave the meeting: 5 remain. */
const PRESENT_5 = ids(1, 5);
const LEFT = [
  { memberId: 'u-m6', reason: '中途离会：参加县政府常务会议' },
  { memberId: 'u-m7', reason: '中途离会：处置突发事件' },
];

/**
 * Issue 5, "What must be shown": a committee meeting of 9 members, 2 on leave (7 present), a
 * recusal; a major spending item passes with 5 of 9 in favour; another fails with 4 for and 3
 * against (a majority of those present, not of the 9, MTG-5); two members leave (5 present) and
 * a cadre item is refused for lack of two thirds (MTG-3) although the quorum still holds;
 * minutes finalized, amended, both versions in the history; a supervision task created here
 * before ADR 0018 goes overdue when the scheduled job runs after its deadline; every event on
 * `oa.meetings.events` in order.
 */
describe('meetings service: a committee meeting from roll call to overdue follow-up (real PostgreSQL, real Kafka, a hand-moved clock)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_cmtmeeting`;
  const secret = randomBytes(32).toString('hex');
  // Tuesday 2026-12-01, 09:00 in Beijing
  const clock = new ManualClock(new Date('2026-12-01T01:00:00.000Z'));
  let service: RunningService;
  let collector: TopicCollector;
  const call = apiClient(() => service.url);
  const token: Record<string, string> = {};
  const person = async (key: string, sub: string, name: string, roles: TokenClaims['roles'], orgUnit = '办公室', clearance: TokenClaims['clearance'] = 'internal') => {
    token[key] = await mintToken({ sub, name, orgUnit, roles, clearance }, { secret, now: clock.now(), lifetimeSeconds: 30 * 86400 });
  };
  const ok = async (method: string, path: string, who: string, body?: unknown): Promise<Json> => {
    clock.advance(1);
    const reply = await call(method, path, token[who]!, body);
    if (reply.status >= 300) throw new Error(`${method} ${path} → ${reply.status} ${reply.text}`);
    return reply.body;
  };
  /** Events of the meetings service's own streams (a refusal may still write the platform's security log). */
  const eventCount = async (): Promise<number> =>
    Number((await service.runtime.dataSource.query(`SELECT count(*) AS n FROM "meetings".events WHERE stream_type IN ('committee', 'meeting', 'minutes', 'supervisionTask')`))[0].n);

  beforeAll(async () => {
    const env = {
      ...process.env,
      JWT_SECRET: secret,
      PORT: '0',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: `${run.topicPrefix}cmtmeeting.`,
      // MTG-10 a 党委会 with a 干部任免 item is 秘密: its texts are kept encrypted beside the stream
      MEETING_CONTENT_KEY: randomBytes(32).toString('hex'),
      // the job runs only when the test says so, at the test's instant
      SCHEDULE_INTERVAL_SECONDS: '0',
    };
    service = await startService(meetingsService, MeetingsModule, env, clock);
    await ensureTopics(service.runtime.kafka, [service.runtime.topic], service.runtime.topicSettings);
    collector = await new TopicCollector(run.kafkaBrokers, service.runtime.topic).start();
    await person('director', 'u-director', '周主任', ['officeDirector']);
    await person('recorder', 'u-recorder', '刘记录', ['meetingSecretary']);
    // the recorder as cleared to 秘密: uploads the materials of the 党委会 its 干部任免 item raises to 秘密 (MTG-10)
    await person('clearedRecorder', 'u-recorder', '刘记录', ['meetingSecretary'], '办公室', 'mimi');
    await person('chair', 'u-m1', '王书记', ['committeeMember']);
    await person('member', 'u-m2', '李委员', ['committeeMember']);
    // MTG-10 with its 干部任免 item the 党委会 is 秘密: read by a member cleared to 秘密 on its list (COMMON-3), not by an auditor off it
    await person('reader', 'u-m2', '李委员', ['committeeMember'], '办公室', 'mimi');
    await person('auditor', 'u-auditor', '吴审计', ['auditor']);
    await person('handler', 'u-handler', '陈承办', ['handler'], '财务处');
  });

  afterAll(async () => {
    await collector?.stop();
    await service?.close();
    await dropLocalDatabase(databaseName);
  });

  it('keeps MTG-2..MTG-7 through the meeting and tells the whole story afterwards', async () => {
    // the committee of 9 and the meeting; the expected members are those of the meeting day
    const committeeId = (await ok('POST', '/committees', 'director', { name: '中共某某县委办公室委员会', members: MEMBERS, effectiveFrom: '2026-01-01' }))['id'] as string;
    const startsAt = new Date(clock.now().getTime() + 60 * 60_000).toISOString();
    const endsAt = new Date(clock.now().getTime() + 4 * 60 * 60_000).toISOString();
    const meetingId = (await ok('POST', '/meetings', 'recorder', { kind: 'committee', title: '2026年第15次党委会', committeeId, chairId: 'u-m1', recorderId: 'u-recorder', startsAt, endsAt, place: '机关二楼会议室' }))['id'] as string;
    expect(((await call('GET', `/meetings/${meetingId}`, token['auditor']!)).body['expectedMembers'] as Json[]).length).toBe(9);

    // the notice (会议通知) reaches every expected member, or it is refused (MTG-2)
    const recipients = MEMBERS.map(({ memberId, name }) => ({ personId: memberId, name }));
    const partial = await call('POST', `/meetings/${meetingId}/notices`, token['director']!, { recipients: recipients.slice(1), contentHash: HASH });
    expect(partial.body).toMatchObject({ code: 'MTG-2' });
    expect(partial.body['detail']).toContain('王书记');
    expect((await ok('POST', `/meetings/${meetingId}/notices`, 'director', { recipients, contentHash: HASH }))['noticeId']).toMatch(/^[0-9a-f-]{36}$/);

    // the agenda: submitted, its material uploaded as a file, checked by the office, put on it by the chair (MTG-1)
    const agendaItem = async (title: string, extra: object): Promise<string> => {
      const itemId = (await ok('POST', `/meetings/${meetingId}/agenda-items`, 'director', { title, submittingUnit: '财务处', ...extra }))['itemId'] as string;
      await materialUploader(() => service.url)(meetingId, itemId, token['clearedRecorder']!, `${title}.pdf`);
      await ok('POST', `/meetings/${meetingId}/agenda-items/${itemId}/check`, 'recorder', { comment: '材料齐全' });
      await ok('POST', `/meetings/${meetingId}/agenda-items/${itemId}/put-on-agenda`, 'chair');
      return itemId;
    };
    const spending = await agendaItem('关于拨付办公楼维修改造资金380万元的议题', { majorMatter: 'largeFundUse' });
    const vehicles = await agendaItem('关于购置公务用车的议题', {});
    const cadre = await agendaItem('关于某同志任职的议题', { majorMatter: 'importantCadreAppointment', cadreAppointment: true });
    const canteen = await agendaItem('关于调整机关食堂管理办法的议题', {});

    // roll call (MTG-2): 7 present, 2 on leave with their reasons; then the meeting opens
    clock.set(startsAt);
    await ok('POST', `/meetings/${meetingId}/attendance`, 'recorder', { present: PRESENT_7, absent: ON_LEAVE, nonVotingAttendees: [{ personId: 'u-guest', name: '陈列席', unit: '财务处' }] });
    await ok('POST', `/meetings/${meetingId}/open`, 'recorder');
    expect((await call('GET', `/meetings/${meetingId}`, token['reader']!)).body).toMatchObject({ status: 'inProgress', attendance: { present: PRESENT_7, absent: ON_LEAVE } });

    const speak = async (itemId: string, members: readonly string[]) => {
      // the chair states a position last (MTG-9)
      for (const speakerId of [...members.filter((id) => id !== 'u-m1'), 'u-m1']) {
        await ok('POST', `/meetings/${meetingId}/agenda-items/${itemId}/speeches`, 'recorder', { speakerId, view: `${speakerId}：发表意见` });
      }
    };
    const namedVote = (voters: readonly string[], votesFor: number) => ({
      method: 'namedBallot',
      ballots: voters.map((memberId, index) => ({ memberId, choice: index < votesFor ? 'for' : 'against' })),
    });
    const itemOf = async (itemId: string): Promise<Json> =>
      ((await call('GET', `/meetings/${meetingId}`, token['reader']!)).body['items'] as Json[]).find((item) => item['itemId'] === itemId)!;

    // 大额资金使用: u-m7 recuses (MTG-4), 6 vote, 5 in favour: more than half of the 9 (MTG-5)
    await ok('POST', `/meetings/${meetingId}/agenda-items/${spending}/recusals`, 'recorder', { memberId: 'u-m7', reason: '配偶任施工单位负责人' });
    const recusedVote = await call('POST', `/meetings/${meetingId}/agenda-items/${spending}/votes`, token['recorder']!, namedVote(PRESENT_7, 5));
    expect(recusedVote).toMatchObject({ status: 400, body: { code: 'MTG-4' } });
    const voters = PRESENT_7.filter((id) => id !== 'u-m7');
    await speak(spending, voters);
    await ok('POST', `/meetings/${meetingId}/agenda-items/${spending}/votes`, 'recorder', namedVote(voters, 5));
    await ok('POST', `/meetings/${meetingId}/agenda-items/${spending}/decision`, 'recorder', { outcome: 'adopted', text: '同意拨付办公楼维修改造资金380万元' });
    expect(await itemOf(spending)).toMatchObject({
      status: 'decided',
      majorMatter: 'largeFundUse',
      recusals: [{ memberId: 'u-m7', reason: '配偶任施工单位负责人' }],
      vote: { method: 'namedBallot', counts: { for: 5, against: 1, abstain: 0 }, expectedCount: 9, passed: true },
      decision: { outcome: 'adopted', presentCount: 7 },
    });

    // 4 for, 3 against: a majority of the 7 present, but not more than half of the 9 (MTG-5)
    await speak(vehicles, PRESENT_7);
    await ok('POST', `/meetings/${meetingId}/agenda-items/${vehicles}/votes`, 'recorder', namedVote(PRESENT_7, 4));
    const adoptedAnyway = await call('POST', `/meetings/${meetingId}/agenda-items/${vehicles}/decision`, token['recorder']!, { outcome: 'adopted', text: '同意购置' });
    expect(adoptedAnyway.status).toBe(409);
    expect(adoptedAnyway.body).toMatchObject({ code: 'MTG-5' });
    expect(adoptedAnyway.body['detail']).toContain('赞成 4 票，未超过应到会委员 9 人的半数');
    await ok('POST', `/meetings/${meetingId}/agenda-items/${vehicles}/decision`, 'recorder', { outcome: 'rejected', text: '赞成票未过半数，不同意购置' });
    expect(await itemOf(vehicles)).toMatchObject({
      status: 'decided',
      vote: { counts: { for: 4, against: 3, abstain: 0 }, expectedCount: 9, passed: false },
      decision: { outcome: 'rejected', presentCount: 7 },
    });

    // two members leave, each with a reason (MTG-2): 5 of 9 still present; the roll call is kept
    const noReason = await call('POST', `/meetings/${meetingId}/attendance/departures`, token['recorder']!, { memberId: 'u-m6', reason: '' });
    expect(noReason).toMatchObject({ status: 400, body: { code: 'COMMON.VALIDATION_FAILED' } });
    const onLeave = await call('POST', `/meetings/${meetingId}/attendance/departures`, token['recorder']!, { memberId: 'u-m8', reason: '离会' });
    expect(onLeave).toMatchObject({ status: 409, body: { code: 'MTG-2' } });
    for (const { memberId, reason } of LEFT) await ok('POST', `/meetings/${meetingId}/attendance/departures`, 'recorder', { memberId, reason });
    const attendance = (await call('GET', `/meetings/${meetingId}`, token['reader']!)).body['attendance'] as Json;
    expect(attendance['present']).toEqual(PRESENT_7);
    expect(attendance['absent']).toEqual(ON_LEAVE);
    expect((attendance['left'] as Json[]).map(({ memberId, reason }) => ({ memberId, reason }))).toEqual(LEFT);
    // a member who has left neither speaks nor votes
    const leaverSpeaks = await call('POST', `/meetings/${meetingId}/agenda-items/${cadre}/speeches`, token['recorder']!, { speakerId: 'u-m6', view: '同意' });
    expect(leaverSpeaks).toMatchObject({ status: 400, body: { code: 'MTG-2' } });
    const leaverVotes = await call('POST', `/meetings/${meetingId}/agenda-items/${cadre}/votes`, token['recorder']!, namedVote(ids(1, 6), 6));
    expect(leaverVotes).toMatchObject({ status: 400, body: { code: 'MTG-5' } });

    // 干部任免 with 5 of 9 present: half are there (quorum), two thirds (6) are not: refused, nothing appended (MTG-3)
    await speak(cadre, PRESENT_5);
    await ok('POST', `/meetings/${meetingId}/agenda-items/${cadre}/votes`, 'recorder', namedVote(PRESENT_5, 5));
    expect(await itemOf(cadre)).toMatchObject({ status: 'onAgenda', vote: { counts: { for: 5, against: 0, abstain: 0 }, expectedCount: 9, passed: true } });
    const before = await eventCount();
    const cadreRefused = await call('POST', `/meetings/${meetingId}/agenda-items/${cadre}/decision`, token['recorder']!, { outcome: 'adopted', text: '同意任职' });
    expect(cadreRefused.status).toBe(409);
    expect(cadreRefused.body).toMatchObject({ code: 'MTG-3' });
    expect(cadreRefused.body['detail']).toBe('干部任免事项须三分之二以上委员到会；应到 9 人，实到 5 人，决定无效');
    expect(await eventCount()).toBe(before);
    expect(await itemOf(cadre)).toMatchObject({ status: 'onAgenda' });
    expect((await itemOf(cadre))['decision']).toBeUndefined();

    // the quorum does hold: an ordinary item is decided by the 5 still present, 5 in favour of 9
    await speak(canteen, PRESENT_5);
    await ok('POST', `/meetings/${meetingId}/agenda-items/${canteen}/votes`, 'recorder', namedVote(PRESENT_5, 5));
    await ok('POST', `/meetings/${meetingId}/agenda-items/${canteen}/decision`, 'recorder', { outcome: 'adopted', text: '同意调整机关食堂管理办法' });
    expect(await itemOf(canteen)).toMatchObject({ status: 'decided', vote: { counts: { for: 5, against: 0, abstain: 0 }, expectedCount: 9, passed: true }, decision: { outcome: 'adopted', presentCount: 5 } });
    await ok('POST', `/meetings/${meetingId}/close`, 'recorder');

    // minutes (MTG-6): drafted by the recorder from the proceedings, signed by recorder and chair
    clock.advance(30);
    // at the meeting's level in force, 秘密 since its cadre item (MTG-10)
    expect(await ok('POST', `/meetings/${meetingId}/minutes`, 'recorder', {})).toEqual({ id: meetingId, version: 1 });
    const draft = (await call('GET', `/meetings/${meetingId}/minutes`, token['reader']!)).body;
    const draftItems = (draft['content'] as { items: Json[] }).items;
    expect(draftItems.map((item) => [item['itemId'], item['outcome'], (item['vote'] as { counts: Json }).counts, item['leftBefore']])).toEqual([
      [spending, 'adopted', { for: 5, against: 1, abstain: 0 }, undefined],
      [vehicles, 'rejected', { for: 4, against: 3, abstain: 0 }, undefined],
      [canteen, 'adopted', { for: 5, against: 0, abstain: 0 }, ['u-m6', 'u-m7']],
    ]);
    expect(draftItems[0]!['recusals']).toEqual([{ memberId: 'u-m7', reason: '配偶任施工单位负责人' }]);
    expect(draft['content']).toMatchObject({ present: PRESENT_7.map((memberId) => expect.objectContaining({ memberId })), left: [{ memberId: 'u-m6', name: '孙委员', reason: LEFT[0]!.reason }, { memberId: 'u-m7', name: '周委员', reason: LEFT[1]!.reason }] });
    expect(await ok('POST', `/meetings/${meetingId}/minutes/sign`, 'recorder')).toEqual({ id: meetingId, version: 2 });
    expect(await ok('POST', `/meetings/${meetingId}/minutes/sign`, 'chair')).toEqual({ id: meetingId, version: 4 });
    const finalized = await call('GET', `/meetings/${meetingId}/minutes`, token['reader']!);
    expect(finalized.body).toMatchObject({ status: 'finalized', minutesVersion: 1, signatures: [{ role: 'recorder', signedBy: 'u-recorder' }, { role: 'chair', signedBy: 'u-m1' }] });
    const edit = await call('POST', `/meetings/${meetingId}/minutes/revise`, token['recorder']!, { content: finalized.body['content'] });
    expect(edit).toMatchObject({ status: 409, body: { code: 'MTG-6' } });

    // then amended: a reason, the chair's approval
    const content = finalized.body['content'] as Json & { items: Json[] };
    const corrected = { ...content, items: content.items.map((item, index) => (index === 0 ? { ...item, decision: '同意拨付办公楼维修改造资金380万元，分两期拨付' } : item)) };
    const { amendmentId } = (await ok('POST', `/meetings/${meetingId}/minutes/amendments`, 'recorder', { reason: '决定内容漏记分期拨付安排', content: corrected })) as { amendmentId: string };
    const byMember = await call('POST', `/meetings/${meetingId}/minutes/amendments/${amendmentId}/approve`, token['member']!);
    expect(byMember).toMatchObject({ status: 403, body: { code: 'MTG-6' } });
    await ok('POST', `/meetings/${meetingId}/minutes/amendments/${amendmentId}/approve`, 'chair');
    expect((await call('GET', `/meetings/${meetingId}/minutes`, token['reader']!)).body).toMatchObject({ status: 'finalized', minutesVersion: 2, version: 6 });

    // the history returns both versions and the amendment, as recorded: the texts of a 秘密 meeting as their digests (MTG-10)
    const history = (await call('GET', `/meetings/${meetingId}/minutes/history`, token['reader']!)).body;
    expect((history['versions'] as Json[]).map((version) => [version['version'], (version['content'] as { items: Json[] }).items[0]!['decision']])).toEqual([
      [1, digestOf('同意拨付办公楼维修改造资金380万元')],
      [2, digestOf('同意拨付办公楼维修改造资金380万元，分两期拨付')],
    ]);
    const markdown = await call('GET', `/meetings/${meetingId}/minutes/export?format=markdown`, token['reader']!);
    expect(markdown.text).toContain(`中途离会：孙委员（${LEFT[0]!.reason}）、周委员（${LEFT[1]!.reason}）`);
    expect(history['amendments']).toEqual([expect.objectContaining({ amendmentId, status: 'approved', reason: '决定内容漏记分期拨付安排', version: 2, decidedBy: 'u-m1' })]);
    expect((history['events'] as Json[]).map((entry) => entry['type'])).toEqual([
      'MinutesDrafted', 'MinutesSigned', 'MinutesSigned', 'MinutesFinalized', 'MinutesAmendmentProposed', 'MinutesAmended',
    ]);

    // MTG-7 a decision's new tasks start in the affairs service (ADR 0018): here, none is created any more …
    expect((await call('POST', '/supervision-tasks', token['director']!, { meetingId, itemId: spending, description: '落实', ownerUnit: '财务处', deadline: '2026-12-08' })).status).toBe(404);
    // … and one created before, due Tuesday 2026-12-08, is followed up here until closed
    const terms = { meetingId, itemId: spending, description: '按决定分两期拨付维修改造资金', ownerUnit: '财务处', ownerPersonId: 'u-handler', deadline: '2026-12-08' };
    const taskId = await givenTaskCreatedHere(service, terms, clock.now().toISOString());
    await ok('POST', `/supervision-tasks/${taskId}/progress`, 'handler', { summary: '第一期资金已拨付', percentComplete: 50 });
    const job = service.app.get(SupervisionOverdueSweeper);
    // the deadline day itself, 23:00 in Beijing: not yet overdue
    clock.set('2026-12-08T15:00:00.000Z');
    expect(await job.runOnce(clock.now())).toBe(0);
    // Wednesday 00:30 in Beijing: the deadline day has ended; marked once, a repeat changes nothing
    clock.set('2026-12-08T16:30:00.000Z');
    expect(await job.runOnce(clock.now())).toBe(1);
    expect(await job.runOnce(clock.now())).toBe(0);
    expect((await call('GET', `/supervision-tasks/${taskId}`, token['auditor']!)).body).toMatchObject({ id: taskId, version: 3, status: 'overdue', markedOverdueAt: '2026-12-08T16:30:00.000Z' });
    const taskHistory = (await call('GET', `/supervision-tasks/${taskId}/history`, token['auditor']!)).body as unknown as Json[];
    expect(taskHistory.map((entry) => [entry['version'], entry['type'], (entry['actor'] as Json)['id']])).toEqual([
      [1, 'SupervisionTaskCreated', 'u-director'],
      [2, 'SupervisionProgressReported', 'u-handler'],
      [3, 'SupervisionTaskMarkedOverdue', 'system:scheduler'],
    ]);
    expect((await call('GET', `/supervision-tasks?ownerUnit=${encodeURIComponent('财务处')}&open=true`, token['handler']!)).body).toEqual([
      expect.objectContaining({ id: taskId, status: 'overdue', version: 3 }),
    ]);

    // every event of the meeting, its minutes and its task reached <prefix>oa.meetings.events in stream order
    expect(service.runtime.topic).toBe(`${run.topicPrefix}cmtmeeting.oa.meetings.events`);
    // scheduled 1, notice 1, four items submitted/material attached/checked/put on the agenda 16, roll call and opening 2,
    // recusal 1, 6 + 7 + 5 + 5 speeches, 4 votes, 3 decisions, 2 departures, closing 1
    const TOTAL = 1 + 1 + 16 + 2 + 1 + 23 + 4 + 3 + 2 + 1;
    const meetingHistory = (await call('GET', `/meetings/${meetingId}/history`, token['reader']!)).body as unknown as Json[];
    expect(meetingHistory).toHaveLength(TOTAL);
    const published = (streamId: string) => collector.messages.filter((message) => message.event.streamId === streamId).map((message) => [message.event.streamVersion, message.event.type]);
    const minutesStreamId = `minutes-${meetingId}`;
    await collector.waitFor(() => published(meetingId).length >= TOTAL && published(minutesStreamId).length >= 6 && published(taskId).length >= 3);
    expect(published(meetingId)).toEqual(meetingHistory.map((entry) => [entry['version'], entry['type']]));
    expect(published(minutesStreamId)).toEqual((history['events'] as Json[]).map((entry) => [entry['version'], entry['type']]));
    expect(published(taskId)).toEqual(taskHistory.map((entry) => [entry['version'], entry['type']]));
    expect(published(meetingId).filter(([, type]) => type === 'MemberLeftMeeting')).toHaveLength(2);
  });
});
