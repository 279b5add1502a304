import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dataDigest, linkHash, type EventEnvelope } from '@oa/core';
import { STORED_EVENT_COLUMNS, rowToEnvelope, signEventHash } from '@oa/platform';
import { asSuperuser, type SqlQuery } from '@oa/testing';
import { StoreChainsJob } from '@oa/app-audit';
import { inParallel } from './support/load';
import { recordSummary, scaled } from './support/summary';
import { eventually, startStack, type Stack } from './support/stack';

const execute = promisify(execFile);
type EventRow = Parameters<typeof rowToEnvelope>[0];
const sql = (...statements: string[]) => async (query: SqlQuery, streamId: string) => {
  for (const statement of statements) await query(statement, [streamId]);
};
const root = join(__dirname, '..', '..');

/** Changes in the database, made as a superuser with the store's triggers switched off. */
const DATABASE_TAMPERING: Record<string, (query: SqlQuery, streamId: string) => Promise<void>> = {
  'changed data': sql(`UPDATE seals.events SET data = data || '{"keeperName":"伪造"}' WHERE stream_id = $1 AND stream_version = 2`),
  'changed actor': sql(`UPDATE seals.events SET metadata = jsonb_set(metadata, '{actor,name}', '"伪造"') WHERE stream_id = $1 AND stream_version = 3`),
  /** the changed event's own digest and hash recomputed, as a forger who knows the scheme would */
  'rehashed change': async (query, streamId) => {
    const [row] = await query<EventRow>(`SELECT ${STORED_EVENT_COLUMNS} FROM seals.events WHERE stream_id = $1 AND stream_version = 2`, [streamId]);
    const event = rowToEnvelope(row!);
    const changed = withHash({ ...event, data: { ...(event.data as object), keeperName: '伪造' } });
    await query(`UPDATE seals.events SET data = $2, data_digest = $3, hash = $4 WHERE event_id = $1`, [event.eventId, JSON.stringify(changed.data), changed.dataDigest, changed.hash]);
  },
  'deleted event': sql(`DELETE FROM seals.events WHERE stream_id = $1 AND stream_version = 3`),
  'swapped events': sql(
    `UPDATE seals.events SET stream_version = 1000 WHERE stream_id = $1 AND stream_version = 2`,
    `UPDATE seals.events SET stream_version = 2 WHERE stream_id = $1 AND stream_version = 3`,
    `UPDATE seals.events SET stream_version = 3 WHERE stream_id = $1 AND stream_version = 1000`,
  ),
};

/** Messages a forger puts on the seals topic, each aimed at one stream the audit already holds. */
const FORGERIES = {
  /** an eventId the audit holds, other content */
  'rewritten event': (events: EventEnvelope[]) => ({ ...events[1]!, data: { ...(events[1]!.data as object), keeperName: '伪造' } }),
  /** a new event continuing the stream, with a made-up hash */
  'made-up hash': (events: EventEnvelope[]) => forged(events, (envelope) => ({ ...envelope, hash: randomBytes(32).toString('hex') })),
  /** a new event whose own hash is right but which does not link to the stream */
  'unlinked event': (events: EventEnvelope[]) => forged(events, (envelope) => withHash({ ...envelope, prevHash: randomBytes(32).toString('hex') })),
  /** an old event replayed under a new id */
  'replayed event': (events: EventEnvelope[]) => withHash({ ...events[1]!, eventId: randomUUID() }),
  /** the right next link, computed as the service would: only the missing relay signature gives it away */
  'valid chain, unsigned': (events: EventEnvelope[]) => forged(events, (envelope) => envelope),
  /** the right next link, signed with a key that is not the office's */
  'valid chain, other key': (events: EventEnvelope[]) => forged(events, (envelope) => envelope),
} as const;

/** The forger's own Ed25519 key: a signature that is well-formed but not the office's. */
const forgerKey = generateKeyPairSync('ed25519').privateKey;

function withHash(envelope: EventEnvelope): EventEnvelope {
  const sealed = { ...envelope, dataDigest: dataDigest(envelope.data) };
  return { ...sealed, hash: linkHash(sealed) };
}

/** The next event of the stream as a forger writes it: suspending the seal, as the head's successor. */
function forged(events: EventEnvelope[], twist: (envelope: EventEnvelope) => EventEnvelope): EventEnvelope {
  const head = events.at(-1)!;
  const base = withHash({
    ...head,
    eventId: randomUUID(),
    streamVersion: head.streamVersion + 1,
    type: 'SealSuspended',
    data: { sealId: head.streamId, reason: '伪造', suspendedAt: head.recordedAt },
    prevHash: head.hash,
  });
  return twist(base);
}

/**
 * Issue 10, scenario 6: tampering with the seals store behind its triggers (a changed event,
 * a changed actor, a change with its own hash recomputed, a deleted event, two swapped events) is found by the chain verification
 * (`oa verify`, run as a process); forged messages on the seals topic (a rewritten event, a
 * made-up hash, an unlinked event, a replayed event) are found by the audit on arrival as
 * AUD-10. The changes in the database are also found by the audit itself, comparing the seals
 * service's chain heads with its log (AUD-10 in the stores, issue 24 item 7), without `oa verify`.
 * Each attempt aims at a stream of its own, so every detection is attributable.
 */
describe('reliability 6: tampering', () => {
  let stack: Stack;
  const perKind = scaled(10);
  const kinds = [...Object.keys(DATABASE_TAMPERING), ...Object.keys(FORGERIES)];
  const seals: string[] = [];

  beforeAll(async () => {
    stack = await startStack('tamper', ['audit', 'seals']);
    const director = await stack.token('u-director', '周主任', ['officeDirector']);
    const ok = async (path: string, body?: unknown) => {
      const reply = await stack.call('seals', 'POST', path, director, body);
      if (reply.status >= 300) throw new Error(`POST ${path} → ${reply.status} ${reply.text}`);
      return reply.body as { id: string };
    };
    // five events per seal: registered, keeper assigned, activated, suspended, resumed
    seals.push(
      ...(await inParallel(perKind * kinds.length, 4, async (index) => {
        const { id } = await ok('/seals', { kind: 'office', name: `办公室印章 ${index}`, owningUnit: '办公室', engravingApprovalReference: `某公安备〔2026〕${index}号`, impressionImageHash: `sha256:${'ab'.repeat(32)}` });
        await ok(`/seals/${id}/keeper`, { keeperId: 'u-keeper', keeperName: '李保管' });
        await ok(`/seals/${id}/activate`);
        await ok(`/seals/${id}/suspend`, { reason: '年检' });
        await ok(`/seals/${id}/resume`);
        return id;
      })),
    );
    // the audit holds every seals event before anything is touched
    await eventually(async () => {
      const [row] = await stack.query<{ stored: string; audited: string }>(
        `SELECT (SELECT count(*) FROM seals.events WHERE stream_type = 'seal') AS stored,
                (SELECT count(*) FROM audit.entries WHERE stream_id = ANY($1)) AS audited`,
        [seals],
      );
      return Number(row!.stored) === Number(row!.audited) ? true : undefined;
    }, 'the audit to hold every seals event');
  }, 600_000);

  afterAll(async () => {
    await stack?.close();
  });

  const verify = async (): Promise<{ code: number; out: string }> => {
    try {
      const { stdout } = await execute(process.execPath, [join(root, 'tools/cli/oa.js'), 'verify', '--service', 'seals', '--quiet'], {
        cwd: root,
        env: { ...process.env, DATABASE_OWNER_URL: stack.databaseUrl },
        maxBuffer: 64 * 1024 * 1024,
      });
      return { code: 0, out: stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string };
      return { code: failed.code, out: failed.stdout };
    }
  };
  const aud10Streams = async (source: 'arrival' | 'store' = 'arrival') =>
    new Set(
      (
        await stack.query<{ stream_id: string }>(
          `SELECT DISTINCT unnest(stream_ids) AS stream_id FROM audit.findings WHERE rule = 'AUD-10' AND COALESCE(detail->>'source', 'arrival') = $1`,
          [source],
        )
      ).map((row) => row.stream_id),
    );

  it('detects every change in the database (oa verify) and every forged message (AUD-10)', async () => {
    const clean = await verify();
    expect(clean.code).toBe(0);
    expect(await aud10Streams()).toEqual(new Set());

    const targets = new Map<string, string[]>(kinds.map((kind, index) => [kind, seals.slice(index * perKind, (index + 1) * perKind)]));

    for (const [kind, tamper] of Object.entries(DATABASE_TAMPERING)) {
      for (const streamId of targets.get(kind)!) {
        await asSuperuser(stack.databaseUrl, async (query) => {
          // a superuser switching the refuse-change triggers off for the session
          await query(`SET LOCAL session_replication_role = replica`);
          await tamper(query, streamId);
        });
      }
    }

    const producer = stack.services.seals!.runtime.kafka.producer();
    await producer.connect();
    try {
      for (const [kind, forge] of Object.entries(FORGERIES)) {
        for (const streamId of targets.get(kind)!) {
          const history = (await stack.query<EventRow>(`SELECT ${STORED_EVENT_COLUMNS} FROM seals.events WHERE stream_id = $1 ORDER BY stream_version`, [streamId])).map(rowToEnvelope);
          const message = forge(history);
          const headers = { 'event-type': message.type, 'schema-version': '1', 'event-id': message.eventId, 'stream-type': 'seal', ...(kind === 'valid chain, other key' && { signature: signEventHash(forgerKey, message.hash) }) };
          await producer.send({ topic: stack.services.seals!.runtime.topic, messages: [{ key: streamId, value: JSON.stringify(message), headers }] });
        }
      }
    } finally {
      await producer.disconnect();
    }

    const verified = await verify();
    const broken = new Set([...verified.out.matchAll(/✗ (\S+):/g)].map((match) => match[1]!));
    const forgedStreams = Object.keys(FORGERIES).flatMap((kind) => targets.get(kind)!);
    // the audit reads the forged messages on its own time: wait until it has judged them all, or give up after the bound
    let audited = await aud10Streams();
    await eventually(async () => {
      audited = await aud10Streams();
      return forgedStreams.every((streamId) => audited.has(streamId)) ? true : undefined;
    }, 'AUD-10 findings on every forged stream', 60_000).catch(() => undefined);

    // the audit compares the seals store's chain heads with its log (on its schedule in production; asked once here)
    await stack.services.audit!.app.get(StoreChainsJob).checkStores({ seals: stack.services.seals!.url });
    const storeAudited = await aud10Streams('store');

    const detectedBy = (kind: string) => targets.get(kind)!.filter((streamId) => (kind in DATABASE_TAMPERING ? broken : audited).has(streamId)).length;
    const perKindDetections = Object.fromEntries(kinds.map((kind) => [kind, `${detectedBy(kind)}/${perKind}`]));
    const databaseKinds = Object.keys(DATABASE_TAMPERING);
    const auditStoreDetections = Object.fromEntries(databaseKinds.map((kind) => [kind, `${targets.get(kind)!.filter((streamId) => storeAudited.has(streamId)).length}/${perKind}`]));
    const detections = kinds.reduce((sum, kind) => sum + detectedBy(kind), 0);
    const attempts = perKind * kinds.length;
    // nothing untouched is reported: no false alarms
    const untouchedAlarms = [...broken, ...audited, ...storeAudited].filter((streamId) => ![...targets.values()].flat().includes(streamId));
    const [{ events }] = await stack.query<{ events: string }>(`SELECT count(*) AS events FROM seals.events`);
    recordSummary({
      scenario: '6 tampering',
      commands: seals.length * 5,
      events: Number(events),
      losses: 0,
      duplicates: 0,
      serverErrors: 0,
      detections: `${detections}/${attempts}`,
      perKind: perKindDetections,
      auditStoreDetections: `${databaseKinds.reduce((sum, kind) => sum + targets.get(kind)!.filter((streamId) => storeAudited.has(streamId)).length, 0)}/${perKind * databaseKinds.length}`,
      auditStorePerKind: auditStoreDetections,
      falseAlarms: untouchedAlarms.length,
    });
    expect(verified.code).toBe(3);
    expect(perKindDetections).toEqual(Object.fromEntries(kinds.map((kind) => [kind, `${perKind}/${perKind}`])));
    expect(auditStoreDetections).toEqual(Object.fromEntries(databaseKinds.map((kind) => [kind, `${perKind}/${perKind}`])));
    expect(untouchedAlarms).toEqual([]);
  }, 1_200_000);
});
