import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { dropLocalDatabase, localServiceEnvironment, ensureTopics, mintToken, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { TopicCollector, eventually, fileUploader, testRun } from '@oa/testing';
import { MeetingsModule } from './meetings.module';
import { meetingsService } from './meetings.service-definition';

const secret = randomBytes(32).toString('hex');
const MEMBERS = [
  { memberId: 'u-m1', name: '王书记' },
  { memberId: 'u-m2', name: '李委员' },
  { memberId: 'u-m3', name: '张委员' },
];
const TITLE = '2026年第3次党委会（干部任免）';
const SPEECH = '同意提名张三同志任县财政局局长';
const DECISION = '同意张三同志任县财政局局长';
const MATERIAL_NAME = `考察材料-${randomBytes(3).toString('hex')}.pdf`;
const MATERIAL = Buffer.from(`%PDF-1.7\n干部考察材料-${randomBytes(4).toString('hex')}\n`, 'utf8');

type Json = Record<string, unknown>;

const digestOf = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

interface Probe {
  readonly stream_type: string;
  readonly data: Json;
  readonly metadata: { actor: { id: string } };
  readonly text: string;
}

/**
 * MTG-10 over HTTP and Kafka: a 秘密 committee meeting on 干部任免 is read only by a cleared
 * reader on its need-to-know list (others get the 404 of a missing meeting, COMMON-3), and its
 * title, speeches and decision are on `oa.meetings.events` only as digests (COMMON-4); each hidden
 * read is recorded as a HiddenItemProbed without the title (AUD-11), and a refused command keeps
 * no text beside the stream.
 */
describe('a 秘密 meeting (MTG-10, COMMON-3, COMMON-4; real PostgreSQL, real Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_mtg10`;
  let service: RunningService;
  let collector: TopicCollector;
  const token: Record<string, string> = {};
  let meetingId: string;
  let itemId: string;

  const call = async (method: string, path: string, who: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${service.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token[who]}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
  };
  /** The answer as sent, for comparing a hidden item's 404 with an unknown one's. */
  const raw = async (path: string, who: string) => {
    const response = await fetch(`${service.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token[who]}` } });
    return { status: response.status, contentType: response.headers.get('content-type'), length: response.headers.get('content-length'), text: await response.text() };
  };
  const probes = async (): Promise<Probe[]> =>
    service.runtime.dataSource.query(`SELECT stream_type, data, metadata, data::text || metadata::text AS text FROM "meetings".events WHERE type = 'HiddenItemProbed' ORDER BY position`);
  const ok = async (path: string, who: string, body?: unknown): Promise<Json> => {
    const reply = await call('POST', path, who, body);
    if (reply.status >= 300) throw new Error(`POST ${path} → ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  };

  beforeAll(async () => {
    const env = {
      ...process.env,
      JWT_SECRET: secret,
      PORT: '0',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: `${run.topicPrefix}mtg10.`,
      MEETING_CONTENT_KEY: randomBytes(32).toString('hex'),
    };
    service = await startService(meetingsService, MeetingsModule, env);
    await ensureTopics(service.runtime.kafka, [service.runtime.topic], service.runtime.topicSettings);
    collector = await new TopicCollector(run.kafkaBrokers, service.runtime.topic).start();
    const people: Array<[string, string, string, TokenClaims['roles'], TokenClaims['clearance']]> = [
      ['director', 'u-director', '周主任', ['officeDirector'], 'jimi'],
      ['recorder', 'u-recorder', '刘记录', ['meetingSecretary'], 'jimi'],
      ['chair', 'u-m1', '王书记', ['committeeMember'], 'jimi'],
      ['member', 'u-m2', '李委员', ['committeeMember'], 'internal'],
      ['auditor', 'u-auditor', '吴巡察', ['auditor'], 'juemi'],
    ];
    for (const [key, sub, name, roles, clearance] of people) token[key] = await mintToken({ sub, name, orgUnit: '办公室', roles, clearance }, { secret });

    const committeeId = (await ok('/committees', 'director', { name: '中共某某县委员会', members: MEMBERS, effectiveFrom: '2026-01-01' }))['id'] as string;
    const startsAt = new Date();
    meetingId = (await ok('/meetings', 'recorder', {
      kind: 'committee', title: TITLE, committeeId, chairId: 'u-m1', recorderId: 'u-recorder', secrecyLevel: 'mimi',
      startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), place: '机关三楼会议室',
    }))['id'] as string;
    const path = `/meetings/${meetingId}`;
    itemId = (await ok(`${path}/agenda-items`, 'director', { title: '关于张三同志任职的议题', majorMatter: 'importantCadreAppointment' }))['itemId'] as string;
    const material = await fileUploader(() => service.url)(`${path}/agenda-items/${itemId}/materials?name=${encodeURIComponent(MATERIAL_NAME)}`, token['recorder']!, MATERIAL);
    if (material.status !== 200) throw new Error(`material: ${material.status} ${material.text}`);
    await ok(`${path}/agenda-items/${itemId}/check`, 'recorder', { comment: '材料齐全' });
    await ok(`${path}/agenda-items/${itemId}/put-on-agenda`, 'chair');
    await ok(`${path}/attendance`, 'recorder', { present: MEMBERS.map((member) => member.memberId), absent: [], nonVotingAttendees: [] });
    await ok(`${path}/open`, 'recorder');
    for (const speakerId of ['u-m2', 'u-m3', 'u-m1']) await ok(`${path}/agenda-items/${itemId}/speeches`, 'recorder', { speakerId, view: `${SPEECH}（${speakerId}）` });
    await ok(`${path}/agenda-items/${itemId}/votes`, 'recorder', { method: 'secretBallot', counts: { for: 3, against: 0, abstain: 0 } });
    await ok(`${path}/agenda-items/${itemId}/decision`, 'recorder', { outcome: 'adopted', text: DECISION });
    await ok(`${path}/close`, 'recorder');
    await ok(`${path}/minutes`, 'recorder');
  }, 60_000);

  afterAll(async () => {
    await collector?.stop();
    await service?.close();
    await dropLocalDatabase(databaseName);
  });

  it('MTG-10 COMMON-3 a cleared member reads the meeting and its minutes in clear; the uncleared and those off the list get 404', async () => {
    const meeting = await call('GET', `/meetings/${meetingId}`, 'chair');
    expect(meeting.status).toBe(200);
    expect(meeting.body).toMatchObject({ title: TITLE, secrecyLevel: 'mimi' });
    expect(JSON.stringify(meeting.body)).toContain(SPEECH);
    const minutes = await call('GET', `/meetings/${meetingId}/minutes`, 'chair');
    expect(minutes.status).toBe(200);
    expect(minutes.body).toMatchObject({ title: `${TITLE}会议记录`, secrecyLevel: 'mimi' });
    expect(JSON.stringify(minutes.body)).toContain(DECISION);

    const missing = await call('GET', `/meetings/${randomUUID()}`, 'member');
    for (const [who, read] of [
      ['member', ''],
      ['member', '/minutes'],
      ['member', '/history'],
      ['auditor', ''],
      ['auditor', '/minutes'],
    ] as const) {
      const reply = await call('GET', `/meetings/${meetingId}${read}`, who);
      expect([who, read, reply.status]).toEqual([who, read, 404]);
      expect(JSON.stringify(reply.body)).not.toContain('干部任免');
      // the same answer as for a meeting that does not exist: nothing tells it is there
      expect(reply.body['code']).toBe(missing.body['code']);
    }
  });

  it('MTG-10 COMMON-3 the meetings list shows a 秘密 meeting to a cleared member, and leaves it out, digest and all, for the uncleared and those off the list', async () => {
    const listedFor = async (who: string) => ((await call('GET', '/meetings', who)).body as unknown as Array<{ id: string }>).map((row) => row.id);
    expect(await listedFor('chair')).toContain(meetingId);
    expect(await listedFor('member')).not.toContain(meetingId);
    expect(await listedFor('auditor')).not.toContain(meetingId);
  });

  it('MTG-10 COMMON-4 the title, speeches, decision and minutes of a 秘密 meeting are on oa.meetings.events only as digests', async () => {
    const [{ stored }] = (await service.runtime.dataSource.query(`SELECT count(*)::int AS stored FROM "meetings".events WHERE stream_id IN ($1, $2)`, [meetingId, `minutes-${meetingId}`])) as Array<{ stored: number }>;
    const published = await eventually(async () => {
      const ours = collector.messages.filter((message) => message.event.streamId === meetingId || message.event.streamId === `minutes-${meetingId}`);
      return ours.length >= stored ? ours : undefined;
    }, 'every event of the meeting and its minutes on the topic');
    expect(published.map((message) => message.event.type)).toEqual(expect.arrayContaining(['MeetingScheduled', 'SpeechRecorded', 'DecisionRecorded', 'MinutesDrafted']));
    for (const message of published) {
      const data = JSON.stringify(message.event.data);
      expect(data).not.toContain(SPEECH);
      expect(data).not.toContain(DECISION);
      expect(data).not.toContain(TITLE);
      expect(data).not.toContain('张三');
    }
    const speech = published.find((message) => message.event.type === 'SpeechRecorded')!;
    expect((speech.event.data as Json)['view']).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
  it('AUD-11 COMMON-3 a hidden meeting or minutes answers exactly as an unknown id, and the probe is recorded without the title', async () => {
    const before = (await probes()).length;
    const unknownId = randomUUID();
    expect(unknownId).toHaveLength(meetingId.length);
    for (const read of ['', '/history', '/minutes', '/minutes/history']) {
      const missing = await raw(`/meetings/${unknownId}${read}`, 'member');
      const hidden = await raw(`/meetings/${meetingId}${read}`, 'member');
      expect([read, missing.status]).toEqual([read, 404]);
      expect(hidden).toEqual({ ...missing, text: missing.text.replace(unknownId, meetingId) });
      expect(JSON.parse(hidden.text)).toMatchObject({ code: 'MEETINGS.NOT_FOUND' });
    }
    expect((await raw(`/meetings/${meetingId}`, 'auditor')).status).toBe(404);
    expect((await raw(`/meetings/${meetingId}/minutes`, 'chair')).status).toBe(200);

    // the reads of unknown ids and the chair's admitted read record nothing
    const recorded = (await probes()).slice(before);
    expect(recorded.map((probe) => [probe.data['path'], probe.data['streamType'], probe.data['itemId'], probe.data['basis'], probe.metadata.actor.id])).toEqual([
      [`/api/v1/meetings/${meetingId}`, 'meeting', meetingId, 'clearance', 'u-m2'],
      [`/api/v1/meetings/${meetingId}/history`, 'meeting', meetingId, 'clearance', 'u-m2'],
      [`/api/v1/meetings/${meetingId}/minutes`, 'minutes', `minutes-${meetingId}`, 'clearance', 'u-m2'],
      [`/api/v1/meetings/${meetingId}/minutes/history`, 'minutes', `minutes-${meetingId}`, 'clearance', 'u-m2'],
      [`/api/v1/meetings/${meetingId}`, 'meeting', meetingId, 'needToKnow', 'u-auditor'],
    ]);
    for (const probe of recorded) {
      expect(probe).toMatchObject({ stream_type: 'securityLog', data: { reason: 'COMMON-3', status: 404 } });
      expect(probe.text).not.toContain(TITLE);
      expect(probe.text).not.toContain('干部任免');
      expect(probe.text).not.toContain(digestOf(TITLE));
    }
  });

  it('MTG-1 MTG-10 FILE-2 a material of a 秘密 meeting is stored encrypted, on the topic only by digest; the cleared member downloads it, the uncleared gets 404', async () => {
    const sha256 = createHash('sha256').update(MATERIAL).digest('hex');
    const [row] = (await service.runtime.dataSource.query(`SELECT f.encrypted, c.bytes FROM "meetings".files f JOIN "meetings".file_chunks c USING (file_id) WHERE f.sha256 = $1`, [sha256])) as Array<{ encrypted: boolean; bytes: Buffer }>;
    expect(row?.encrypted).toBe(true);
    expect(row?.bytes.includes(MATERIAL.subarray(9))).toBe(false);
    await eventually(async () => (collector.messages.some((message) => message.event.type === 'AgendaItemMaterialAttached') ? true : undefined), 'the material event on the topic');
    const published = JSON.stringify(collector.messages.map((message) => message.event));
    expect(published).toContain(sha256);
    expect(published).not.toContain(MATERIAL_NAME);
    expect(published).not.toContain(MATERIAL.subarray(9).toString('utf8').trim());
    const download = (who: string) => fetch(`${service.url}/api/v1/meetings/${meetingId}/agenda-items/${itemId}/materials/${sha256}`, { headers: { authorization: `Bearer ${token[who]}` } });
    const cleared = await download('chair');
    expect(cleared.status).toBe(200);
    expect(cleared.headers.get('content-disposition')).toContain(encodeURIComponent(MATERIAL_NAME));
    expect(Buffer.from(await cleared.arrayBuffer())).toEqual(MATERIAL);
    expect((await download('member')).status).toBe(404);
  });

  it('MTG-10 COMMON-4 a refused command on a 秘密 meeting keeps no text beside the stream', async () => {
    const kept = async (): Promise<string[]> =>
      ((await service.runtime.dataSource.query(`SELECT digest FROM "meetings".meeting_texts WHERE meeting_id = $1 ORDER BY digest`, [meetingId])) as Array<{ digest: string }>).map((row) => row.digest);
    const before = await kept();
    expect(before).toContain(digestOf(TITLE));
    expect(before).toContain(digestOf(DECISION));
    const late = `会后补记的发言-${randomBytes(4).toString('hex')}`;
    // the meeting is closed: the speech is refused after its text was sealed
    const refused = await call('POST', `/meetings/${meetingId}/agenda-items/${itemId}/speeches`, 'recorder', { speakerId: 'u-m2', view: late });
    expect(refused).toMatchObject({ status: 409, body: { code: 'MEETINGS.INVALID_STATE' } });
    const redraft = await call('POST', `/meetings/${meetingId}/minutes`, 'recorder', { title: `重复起草-${late}` });
    expect(redraft.status).toBeGreaterThanOrEqual(400);
    expect(await kept()).toEqual(before);
    const [{ orphans }] = (await service.runtime.dataSource.query(`SELECT count(*)::int AS orphans FROM "meetings".meeting_texts WHERE digest = ANY($1)`, [[digestOf(late), digestOf(`重复起草-${late}`)]])) as Array<{ orphans: number }>;
    expect(orphans).toBe(0);
  });

  it('FILE-4 MTG-10 the archives copy finalized 秘密 minutes with their texts in clear, the digest of that copy recorded at finalization and on the topic only as a digest', async () => {
    await ok(`/meetings/${meetingId}/minutes/sign`, 'recorder');
    await ok(`/meetings/${meetingId}/minutes/sign`, 'chair');
    const [finalized] = (await service.runtime.dataSource.query(`SELECT data FROM "meetings".events WHERE stream_id = $1 AND type = 'MinutesFinalized'`, [`minutes-${meetingId}`])) as Array<{ data: { contentDigest: string; clearContentDigest: string } }>;
    const clear = finalized!.data.clearContentDigest.replace(/^sha256:/, '');
    expect(clear).toMatch(/^[0-9a-f]{64}$/);
    expect(clear).not.toBe(finalized!.data.contentDigest.replace(/^sha256:/, ''));
    const archives = await mintToken({ sub: 'system:archives', name: '档案服务', orgUnit: '档案室', roles: ['archivist'], clearance: 'juemi' }, { secret });
    const copy = await fetch(`${service.url}/api/v1/internal/filing-copies/minutes/${meetingId}/${clear}`, { method: 'POST', headers: { authorization: `Bearer ${archives}` } });
    expect(copy.status).toBe(200);
    const bytes = Buffer.from(await copy.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(clear);
    expect(bytes.toString('utf8')).toContain(DECISION);
    expect(bytes.toString('utf8')).toContain(SPEECH);
    await eventually(async () => (collector.messages.some((message) => message.event.type === 'MinutesFilingCopyReleased') ? true : undefined), 'the release on the topic');
    expect(JSON.stringify(collector.messages.map((message) => message.event))).not.toContain(DECISION);
  });
});
