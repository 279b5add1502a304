import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { GENESIS_HASH, sealEnvelope, type SecrecyLevel } from '@oa/core';
import {
  accessMatrixFailures,
  dropLocalDatabase,
  localServiceEnvironment,
  ensureTopics,
  eventsTopic,
  listRoutes,
  mintToken,
  startService,
  type RunningService,
  type TokenClaims,
} from '@oa/platform';
import { ManualClock, apiClient, fileUploader, testRun } from '@oa/testing';
import { LoanDeadlinesJob } from './application/loan-deadlines.job';
import { OnDocumentHandedOffReaction } from './infrastructure/consumers/on-document-handed-off.reaction';
import { ArchivesModule } from './archives.module';
import { archivesService } from './archives.service-definition';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The archives service against real PostgreSQL and Kafka: hand-offs and finalized minutes arrive
 * on the other services' topics, the archivist files them (ARC-1..4), loans (ARC-5), appraisal
 * and destruction (ARC-6), transfer (ARC-7), and every route's access matrix.
 */
describe('archives service (real PostgreSQL, real Kafka, a hand-moved clock)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_archives`;
  const topicPrefix = `${run.topicPrefix}archives.`;
  const secret = randomBytes(32).toString('hex');
  // Tuesday 2026-11-24, 09:00 in Beijing
  const clock = new ManualClock(new Date('2026-11-24T01:00:00.000Z'));
  let service: RunningService;
  let kafka: Kafka;
  const call = apiClient(() => service.url);
  const upload = fileUploader(() => service.url);
  const token: Record<string, string> = {};
  const person = async (key: string, sub: string, name: string, roles: TokenClaims['roles'], clearance: SecrecyLevel = 'none') => {
    token[key] = await mintToken({ sub, name, orgUnit: '办公室', roles, clearance }, { secret, now: clock.now(), lifetimeSeconds: 30 * 86400 });
  };
  const ok = async (method: string, path: string, who: string, body?: unknown): Promise<Record<string, unknown>> => {
    clock.advance(1);
    const reply = await call(method, path, token[who]!, body);
    if (reply.status >= 300) throw new Error(`${method} ${path} → ${reply.status} ${reply.text}`);
    return reply.body;
  };
  const filing = (year: number, retention: string) => ({ fondsCode: 'Z109', year, retention, organisationCode: 'BGS', pages: 3 });
  /** FILE-4 no documents or meetings service runs here: the archivist uploads what the source would have sent (or, for `text`, other bytes). */
  const supply = async (itemId: string, files: Record<string, string>) => {
    for (const [componentId, content] of Object.entries(files)) {
      const reply = await upload(`/archive-items/${itemId}/components/${encodeURIComponent(componentId)}/file?name=${encodeURIComponent(componentId)}`, token['archivist']!, Buffer.from(content, 'utf8'));
      if (reply.status !== 200) throw new Error(`upload ${componentId}: ${reply.status} ${reply.text}`);
    }
  };
  const supplyDocument = (itemId: string, document: { documentId: string; text: string; attachment: string }, text = document.text) =>
    supply(itemId, { [`${document.documentId}:text`]: text, [`${document.documentId}:attachment:1`]: document.attachment });

  beforeAll(async () => {
    service = await startService(
      archivesService,
      ArchivesModule,
      {
        ...process.env,
        JWT_SECRET: secret,
        PORT: '0',
        ...(await localServiceEnvironment(databaseName)),
        KAFKA_TOPIC_PREFIX: topicPrefix,
        SCHEDULE_INTERVAL_SECONDS: '0',
        // the access matrix alone sends several hundred requests
        RATE_LIMIT_PER_MINUTE: '100000',
      },
      clock,
    );
    kafka = new Kafka({ clientId: 'archives-test-stand-in', brokers: run.kafkaBrokers, logLevel: logLevel.NOTHING });
    await ensureTopics(kafka, [eventsTopic('documents', topicPrefix), eventsTopic('meetings', topicPrefix)], { partitions: 3, replicationFactor: 1 });
    await person('archivist', 'u-archivist', '钱档案', ['archivist'], 'jimi');
    await person('director', 'u-director', '周主任', ['officeDirector'], 'jimi');
    await person('leader', 'u-leader', '郑书记', ['leader'], 'juemi');
    await person('committee', 'u-committee', '冯鉴定', ['appraisalCommittee']);
    await person('auditor', 'u-auditor', '吴巡察', ['auditor'], 'internal');
    await person('drafter', 'u-drafter', '张拟稿', ['drafter'], 'none');
    await person('handler', 'u-handler', '陈承办', ['handler'], 'mimi');
  });

  afterAll(async () => {
    await service?.close();
    await dropLocalDatabase(databaseName);
  });

  it('ARC-1..7 files what arrives over Kafka and keeps every archive rule', async () => {
    // ARC-1 candidates: four outgoing documents and one meeting's minutes; one hand-off redelivered
    const docA = await publishHandOff('关于2026年度工作总结的报告', '2026-11-20', 'none');
    const docB = await publishHandOff('关于保密工作检查情况的通报', '2026-10-09', 'mimi');
    const docC = await publishHandOff('关于2015年春季安全检查的通知', '2015-03-01', 'none');
    const docD = await publishHandOff('关于某某事项的函', '2026-09-01', 'none');
    const meeting = await publishMinutes('2026年第12次主任办公会议纪要');
    await publish('documents', docA.documentId, docA.envelope);
    const candidates = await waitForCandidates(5);
    expect(candidates.map((candidate) => candidate['sourceId']).sort()).toEqual([docA.documentId, docB.documentId, docC.documentId, docD.documentId, meeting.meetingId].sort());
    // the redelivered hand-off registered nothing new
    const documentsReaction = service.app.get(OnDocumentHandedOffReaction);
    for (const deadline = Date.now() + 30_000; documentsReaction.appliedCount < 5 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 100));
    const itemOf = (sourceId: string) => candidates.find((candidate) => candidate['sourceId'] === sourceId)!['id'] as string;
    const [itemA, itemB, itemC, itemD, itemM] = [itemOf(docA.documentId), itemOf(docB.documentId), itemOf(docC.documentId), itemOf(docD.documentId), itemOf(meeting.meetingId)];

    expect(((await call('GET', `/archive-items/${itemA}/history`, token['auditor']!)).body as unknown as unknown[]).length).toBe(1);

    // FILE-4 the components' bytes, as the sources would have sent them; docD's text is not the one its source recorded
    await supplyDocument(itemA, docA);
    await supplyDocument(itemB, docB);
    await supplyDocument(itemC, docC);
    await supplyDocument(itemD, docD, '篡改后的正文');
    await supply(itemM, { [`${meeting.meetingId}:minutes:v1`]: meeting.text });

    // ARC-2 the exact code, gapless; ARC-4 a hash mismatch is refused and uses no number
    const firstFiling = await call('POST', `/archive-items/${itemA}/file`, token['archivist']!, filing(2026, 'Y'), { 'idempotency-key': 'file-item-a' });
    // registered, two components received, filed
    expect(firstFiling).toMatchObject({ status: 200, body: { archivalCode: 'Z109-WS\u00B72026-Y-BGS-0001', version: 4 } });
    // a retried request gets the first reply; filing again is refused
    expect(await call('POST', `/archive-items/${itemA}/file`, token['archivist']!, filing(2026, 'Y'), { 'idempotency-key': 'file-item-a' })).toMatchObject({ status: 200, body: firstFiling.body });
    expect(await call('POST', `/archive-items/${itemA}/file`, token['archivist']!, filing(2026, 'Y'))).toMatchObject({ status: 409, body: { code: 'ARCHIVE_ITEM.ILLEGAL_TRANSITION' } });
    const tampered = await call('POST', `/archive-items/${itemD}/file`, token['archivist']!, filing(2026, 'Y'));
    expect(tampered).toMatchObject({ status: 400, body: { code: 'ARC-4' } });
    expect(tampered.text).toContain('摘要值与登记值不符');
    expect((await ok('POST', `/archive-items/${itemM}/file`, 'archivist', filing(2026, 'Y')))['archivalCode']).toBe('Z109-WS\u00B72026-Y-BGS-0002');
    expect((await ok('POST', `/archive-items/${itemB}/file`, 'archivist', filing(2026, 'D30')))['archivalCode']).toBe('Z109-WS\u00B72026-D30-BGS-0001');
    // ARC-3 a 2015 document filed in 2026 is late, and flagged
    expect((await ok('POST', `/archive-items/${itemC}/file`, 'archivist', filing(2015, 'D10')))['archivalCode']).toBe('Z109-WS\u00B72015-D10-BGS-0001');
    expect((await call('GET', `/archive-items/${itemD}`, token['auditor']!)).body).toMatchObject({ status: 'candidate' });

    // FILE-2 the classified item's copies are stored encrypted; its components are served to the cleared only
    const storedB: Array<{ encrypted: boolean; bytes: Buffer }> = await service.runtime.dataSource.query(
      `SELECT f.encrypted, c.bytes FROM "archives".files f JOIN "archives".file_chunks c USING (file_id) WHERE f.sha256 = ANY($1)`,
      [[docB.contentHash, docB.attachmentHash]],
    );
    expect(storedB.map((row) => row.encrypted)).toEqual([true, true]);
    expect(storedB.some((row) => row.bytes.includes(Buffer.from(docB.text, 'utf8')))).toBe(false);
    const textOfB = `/archive-items/${itemB}/components/${encodeURIComponent(`${docB.documentId}:text`)}/file`;
    expect(Buffer.from(await (await fetch(`${service.url}/api/v1${textOfB}`, { headers: { authorization: `Bearer ${token['director']}` } })).arrayBuffer()).toString('utf8')).toBe(docB.text);
    expect((await call('GET', textOfB, token['auditor']!)).status).toBe(404);

    // ARC-4 bytes changed in the store after filing fail authenticity at the next check, visibly: an event with every digest
    expect((await ok('POST', `/archive-items/${itemA}/four-properties-check`, 'archivist'))['version']).toBe(5);
    await service.runtime.dataSource.query(
      `UPDATE "archives".file_chunks SET bytes = overlay(bytes placing '\\x58'::bytea from 1 for 1) WHERE file_id = (SELECT file_id FROM "archives".files WHERE sha256 = $1 AND NOT encrypted)`,
      [docA.contentHash],
    );
    await ok('POST', `/archive-items/${itemA}/four-properties-check`, 'auditor');
    const checks = ((await call('GET', `/archive-items/${itemA}/history`, token['auditor']!)).body as unknown as Array<{ type: string; data: { report?: { passed: boolean; authenticity: { findings: string[] }; components: Array<{ componentId: string; recordedHash: string; recomputedHash?: string }> } } }>).filter(
      (entry) => entry.type === 'ArchiveItemFourPropertiesChecked',
    );
    expect(checks.map((entry) => entry.data.report?.passed)).toEqual([true, false]);
    expect(checks[1]!.data.report!.authenticity.findings).toEqual([`组件 ${docA.documentId}:text 的摘要值与登记值不符，文件可能已被篡改`]);
    expect(checks[1]!.data.report!.components.find((check) => check.componentId === `${docA.documentId}:text`)).toMatchObject({ recordedHash: docA.contentHash, recomputedHash: createHash('sha256').update(Buffer.concat([Buffer.from('X'), Buffer.from(docA.text, 'utf8').subarray(1)])).digest('hex') });

    // reads: by code, the catalogue, late filings, ETag and the four-properties report
    const byCode = await call('GET', `/archival-codes/${encodeURIComponent('Z109-WS\u00B72026-Y-BGS-0002')}`, token['auditor']!);
    expect(byCode.body).toMatchObject({ id: itemM, status: 'filed', metadata: { itemNumber: 2, title: '2026年第12次主任办公会议纪要' }, fourPropertiesReport: { passed: true } });
    expect(byCode.headers.get('etag')).toBe('"3"');
    const catalogue = (await call('GET', '/archive-items?year=2026&retention=Y&organisation=BGS', token['auditor']!)).body as unknown as Array<Record<string, unknown>>;
    expect(catalogue.map((row) => row['archivalCode'])).toEqual(['Z109-WS\u00B72026-Y-BGS-0001', 'Z109-WS\u00B72026-Y-BGS-0002']);
    // COMMON-3: the classified notice is listed to the office director, not to the auditor
    expect(((await call('GET', '/archive-items?secrecyLevel=mimi', token['director']!)).body as unknown as unknown[]).length).toBe(1);
    expect(((await call('GET', '/archive-items?secrecyLevel=mimi', token['auditor']!)).body as unknown as unknown[]).length).toBe(0);
    expect(((await call('GET', `/archive-items?title=${encodeURIComponent('工作 总结')}`, token['auditor']!)).body as unknown as Array<{ id: string }>).map((row) => row.id)).toEqual([itemA]);
    expect(((await call('GET', '/archive-items/late-filings', token['auditor']!)).body as unknown as Array<{ id: string }>).map((row) => row.id)).toEqual([itemC]);
    expect(((await call('GET', '/filing-candidates', token['archivist']!)).body as unknown as Array<{ id: string }>).map((row) => row.id)).toEqual([itemD]);

    // ARC-5 a classified item: too low a clearance is refused; the office director approves
    const dueAt = new Date(clock.now().getTime() + 2 * 86400_000).toISOString();
    expect(await call('POST', `/archive-items/${itemB}/loans`, token['drafter']!, { purpose: '查阅', dueAt })).toMatchObject({ status: 403, body: { code: 'ARC-5' } });
    const { loanId } = (await ok('POST', `/archive-items/${itemB}/loans`, 'handler', { purpose: '编写检查报告', dueAt })) as { loanId: string };
    expect(await call('POST', `/archive-items/${itemB}/loans/${loanId}/approve`, token['archivist']!, {})).toMatchObject({ status: 403, body: { code: 'ARC-5' } });
    await ok('POST', `/archive-items/${itemB}/loans/${loanId}/approve`, 'director', { comment: '同意' });
    // three days later the schedule marks it overdue, once; the archivist records the late return
    clock.advance(3 * 24 * 60);
    const job = service.app.get(LoanDeadlinesJob);
    expect(await job.runOnce(clock.now())).toBe(1);
    expect(await job.runOnce(clock.now())).toBe(0);
    await ok('POST', `/archive-items/${itemB}/loans/${loanId}/return`, 'archivist', { remarks: '完好' });
    const historyB = (await call('GET', `/archive-items/${itemB}/history`, token['director']!)).body as unknown as Array<{ type: string; actor: { id: string }; data: { late?: boolean } }>;
    expect(historyB.map((entry) => entry.type)).toEqual([
      'FilingCandidateRegistered', 'ArchiveComponentReceived', 'ArchiveComponentReceived', 'ArchiveItemFiled', 'ArchiveItemLoanRequested', 'ArchiveItemLoanApproved', 'ArchiveItemLoanMarkedOverdue', 'ArchiveItemReturned',
    ]);
    expect(historyB[6]!.actor.id).toBe('system:scheduler');
    expect(historyB[7]!.data.late).toBe(true);

    // ARC-6 a permanent item is never appraised for destruction nor destroyed
    expect(await call('POST', `/archive-items/${itemA}/appraise`, token['committee']!, { decision: 'destroy', reason: '无保存价值' })).toMatchObject({ status: 409, body: { code: 'ARC-6' } });
    expect(await call('POST', `/archive-items/${itemA}/destroy`, token['archivist']!, { appraisalId: randomUUID(), method: '粉碎', witnesses: [{ id: 'u-w1', name: '王监销' }, { id: 'u-w2', name: '李监销' }] })).toMatchObject({
      status: 409,
      body: { code: 'ARC-6' },
    });
    // a D10 item of 2015, past its retention (end of 2025): appraised, approved, destroyed with two witnesses
    const { appraisalId } = (await ok('POST', `/archive-items/${itemC}/appraise`, 'committee', { decision: 'destroy', reason: '保管期满，已无保存价值' })) as { appraisalId: string };
    await ok('POST', `/archive-items/${itemC}/destruction/approve`, 'leader', { appraisalId, comment: '同意销毁' });
    expect(await call('POST', `/archive-items/${itemC}/destroy`, token['archivist']!, { appraisalId, method: '粉碎', witnesses: [{ id: 'u-w1', name: '王监销' }] })).toMatchObject({ status: 400, body: { code: 'ARC-6' } });
    await ok('POST', `/archive-items/${itemC}/destroy`, 'archivist', { appraisalId, method: '粉碎', witnesses: [{ id: 'u-w1', name: '王监销' }, { id: 'u-w2', name: '李监销' }] });
    expect((await call('GET', `/archive-items/${itemC}`, token['auditor']!)).body).toMatchObject({
      status: 'destroyed',
      archivalCode: 'Z109-WS\u00B72015-D10-BGS-0001',
      metadata: { title: '关于2015年春季安全检查的通知', retention: 'D10' },
      destruction: { witnesses: [{ id: 'u-w1' }, { id: 'u-w2' }] },
    });

    // ARC-7 transfer with its manifest (JSON and CSV, every component's hash); read-only afterwards
    const transfer = await ok('POST', '/transfers', 'archivist', { recipient: '某某市档案馆', itemIds: [itemA, itemM] });
    const transferId = transfer['id'] as string;
    const manifest = (await call('GET', `/transfers/${transferId}/manifest?format=json`, token['auditor']!)).body as { recipient: string; items: Array<{ archivalCode: string; components: Array<{ hash: string }> }> };
    expect(manifest.recipient).toBe('某某市档案馆');
    expect(manifest.items.map((row) => row.archivalCode)).toEqual(['Z109-WS\u00B72026-Y-BGS-0001', 'Z109-WS\u00B72026-Y-BGS-0002']);
    expect(manifest.items[0]!.components.map((component) => component.hash)).toEqual([docA.contentHash, docA.attachmentHash]);
    expect(manifest.items[1]!.components.map((component) => component.hash)).toEqual([meeting.contentDigest]);
    const csv = await fetch(`${service.url}/api/v1/transfers/${transferId}/manifest?format=csv`, { headers: { authorization: `Bearer ${token['auditor']}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = Buffer.from(await csv.arrayBuffer()).toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^档号,全宗号/);
    expect(lines[1]).toContain(docA.contentHash);
    expect(lines[3]).toContain(meeting.contentDigest);
    expect(await call('POST', `/archive-items/${itemA}/loans`, token['handler']!, { purpose: '查阅', dueAt: new Date(clock.now().getTime() + 86400_000).toISOString() })).toMatchObject({
      status: 409,
      body: { code: 'ARC-7' },
    });
    expect((await call('GET', `/archive-items/${itemA}`, token['auditor']!)).body).toMatchObject({ status: 'transferred', transferId });
  });

  it('ARC-2 concurrent filings get consecutive numbers per retention, none twice, none skipped', async () => {
    const published = [];
    for (let index = 1; index <= 12; index++) published.push(await publishHandOff(`关于第${index}批事项的通知`, '2026-06-01', 'none'));
    const ids = new Set<string>(published.map((document) => document.documentId));
    const deadline = Date.now() + 60_000;
    let candidates: Array<Record<string, unknown>> = [];
    while (Date.now() < deadline) {
      candidates = ((await call('GET', '/filing-candidates', token['archivist']!)).body as unknown as Array<Record<string, unknown>>).filter((row) => ids.has(row['sourceId'] as string));
      if (candidates.length === 12) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(candidates).toHaveLength(12);
    for (const candidate of candidates) await supplyDocument(String(candidate['id']), published.find((document) => document.documentId === candidate['sourceId'])!);
    const replies = await Promise.all(
      candidates.map((candidate, index) => call('POST', `/archive-items/${String(candidate['id'])}/file`, token['archivist']!, filing(2026, index % 2 === 0 ? 'D10' : 'D30'))),
    );
    expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
    const codes = (retention: string) => replies.map((reply) => reply.body['archivalCode'] as string).filter((code) => code.includes(`-${retention}-`)).sort();
    expect(codes('D10')).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Z109-WS\u00B72026-D10-BGS-000${n}`));
    // D30 already holds 0001 (the classified notice)
    expect(codes('D30')).toEqual([2, 3, 4, 5, 6, 7].map((n) => `Z109-WS\u00B72026-D30-BGS-000${n}`));
  });

  it('COMMON-1 COMMON-2 every archives route answers its access matrix', async () => {
    // the matrix signs its tokens at the real time: the service's clock goes back to it
    clock.set(new Date().toISOString());
    const routes = listRoutes(service.app).filter((route) => !route.isPublic);
    expect(routes.length).toBeGreaterThanOrEqual(17);
    expect(await accessMatrixFailures(service.url, routes, { secret })).toEqual([]);
  });

  async function publish(source: 'documents' | 'meetings', key: string, envelope: unknown): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: eventsTopic(source, topicPrefix), messages: [{ key, value: JSON.stringify(envelope) }] });
    await producer.disconnect();
  }

  /** What the documents service publishes when a distributed document is handed off for filing. */
  async function publishHandOff(title: string, documentDate: string, secrecyLevel: SecrecyLevel) {
    const documentId = randomUUID();
    const text = `正文：${title}`;
    const attachment = `%PDF-1.7\n附件：${title}`;
    const contentHash = sha256(text);
    const attachmentHash = sha256(attachment);
    const at = clock.now().toISOString();
    const envelope = sealEnvelope({
      eventId: randomUUID(),
      streamType: 'outgoingDocument',
      streamId: documentId,
      streamVersion: 12,
      type: 'OutgoingDocumentHandedOffForFiling',
      schemaVersion: 1,
      data: {
        documentId,
        documentNumber: '某办发〔2026〕7号',
        type: 'notice',
        title,
        issuerCode: '某办发',
        coIssuers: [],
        secrecyLevel,
        documentDate,
        contentHash,
        attachments: [{ name: '附件1.pdf', hash: attachmentHash }],
        handedOffAt: at,
      },
      metadata: { actor: { id: 'u-registrar', name: '刘收发', roles: ['registrar'] } },
      recordedAt: at,
      prevHash: GENESIS_HASH,
    });
    await publish('documents', documentId, envelope);
    return { documentId, text, attachment, contentHash, attachmentHash, envelope };
  }

  /** What the meetings service publishes when minutes are finalized. */
  async function publishMinutes(title: string) {
    const meetingId = randomUUID();
    const text = `会议记录：${title}`;
    const contentDigest = sha256(text);
    const at = clock.now().toISOString();
    const envelope = sealEnvelope({
      eventId: randomUUID(),
      streamType: 'minutes',
      streamId: meetingId,
      streamVersion: 4,
      type: 'MinutesFinalized',
      schemaVersion: 1,
      data: { meetingId, title, finalizedAt: at, version: 1, chairId: 'u-leader', recorderId: 'u-secretary', scheduledEnd: '2026-11-20T04:00:00.000Z', secrecyLevel: 'internal', contentDigest },
      metadata: { actor: { id: 'u-leader', name: '郑书记', roles: ['leader'] } },
      recordedAt: at,
      prevHash: GENESIS_HASH,
    });
    await publish('meetings', meetingId, envelope);
    return { meetingId, text, contentDigest };
  }

  async function waitForCandidates(count: number): Promise<Array<Record<string, unknown>>> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const candidates = (await call('GET', '/filing-candidates', token['archivist']!)).body as unknown as Array<Record<string, unknown>>;
      if (candidates.length >= count) return candidates;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the hand-offs never reached the archives service');
  }
});
