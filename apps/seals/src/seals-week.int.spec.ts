import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { GENESIS_HASH, sealEnvelope } from '@oa/core';
import { dropLocalDatabase, localServiceEnvironment, ensureTopics, eventsTopic, mintToken, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { ManualClock, TopicCollector, apiClient, testRun } from '@oa/testing';
import { SealDeadlinesJob } from './application/seal-deadlines.job';
import { SealsModule } from './seals.module';
import { sealsService } from './seals.service-definition';

/**
 * A realistic week in an office (issue 4): two seals registered and activated, one handed
 * over, applications approved, rejected, expired, partly used and over-used, one stamped on a
 * signed-off document (先签发后用印), one checkout returned late; then the register, the
 * history and the state as of a past instant, as an inspection would read them.
 */
describe('seals service: a week of seal work (real PostgreSQL, real Kafka, a hand-moved clock)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_sealweek`;
  const topicPrefix = `${run.topicPrefix}sealweek.`;
  const secret = randomBytes(32).toString('hex');
  // Monday 2026-11-23, 09:00 in Beijing
  const clock = new ManualClock(new Date('2026-11-23T01:00:00.000Z'));
  let service: RunningService;
  const call = apiClient(() => service.url);
  const token: Record<string, string> = {};
  const person = async (key: string, sub: string, name: string, roles: TokenClaims['roles']) => {
    // valid through the test's whole fortnight on the service's hand-moved clock
    token[key] = await mintToken({ sub, name, orgUnit: '办公室', roles, clearance: 'none' }, { secret, now: clock.now(), lifetimeSeconds: 30 * 86400 });
  };
  const ok = async (method: string, path: string, who: string, body?: unknown): Promise<Record<string, unknown>> => {
    clock.advance(5);
    const reply = await call(method, path, token[who]!, body);
    if (reply.status >= 300) throw new Error(`${method} ${path} → ${reply.status} ${reply.text}`);
    return reply.body;
  };
  const apply = (sealId: string, impressions: number, extra: object = {}) =>
    ok('POST', '/seal-applications', 'drafter', { sealId, purpose: '报送材料', documentTitle: '关于某某事项的报告', copies: 2, impressions, paperKind: 'prepared', ...extra });
  const witness = { witnessId: 'u-witness', witnessName: '王监印' };

  beforeAll(async () => {
    service = await startService(
      sealsService,
      SealsModule,
      { ...process.env, JWT_SECRET: secret, PORT: '0', ...(await localServiceEnvironment(databaseName)), KAFKA_TOPIC_PREFIX: topicPrefix, SCHEDULE_INTERVAL_SECONDS: '0' },
      clock,
    );
    await person('director', 'u-director', '周主任', ['officeDirector']);
    await person('keeperA', 'u-keeper-a', '李保管', ['sealKeeper']);
    await person('keeperA2', 'u-keeper-a2', '何保管', ['sealKeeper']);
    await person('keeperB', 'u-keeper-b', '赵保管', ['sealKeeper']);
    await person('approver', 'u-approver', '孙审批', ['sealApprover']);
    await person('drafter', 'u-drafter', '张拟稿', ['drafter']);
    await person('leader', 'u-leader', '郑书记', ['leader']);
    await person('auditor', 'u-auditor', '吴巡察', ['auditor']);
  });

  afterAll(async () => {
    await service?.close();
    await dropLocalDatabase(databaseName);
  });

  it('keeps every rule through the week and tells the whole story afterwards', async () => {
    // Monday: two seals, keepers, activation; seal A handed over with a witness (SEAL-2)
    const sealA = (await ok('POST', '/seals', 'director', { kind: 'office', name: '某某县委办公室印章', owningUnit: '办公室', engravingApprovalReference: '某公安备〔2026〕1号', impressionImageHash: 'sha256:a1' }))['id'] as string;
    const sealB = (await ok('POST', '/seals', 'director', { kind: 'special', name: '某某县委办公室合同专用章', owningUnit: '办公室', engravingApprovalReference: '某公安备〔2026〕2号', impressionImageHash: 'sha256:b2' }))['id'] as string;
    await ok('POST', `/seals/${sealA}/keeper`, 'director', { keeperId: 'u-keeper-a', keeperName: '李保管' });
    await ok('POST', `/seals/${sealB}/keeper`, 'director', { keeperId: 'u-keeper-b', keeperName: '赵保管' });
    await ok('POST', `/seals/${sealA}/activate`, 'director');
    await ok('POST', `/seals/${sealB}/activate`, 'director');
    const beforeHandover = clock.advance(1).toISOString();
    const { handoverId } = (await ok('POST', `/seals/${sealA}/handovers`, 'director', { incomingKeeperId: 'u-keeper-a2', incomingKeeperName: '何保管', ...witness })) as { handoverId: string };
    await ok('POST', `/seals/${sealA}/handovers/confirm`, 'keeperA', { handoverId });
    expect((await call('GET', `/seals/${sealA}`, token['auditor']!)).body).toMatchObject({ keeperId: 'u-keeper-a' });
    await ok('POST', `/seals/${sealA}/handovers/confirm`, 'keeperA2', { handoverId });
    expect((await call('GET', `/seals/${sealA}`, token['auditor']!)).body).toMatchObject({ keeperId: 'u-keeper-a2', status: 'active' });

    // Tuesday: five applications
    clock.set('2026-11-24T01:00:00.000Z');
    const used = (await apply(sealA, 3))['id'] as string;
    await ok('POST', `/seal-applications/${used}/approve`, 'approver', { comment: '同意' });
    await ok('POST', `/seal-applications/${used}/usages`, 'keeperA2', { copies: 2, impressions: 3, ...witness });
    const rejected = (await apply(sealA, 1))['id'] as string;
    await ok('POST', `/seal-applications/${rejected}/reject`, 'approver', { reason: '事由不明确' });
    const expiring = (await apply(sealB, 1))['id'] as string;
    await ok('POST', `/seal-applications/${expiring}/approve`, 'approver', {});
    const partial = (await apply(sealB, 5))['id'] as string;
    await ok('POST', `/seal-applications/${partial}/approve`, 'approver', {});
    await ok('POST', `/seal-applications/${partial}/usages`, 'keeperB', { copies: 1, impressions: 2, ...witness });
    const overUsed = (await apply(sealA, 2))['id'] as string;
    await ok('POST', `/seal-applications/${overUsed}/approve`, 'approver', {});
    const overUse = await call('POST', `/seal-applications/${overUsed}/usages`, token['keeperA2']!, { copies: 1, impressions: 3, ...witness });
    expect(overUse).toMatchObject({ status: 409, body: { code: 'SEAL-6' } });
    // SEAL-3: nobody stamps without an approval
    const unapproved = (await apply(sealA, 1))['id'] as string;
    expect((await call('POST', `/seal-applications/${unapproved}/usages`, token['keeperA2']!, { copies: 1, impressions: 1, ...witness })).body).toMatchObject({ code: 'SEAL-3' });

    // Wednesday: 先签发后用印 — refused before the documents topic says "signed off", approved by the sign-off after
    clock.set('2026-11-25T01:00:00.000Z');
    const documentId = randomUUID();
    const tooEarly = await call('POST', '/seal-applications', token['drafter']!, { sealId: sealA, purpose: '印发文件', documentTitle: '关于印发某某办法的通知', documentId, copies: 50, impressions: 1, paperKind: 'prepared' });
    expect(tooEarly.body).toMatchObject({ code: 'SEAL-7' });
    await publishSignOff(documentId, '关于印发某某办法的通知', clock.now().toISOString());
    await waitForSignOff(documentId);
    const byDocument = (await apply(sealA, 1, { documentId, documentTitle: '关于印发某某办法的通知' }))['id'] as string;
    expect((await call('GET', `/seal-applications/${byDocument}`, token['auditor']!)).body).toMatchObject({ status: 'approved' });
    // SEAL-7: not before the document is registered (numbered)
    expect((await call('POST', `/seal-applications/${byDocument}/usages`, token['keeperA2']!, { copies: 50, impressions: 1, ...witness })).body).toMatchObject({ code: 'SEAL-7' });
    await publishRegistration(documentId, '县委办发〔2026〕9号', 50, clock.now().toISOString());
    await waitForSignOff(documentId, 'AND document_number IS NOT NULL');
    await ok('POST', `/seal-applications/${byDocument}/usages`, 'keeperA2', { copies: 50, impressions: 1, ...witness });

    // Thursday: seal B taken out, due back Friday 09:00
    clock.set('2026-11-26T01:00:00.000Z');
    const { checkoutId } = (await ok('POST', `/seals/${sealB}/checkouts`, 'keeperB', { reason: '签订合同', destination: '市政府', carrierId: 'u-carrier', carrierName: '陈携印', expectedReturnAt: '2026-11-27T01:00:00.000Z' })) as { checkoutId: string };
    await ok('POST', `/seals/${sealB}/checkouts/approve`, 'leader', { checkoutId });

    // Saturday: the schedule marks the checkout overdue; the keeper records the late return
    clock.set('2026-11-28T01:00:00.000Z');
    const job = service.app.get(SealDeadlinesJob);
    expect(await job.runOnce(clock.now())).toBe(1);
    expect(await job.runOnce(clock.now())).toBe(0);
    await ok('POST', `/seals/${sealB}/return`, 'keeperB', { checkoutId, remarks: '印章完好' });

    // Next Thursday: approvals older than 7 days expire (SEAL-3), and cannot be used any more
    clock.set('2026-12-03T01:00:00.000Z');
    expect(await job.runOnce(clock.now())).toBe(3); // expiring, partial (3 left) and overUsed
    expect((await call('GET', `/seal-applications/${expiring}`, token['auditor']!)).body).toMatchObject({ status: 'expired' });
    expect((await call('GET', `/seal-applications/${partial}`, token['auditor']!)).body).toMatchObject({ status: 'expired' });
    expect((await call('GET', `/seal-applications/${used}`, token['auditor']!)).body).toMatchObject({ status: 'fullyUsed' });
    expect((await call('POST', `/seal-applications/${partial}/usages`, token['keeperB']!, { copies: 1, impressions: 1, ...witness })).body).toMatchObject({ code: 'SEAL-3' });

    // The inspection reads the register, the history and the past state
    const registerA = (await call('GET', `/seals/${sealA}/usage-register?format=json&from=2026-11-23T00:00:00Z&to=2026-11-30T00:00:00Z`, token['auditor']!)).body as unknown as Array<Record<string, unknown>>;
    expect(registerA).toEqual([
      expect.objectContaining({ applicationId: used, impressions: 3, copies: 2, applicant: '张拟稿', approver: '孙审批', keeper: '何保管', witness: '王监印' }),
      expect.objectContaining({ applicationId: byDocument, impressions: 1, copies: 50, document: '关于印发某某办法的通知', approver: '郑书记', keeper: '何保管' }),
    ]);
    const csvB = await fetch(`${service.url}/api/v1/seals/${sealB}/usage-register?format=csv`, { headers: { authorization: `Bearer ${token['auditor']}` } });
    const linesB = Buffer.from(await csvB.arrayBuffer()).toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(linesB).toHaveLength(2);
    expect(linesB[1]).toContain(',1,2,张拟稿,孙审批,赵保管,王监印,');

    const historyB = (await call('GET', `/seals/${sealB}/history`, token['auditor']!)).body as unknown as Array<{ type: string; actor: { id: string }; data: { late?: boolean } }>;
    expect(historyB.map((entry) => entry.type)).toEqual([
      'SealRegistered', 'SealKeeperAssigned', 'SealActivated', 'SealCheckoutRequested', 'SealCheckoutApproved', 'SealCheckoutMarkedOverdue', 'SealReturned',
    ]);
    expect(historyB[5]!.actor.id).toBe('system:scheduler');
    expect(historyB[6]!.data.late).toBe(true);
    expect((await call('GET', `/seals/${sealA}?asOf=${encodeURIComponent(beforeHandover)}`, token['auditor']!)).body).toMatchObject({ keeperId: 'u-keeper-a', status: 'active' });

    // and every seal event reached the topic in stream order
    const collector = await new TopicCollector(run.kafkaBrokers, service.runtime.topic).start();
    try {
      const stored = Number((await service.runtime.dataSource.query(`SELECT count(*) AS n FROM "seals".events`))[0].n);
      await collector.waitFor((messages) => messages.length >= stored);
      const versions = new Map<string, number>();
      for (const { event } of collector.messages) {
        expect(event.streamVersion).toBe((versions.get(event.streamId) ?? 0) + 1);
        versions.set(event.streamId, event.streamVersion);
      }
      expect(versions.get(sealB)).toBe(7);
    } finally {
      await collector.stop();
    }
  });

  /** What the documents service would publish on sign-off, in its envelope (hash chain included). */
  async function publishSignOff(documentId: string, title: string, signedOffAt: string): Promise<void> {
    await publishDocumentEvent(documentId, 6, 'OutgoingDocumentSignedOff', 1, { documentId, title, signerId: 'u-leader', signerName: '郑书记', signerIsPrincipalLeader: true, opinion: '同意印发', signedOffAt }, { id: 'u-leader', name: '郑书记', roles: ['signer', 'leader'] }, signedOffAt);
  }

  /** DOC-4 the registration, version 1 (no impressions per copy: one on each copy), as an older documents release would publish it. */
  async function publishRegistration(documentId: string, documentNumber: string, copies: number, registeredAt: string): Promise<void> {
    await publishDocumentEvent(documentId, 8, 'OutgoingDocumentRegistered', 1, { documentId, documentNumber, issuerCode: '县委办发', year: 2026, sequence: 9, copies, registeredAt }, { id: 'u-registrar', name: '刘收发', roles: ['registrar'] }, registeredAt);
  }

  async function publishDocumentEvent(documentId: string, streamVersion: number, type: string, schemaVersion: number, data: Record<string, unknown>, actor: { id: string; name: string; roles: string[] }, recordedAt: string): Promise<void> {
    const topic = eventsTopic('documents', topicPrefix);
    const kafka = new Kafka({ clientId: 'documents-stand-in', brokers: run.kafkaBrokers, logLevel: logLevel.NOTHING });
    await ensureTopics(kafka, [topic], { partitions: 3, replicationFactor: 1 });
    const envelope = sealEnvelope({
      eventId: randomUUID(),
      streamType: 'outgoingDocument',
      streamId: documentId,
      streamVersion,
      type,
      schemaVersion,
      data,
      metadata: { actor },
      recordedAt,
      prevHash: GENESIS_HASH,
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: documentId, value: JSON.stringify(envelope) }] });
    await producer.disconnect();
  }

  async function waitForSignOff(documentId: string, andAlso = ''): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const rows: unknown[] = await service.runtime.dataSource.query(`SELECT 1 FROM "seals".signed_off_documents WHERE document_id = $1 AND signed_off ${andAlso}`, [documentId]);
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the sign-off never reached the seals service');
  }
});
