import { randomBytes } from 'node:crypto';
import { dropLocalDatabase, ensureLocalDatabase, localServiceEnvironment, mintToken, startService, type Role, type RunningService } from '@oa/platform';
import { apiClient, asSuperuser, eventually, ManualClock, materialUploader, testRun } from '@oa/testing';
import { AuditModule, FindingsJob, auditService } from '@oa/app-audit';
import { MeetingsModule, meetingsService } from '@oa/app-meetings';

type Json = Record<string, unknown>;
type Finding = { rule: string; streamIds: string[]; title: string };

const MEMBERS = [
  { memberId: 'u-m1', name: '王书记' },
  { memberId: 'u-m2', name: '李委员' },
  { memberId: 'u-m3', name: '张委员' },
];

/**
 * Issue 24 item 3, AUD-6 (MTG-6): a committee meeting is held and closed, its minutes are never
 * drafted; on an injected clock (ADR 0008) the audit raises AUD-6 for it once 3 working days
 * have passed after the meeting, and not before.
 */
describe('AUD-6 a meeting without finalized minutes 3 working days after it (meetings + audit, real PostgreSQL and Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_aud6`;
  const topicPrefix = `${run.topicPrefix}aud6.`;
  const secret = randomBytes(32).toString('hex');
  // Wednesday 2026-12-02, 09:00 in Beijing
  const clock = new ManualClock(new Date('2026-12-02T01:00:00.000Z'));
  let meetings: RunningService;
  let audit: RunningService;
  const token: Record<string, string> = {};

  const post = async (path: string, who: string, body?: unknown): Promise<Json> => {
    clock.advance(1);
    const reply = await apiClient(() => meetings.url)('POST', path, token[who]!, body);
    if (reply.status >= 300) throw new Error(`POST ${path} → ${reply.status} ${reply.text}`);
    return reply.body;
  };
  const findings = async (): Promise<Finding[]> => {
    const reply = await apiClient(() => audit.url)('GET', '/audit/findings?rule=AUD-6', token['auditor']!);
    if (reply.status !== 200) throw new Error(`GET findings → ${reply.status} ${reply.text}`);
    return reply.body as unknown as Finding[];
  };
  const trailCaughtUp = () =>
    eventually(async () => {
      // the test's own hand: no service's role reads another's schema
      const [row] = await asSuperuser(await ensureLocalDatabase(databaseName), (query) =>
        query<{ stored: string; audited: string }>(
          `SELECT (SELECT count(*) FROM "meetings".events) + (SELECT count(*) FROM "audit".events) AS stored, (SELECT count(*) FROM "audit".entries) AS audited`,
        ),
      );
      return Number(row.stored) === Number(row.audited) ? true : undefined;
    }, 'the audit trail to hold every meetings event');

  beforeAll(async () => {
    const env = { ...process.env, JWT_SECRET: secret, PORT: '0', ...(await localServiceEnvironment(databaseName)), KAFKA_TOPIC_PREFIX: topicPrefix, SCHEDULE_INTERVAL_SECONDS: '0' };
    audit = await startService(auditService, AuditModule, env, clock);
    meetings = await startService(meetingsService, MeetingsModule, env, clock);
    const people: Array<[string, string, string, Role]> = [
      ['director', 'u-director', '周主任', 'officeDirector'],
      ['recorder', 'u-recorder', '刘记录', 'meetingSecretary'],
      ['chair', 'u-m1', '王书记', 'committeeMember'],
      ['auditor', 'u-auditor', '吴巡察', 'auditor'],
    ];
    for (const [key, sub, name, role] of people) {
      token[key] = await mintToken({ sub, name, roles: [role], orgUnit: '办公室', clearance: 'internal' }, { secret, now: clock.now(), lifetimeSeconds: 30 * 86400 });
    }
  }, 120_000);

  afterAll(async () => {
    await meetings?.close();
    await audit?.close();
    await dropLocalDatabase(databaseName);
  });

  it('AUD-6 raises a closed meeting whose minutes were never drafted, after 3 working days and not before', async () => {
    const committeeId = (await post('/committees', 'director', { name: '中共某某县委办公室委员会', members: MEMBERS, effectiveFrom: '2026-01-01' }))['id'] as string;
    // the meeting is Wednesday morning; the deadline is the end of Monday 2026-12-07 (Thu, Fri, Mon)
    const meetingId = (await post('/meetings', 'recorder', {
      kind: 'committee', title: '2026年第12次党委会', committeeId, chairId: 'u-m1', recorderId: 'u-recorder',
      startsAt: '2026-12-02T01:30:00.000Z', endsAt: '2026-12-02T03:00:00.000Z', place: '第一会议室',
    }))['id'] as string;
    const meetingPath = `/meetings/${meetingId}`;
    const itemId = (await post(`${meetingPath}/agenda-items`, 'director', { title: '关于调整机关食堂管理办法的议题' }))['itemId'] as string;
    await materialUploader(() => meetings.url)(meetingId, itemId, token['director']!, '办法.pdf');
    await post(`${meetingPath}/agenda-items/${itemId}/check`, 'recorder', { comment: '材料齐全' });
    await post(`${meetingPath}/agenda-items/${itemId}/put-on-agenda`, 'chair');
    await post(`${meetingPath}/attendance`, 'recorder', { present: MEMBERS.map((member) => member.memberId), absent: [], nonVotingAttendees: [] });
    await post(`${meetingPath}/open`, 'recorder');
    await post(`${meetingPath}/agenda-items/${itemId}/votes`, 'recorder', { method: 'showOfHands', ballots: MEMBERS.map(({ memberId }) => ({ memberId, choice: 'for' })) });
    await post(`${meetingPath}/agenda-items/${itemId}/decision`, 'recorder', { outcome: 'adopted', text: '同意调整机关食堂管理办法' });
    await post(`${meetingPath}/close`, 'recorder');
    await trailCaughtUp();
    const job = audit.app.get(FindingsJob);

    // Monday 2026-12-07 23:59 in Beijing: still within the third working day
    clock.set('2026-12-07T15:59:00.000Z');
    await job.runOnce(clock.now());
    expect((await findings()).filter((finding) => finding.streamIds.includes(meetingId))).toEqual([]);

    // Tuesday 2026-12-08 00:00 in Beijing: 3 working days have passed without finalized minutes
    clock.set('2026-12-07T16:00:00.000Z');
    await job.runOnce(clock.now());
    expect(await findings()).toEqual([expect.objectContaining({ rule: 'AUD-6', title: '会议纪要逾期未形成', streamIds: [meetingId] })]);
  }, 60_000);
});
