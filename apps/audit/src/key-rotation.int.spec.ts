import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { GENESIS_HASH, sealEnvelope, type EventEnvelope } from '@oa/core';
import { dropLocalDatabase, ensureTopics, eventsTopic, localServiceEnvironment, mintToken, signEventHash, startService, type RunningService } from '@oa/platform';
import { apiClient, eventually, testRun } from '@oa/testing';
import { AuditModule } from './audit.module';
import { auditService } from './audit.service-definition';
import { keyIdOf } from './infrastructure/audit-settings';

const pem = (key: KeyObject) => key.export(key.type === 'private' ? { type: 'pkcs8', format: 'pem' } : { type: 'spki', format: 'pem' }).toString();

/**
 * Rotating the two signing keys (docs/deployment.md, Keys): the audit's checkpoint key and the
 * office's event key are replaced, and what the old keys signed still verifies — the checkpoints
 * before the switch (offline, and from the key list the audit publishes), events published
 * before it or still in flight, and a rebuild of the whole trail from offset zero — while an
 * event signed by a key the office never had is still AUD-10.
 */
describe('key rotation: old keys still verify (real PostgreSQL, real Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_rotation`;
  const topicPrefix = `${run.topicPrefix}rotation.`;
  const secret = randomBytes(32).toString('hex');
  const [auditKey1, auditKey2] = [generateKeyPairSync('ed25519'), generateKeyPairSync('ed25519')];
  const [eventKey1, eventKey2, strangerKey] = [generateKeyPairSync('ed25519'), generateKeyPairSync('ed25519'), generateKeyPairSync('ed25519')];
  const dir = mkdtempSync(join(tmpdir(), 'rotation-'));
  const keyFile = (name: string, key: KeyObject) => {
    const file = join(dir, `${name}.pem`);
    writeFileSync(file, pem(key));
    return file;
  };
  const [auditPublic1, auditPublic2] = [keyFile('audit-1', auditKey1.publicKey), keyFile('audit-2', auditKey2.publicKey)];
  const kafka = new Kafka({ clientId: 'rotation-stand-in', brokers: run.kafkaBrokers, logLevel: logLevel.NOTHING });
  let producer: Producer;
  let service: RunningService;
  let auditor: string;
  const call = apiClient(() => service.url);

  const environment = async (database: string, keys: Record<string, string>) => ({
    ...process.env,
    JWT_SECRET: secret,
    PORT: '0',
    ...(await localServiceEnvironment(database)),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    SCHEDULE_INTERVAL_SECONDS: '0',
    AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
    ...keys,
  });
  const beforeRotation = { AUDIT_SIGNING_KEY: pem(auditKey1.privateKey), EVENT_SIGNING_KEY: pem(eventKey1.privateKey) };
  const afterRotation = {
    AUDIT_SIGNING_KEY: pem(auditKey2.privateKey),
    AUDIT_PREVIOUS_PUBLIC_KEYS: pem(auditKey1.publicKey),
    EVENT_SIGNING_KEY: pem(eventKey2.privateKey),
    // as an administrator writes it into an environment file: newlines escaped
    EVENT_PREVIOUS_PUBLIC_KEYS: pem(eventKey1.publicKey).replace(/\n/g, '\\n'),
  };

  /** A stream as a service writes it, each event chained to the previous and signed by the given relay key. */
  const stream = (streamId = randomUUID()) => {
    let previous: EventEnvelope | undefined;
    return {
      streamId,
      next(type: string, signedBy: KeyObject) {
        const event = sealEnvelope({
          eventId: randomUUID(),
          streamType: 'seal',
          streamId,
          streamVersion: (previous?.streamVersion ?? 0) + 1,
          type,
          schemaVersion: 1,
          data: { name: '办公室印章' },
          metadata: { actor: { id: 'u-keeper', name: '李保管', roles: ['sealKeeper'] }, requestId: randomUUID() },
          recordedAt: new Date().toISOString(),
          prevHash: previous?.hash ?? GENESIS_HASH,
        });
        previous = event;
        return { key: streamId, value: JSON.stringify(event), headers: { signature: signEventHash(signedBy, event.hash) } };
      },
    };
  };
  const publish = (...messages: Array<{ key: string; value: string; headers: Record<string, string> }>) => producer.send({ topic: eventsTopic('seals', topicPrefix), messages });
  const history = async (streamId: string) =>
    (await call('GET', `/audit/streams/${streamId}/history?streamType=seal`, auditor)).body as unknown as Array<{ chainStatus: string; chainProblems?: Array<{ kind: string }> }>;
  const heldAll = (streamId: string, count: number) => eventually(async () => ((await history(streamId)).length === count ? true : undefined), `${count} entries of ${streamId}`);
  const verify = (kind: string, document: unknown, ...keyFiles: string[]) => {
    const file = join(dir, `${kind}-${randomUUID()}.json`);
    writeFileSync(file, JSON.stringify(document));
    const result = spawnSync(process.execPath, [join(__dirname, '../../../tools/audit-verify/verify.mjs'), kind, file, ...keyFiles.flatMap((key) => ['--public-key', key])], { encoding: 'utf8' });
    return { status: result.status, out: `${result.stdout}${result.stderr}` };
  };

  const seal = stream();
  const forged = stream();

  beforeAll(async () => {
    await ensureTopics(kafka, [eventsTopic('seals', topicPrefix)], { partitions: 1, replicationFactor: 1 });
    producer = kafka.producer();
    await producer.connect();
    auditor = await mintToken({ sub: 'u-auditor', name: '吴巡察', orgUnit: '办公室', roles: ['auditor'], clearance: 'none' }, { secret });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
    await dropLocalDatabase(databaseName);
    await dropLocalDatabase(`${databaseName}_rebuilt`);
  });

  it('keeps verifying what the replaced keys signed, and still refuses a stranger’s signature', async () => {
    service = await startService(auditService, AuditModule, await environment(databaseName, beforeRotation));
    await publish(seal.next('SealRegistered', eventKey1.privateKey), seal.next('SealKeeperAssigned', eventKey1.privateKey));
    await heldAll(seal.streamId, 2);
    expect((await call('POST', '/audit/checkpoints', auditor)).status).toBe(201);
    const first = (await call('GET', '/audit/checkpoints/latest', auditor)).body as { body: { id: number; keyId: string; logs: Array<{ log: string; size: number }> } };
    expect(first.body.keyId).toBe(keyIdOf(auditKey1.publicKey));

    // the rotation: both keys replaced, the old public halves listed
    await service.close();
    service = await startService(auditService, AuditModule, await environment(databaseName, afterRotation));
    // one event from a relay not yet switched (in flight), one from a switched relay, one forged
    await publish(seal.next('SealActivated', eventKey1.privateKey), seal.next('SealUsed', eventKey2.privateKey), forged.next('SealRegistered', strangerKey.privateKey));
    await heldAll(seal.streamId, 4);
    await heldAll(forged.streamId, 1);
    expect((await history(seal.streamId)).map((entry) => entry.chainStatus)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(await history(forged.streamId)).toMatchObject([{ chainStatus: 'broken', chainProblems: [{ kind: 'badSignature' }] }]);

    expect((await call('POST', '/audit/checkpoints', auditor)).status).toBe(201);
    const second = (await call('GET', '/audit/checkpoints/latest', auditor)).body as { body: { id: number; keyId: string } };
    expect(second.body.keyId).toBe(keyIdOf(auditKey2.publicKey));
    // the audit publishes the replaced key beside the current one, each with the id checkpoints name
    expect((await call('GET', '/audit/checkpoints/public-key', auditor)).body).toEqual({
      keyId: keyIdOf(auditKey2.publicKey),
      publicKey: pem(auditKey2.publicKey),
      previous: [{ keyId: keyIdOf(auditKey1.publicKey), publicKey: pem(auditKey1.publicKey) }],
    });

    // offline: the consistency of the checkpoint before the switch with the one after needs both keys
    const log = first.body.logs[0]!.log;
    const consistency = (await call('GET', `/audit/logs/${encodeURIComponent(log)}/consistency-proof?from=${first.body.logs[0]!.size}`, auditor)).body;
    expect(verify('consistency', consistency, auditPublic1, auditPublic2)).toMatchObject({ status: 0, out: expect.stringContaining('验证通过') });
    expect(verify('consistency', consistency, auditPublic2)).toMatchObject({ status: 1, out: expect.stringContaining('keyId mismatch') });
    // an entry signed before the rotation, proven against either checkpoint with its own key
    const [earliest] = (await call('GET', `/audit/streams/${seal.streamId}/history?streamType=seal`, auditor)).body as unknown as Array<{ eventId: string }>;
    const proofThen = (await call('GET', `/audit/entries/${earliest!.eventId}/inclusion-proof?checkpoint=${first.body.id}`, auditor)).body;
    const proofNow = (await call('GET', `/audit/entries/${earliest!.eventId}/inclusion-proof?checkpoint=${second.body.id}`, auditor)).body;
    expect(verify('inclusion', proofThen, auditPublic1).status).toBe(0);
    expect(verify('inclusion', proofNow, auditPublic2).status).toBe(0);
  });

  it('rebuilds the trail from offset zero with the new keys: every event the old key signed still verifies', async () => {
    const rebuilt = await startService(auditService, AuditModule, await environment(`${databaseName}_rebuilt`, { ...afterRotation, AUDIT_CONSUMER_GENERATION: 'rebuild-rotation' }));
    try {
      const rebuiltCall = apiClient(() => rebuilt.url);
      const rebuiltHistory = async (streamId: string) => (await rebuiltCall('GET', `/audit/streams/${streamId}/history?streamType=seal`, auditor)).body as unknown as Array<{ chainStatus: string }>;
      const statuses = await eventually(async () => {
        const entries = await rebuiltHistory(seal.streamId);
        return entries.length === 4 ? entries.map((entry) => entry.chainStatus) : undefined;
      }, 'the rebuilt trail');
      expect(statuses).toEqual(['ok', 'ok', 'ok', 'ok']);
      expect((await eventually(async () => ((await rebuiltHistory(forged.streamId)).length === 1 ? rebuiltHistory(forged.streamId) : undefined), 'the forged event rebuilt'))[0]!.chainStatus).toBe('broken');
    } finally {
      await rebuilt.close();
    }
  });
});
