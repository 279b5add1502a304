import { createHash, createPublicKey, randomBytes, randomUUID, verify } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { GENESIS_HASH, sealEnvelope, type SecrecyLevel } from '@oa/core';
import { dropLocalDatabase, localServiceEnvironment, ensureTopics, eventsTopic, mintToken, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { ManualClock, apiClient, fileUploader, testRun, zipEntries } from '@oa/testing';
import { LoanDeadlinesJob } from './application/loan-deadlines.job';
import { ArchivesModule } from './archives.module';
import { archivesService } from './archives.service-definition';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const code = (year: number, retention: string, n: number) => `Z109-WS\u00B7${year}-${retention}-BGS-${String(n).padStart(4, '0')}`;

/** What arrived on a topic: the source id and the hashes the archives service must keep. */
interface Published {
  readonly sourceId: string;
  readonly hashes: readonly string[];
  /** The bytes of each component, by component id, as the source would send them. */
  readonly files: Readonly<Record<string, string>>;
}

type Row = Record<string, unknown> & { id: string };

/**
 * Issue 7, "What must be shown", at the API: documents and minutes arrive over Kafka, 30 items
 * are filed across two retention periods with gapless codes, a 四性检测 failure is refused
 * without using a number, a loan goes overdue, a D10 item is appraised and destroyed with its
 * metadata kept, a permanent item refuses destruction, and a transfer manifest lists every
 * transferred item with its hashes. COMMON-3 throughout: a classified item is seen only by its
 * need-to-know list (archivists, the office director, a borrower while the loan is out).
 */
describe('archives scenario: 30 items from Kafka to the transfer manifest (real PostgreSQL, real Kafka, a hand-moved clock)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_archives_scenario`;
  const topicPrefix = `${run.topicPrefix}archives-scenario.`;
  const secret = randomBytes(32).toString('hex');
  // Tuesday 2026-11-24, 09:00 in Beijing
  const clock = new ManualClock(new Date('2026-11-24T01:00:00.000Z'));
  let service: RunningService;
  let kafka: Kafka;
  const call = apiClient(() => service.url);
  const upload = fileUploader(() => service.url);
  /** FILE-4 no source service runs here: the archivist uploads what the source would have sent. */
  const supply = async (itemId: string, files: Readonly<Record<string, string>>) => {
    for (const [componentId, content] of Object.entries(files)) {
      const reply = await upload(`/archive-items/${itemId}/components/${encodeURIComponent(componentId)}/file?name=${encodeURIComponent(componentId)}`, token['archivist']!, Buffer.from(content, 'utf8'));
      if (reply.status !== 200) throw new Error(`upload ${componentId}: ${reply.status} ${reply.text}`);
    }
  };
  const token: Record<string, string> = {};
  const person = async (key: string, sub: string, name: string, roles: TokenClaims['roles'], clearance: SecrecyLevel) => {
    token[key] = await mintToken({ sub, name, orgUnit: '办公室', roles, clearance }, { secret, now: clock.now(), lifetimeSeconds: 30 * 86400 });
  };
  const ok = async (method: string, path: string, who: string, body?: unknown): Promise<Record<string, unknown>> => {
    clock.advance(1);
    const reply = await call(method, path, token[who]!, body);
    if (reply.status >= 300) throw new Error(`${method} ${path} → ${reply.status} ${reply.text}`);
    return reply.body;
  };
  const list = async (path: string, who: string): Promise<Row[]> => {
    const reply = await call('GET', path, token[who]!);
    expect(reply.status).toBe(200);
    return reply.body as unknown as Row[];
  };
  const filing = (year: number, retention: string) => ({ fondsCode: 'Z109', year, retention, organisationCode: 'BGS', pages: 2 });
  const witnesses = [
    { id: 'u-w1', name: '王监销' },
    { id: 'u-w2', name: '李监销' },
  ];

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
        RATE_LIMIT_PER_MINUTE: '100000',
      },
      clock,
    );
    kafka = new Kafka({ clientId: 'archives-scenario-stand-in', brokers: run.kafkaBrokers, logLevel: logLevel.NOTHING });
    await ensureTopics(kafka, [eventsTopic('documents', topicPrefix), eventsTopic('meetings', topicPrefix)], { partitions: 3, replicationFactor: 1 });
    await person('archivist', 'u-archivist', '钱档案', ['archivist'], 'jimi');
    await person('director', 'u-director', '周主任', ['officeDirector'], 'jimi');
    await person('leader', 'u-leader', '郑书记', ['leader'], 'juemi');
    await person('committee', 'u-committee', '冯鉴定', ['appraisalCommittee'], 'internal');
    await person('auditor', 'u-auditor', '吴巡察', ['auditor'], 'internal');
    await person('handler', 'u-handler', '陈承办', ['handler'], 'mimi');
  });

  afterAll(async () => {
    await service?.close();
    await dropLocalDatabase(databaseName);
  });

  it('files 30 items across Y and D10 gaplessly, refuses a tampered one, lends, destroys, transfers, and keeps COMMON-3', async () => {
    // ── ARC-1 candidates over Kafka: 12 outgoing + 2 incoming documents and 4 minutes for Y (2026),
    //    12 outgoing documents of 2015 for D10, one outgoing document that will fail 四性检测
    const yearly: Published[] = [];
    for (let n = 1; n <= 12; n++) yearly.push(await publishOutgoing(`关于2026年第${n}项工作的通知`, '2026-06-15', n === 5 ? 'mimi' : 'none'));
    for (let n = 1; n <= 2; n++) yearly.push(await publishIncoming(`关于第${n}件来文事项的函`));
    for (let n = 1; n <= 4; n++) yearly.push(await publishMinutes(`2026年第${n}次主任办公会议纪要`));
    const decennial: Published[] = [];
    for (let n = 1; n <= 12; n++) decennial.push(await publishOutgoing(`关于2015年第${n}项事务的通知`, '2015-05-10', 'none'));
    const tampered = await publishOutgoing('关于某某事项的函（待检）', '2026-09-01', 'none');
    const candidates = await waitForCandidates(31);
    const itemOf = (published: Published) => {
      const candidate = candidates.find((row) => row['sourceId'] === published.sourceId);
      if (!candidate) throw new Error(`no candidate for ${published.sourceId}`);
      return candidate.id;
    };
    const yItems = yearly.map(itemOf);
    const d10Items = decennial.map(itemOf);
    const tamperedItem = itemOf(tampered);
    const classifiedItem = yItems[4]!;
    for (const published of [...yearly, ...decennial]) await supply(itemOf(published), published.files);
    // ARC-4 the tampered candidate's text is not what its source recorded
    await supply(tamperedItem, { ...tampered.files, [`${tampered.sourceId}:text`]: '篡改后的正文' });

    // COMMON-3 on candidates: the archivist sees the classified one, the auditor does not
    expect(candidates.map((row) => row.id)).toContain(classifiedItem);
    const auditorCandidates = await list('/filing-candidates', 'auditor');
    expect(auditorCandidates).toHaveLength(30);
    expect(auditorCandidates.map((row) => row.id)).not.toContain(classifiedItem);

    // ── ARC-2 + ARC-4: the Y items one by one; after the ninth, the tampered candidate is refused and uses no number
    const yCodes: string[] = [];
    for (const [index, itemId] of yItems.entries()) {
      if (index === 9) {
        const refused = await call('POST', `/archive-items/${tamperedItem}/file`, token['archivist']!, filing(2026, 'Y'));
        expect(refused).toMatchObject({ status: 400, body: { code: 'ARC-4' } });
        expect(refused.text).toContain('摘要值与登记值不符');
      }
      yCodes.push((await ok('POST', `/archive-items/${itemId}/file`, 'archivist', filing(2026, 'Y')))['archivalCode'] as string);
    }
    expect(yCodes).toEqual(Array.from({ length: 18 }, (_, n) => code(2026, 'Y', n + 1)));
    expect((await call('GET', `/archive-items/${tamperedItem}`, token['archivist']!)).body).toMatchObject({ status: 'candidate' });

    // ── ARC-2 the D10 items of 2015 all at once: consecutive numbers, none twice, none skipped; ARC-3 all late
    const d10Replies = await Promise.all(d10Items.map((itemId) => call('POST', `/archive-items/${itemId}/file`, token['archivist']!, filing(2015, 'D10'))));
    expect(d10Replies.map((reply) => reply.status)).toEqual(d10Replies.map(() => 200));
    expect(d10Replies.map((reply) => reply.body['archivalCode'] as string).sort()).toEqual(Array.from({ length: 12 }, (_, n) => code(2015, 'D10', n + 1)));
    expect((await list('/filing-candidates', 'archivist')).map((row) => row.id)).toEqual([tamperedItem]);
    expect((await list('/archive-items/late-filings', 'auditor')).map((row) => row['archivalCode'])).toEqual(Array.from({ length: 12 }, (_, n) => code(2015, 'D10', n + 1)));

    // ── COMMON-3: the catalogue of the director holds all 30; the auditor's and the leader's leave the classified item out
    const classifiedCode = code(2026, 'Y', 5);
    expect((await list('/archive-items', 'director')).map((row) => row['archivalCode'])).toEqual([
      ...Array.from({ length: 12 }, (_, n) => code(2015, 'D10', n + 1)),
      ...Array.from({ length: 18 }, (_, n) => code(2026, 'Y', n + 1)),
    ]);
    for (const who of ['auditor', 'leader']) {
      const rows = await list('/archive-items?year=2026&retention=Y', who);
      expect(rows).toHaveLength(17);
      expect(rows.map((row) => row.id)).not.toContain(classifiedItem);
      expect(await list('/archive-items?secrecyLevel=mimi', who)).toEqual([]);
      expect(await list(`/archive-items?title=${encodeURIComponent('第5项工作')}`, who)).toEqual([]);
    }
    expect((await list('/archive-items?secrecyLevel=mimi', 'archivist')).map((row) => row.id)).toEqual([classifiedItem]);

    // a direct read answers exactly as for a missing item: by code, by id, as of, history
    const missingCode = code(2026, 'Y', 99);
    const missingByCode = await call('GET', `/archival-codes/${encodeURIComponent(missingCode)}`, token['auditor']!);
    expect(missingByCode.status).toBe(404);
    const hiddenByCode = await call('GET', `/archival-codes/${encodeURIComponent(classifiedCode)}`, token['auditor']!);
    expect(hiddenByCode.status).toBe(404);
    expect(hiddenByCode.body).toEqual(JSON.parse(JSON.stringify(missingByCode.body).replaceAll(missingCode, classifiedCode)));
    expect(hiddenByCode.text).not.toContain('第5项工作');
    const missingId = randomUUID();
    const missingById = await call('GET', `/archive-items/${missingId}`, token['auditor']!);
    expect(missingById.status).toBe(404);
    const sameAsMissing = (body: unknown) => JSON.parse(JSON.stringify(body).replaceAll(classifiedItem, missingId)) as unknown;
    for (const path of [`/archive-items/${classifiedItem}`, `/archive-items/${classifiedItem}?asOf=${encodeURIComponent(clock.now().toISOString())}`, `/archive-items/${classifiedItem}/history`]) {
      const hidden = await call('GET', path, token['auditor']!);
      expect(hidden.status).toBe(404);
      expect(sameAsMissing(hidden.body)).toEqual(missingById.body);
    }
    expect((await call('GET', `/archival-codes/${encodeURIComponent(classifiedCode)}`, token['leader']!)).status).toBe(404);
    expect((await call('GET', `/archival-codes/${encodeURIComponent(classifiedCode)}`, token['director']!)).body).toMatchObject({ id: classifiedItem, secrecyLevel: 'mimi' });

    // ── ARC-5 + COMMON-3: the leader borrows the classified item; while the loan is out the leader may read it
    const inTwoDays = () => new Date(clock.now().getTime() + 2 * 86400_000).toISOString();
    const { loanId: leaderLoan } = (await ok('POST', `/archive-items/${classifiedItem}/loans`, 'leader', { purpose: '审阅', dueAt: inTwoDays() })) as { loanId: string };
    expect((await call('GET', `/archive-items/${classifiedItem}`, token['leader']!)).status).toBe(404);
    await ok('POST', `/archive-items/${classifiedItem}/loans/${leaderLoan}/approve`, 'director', { comment: '同意' });
    expect((await call('GET', `/archive-items/${classifiedItem}`, token['leader']!)).body).toMatchObject({ id: classifiedItem, archivalCode: classifiedCode });
    expect((await list('/archive-items?secrecyLevel=mimi', 'leader')).map((row) => row.id)).toEqual([classifiedItem]);
    expect(await list('/archive-items?secrecyLevel=mimi', 'auditor')).toEqual([]);
    await ok('POST', `/archive-items/${classifiedItem}/loans/${leaderLoan}/return`, 'archivist', { remarks: '完好' });
    expect((await call('GET', `/archive-items/${classifiedItem}`, token['leader']!)).status).toBe(404);

    // ── ARC-5 a loan goes overdue: approved for two days, three days pass, the job marks it once
    const lentItem = yItems[0]!;
    const { loanId } = (await ok('POST', `/archive-items/${lentItem}/loans`, 'handler', { purpose: '编写总结', dueAt: inTwoDays() })) as { loanId: string };
    await ok('POST', `/archive-items/${lentItem}/loans/${loanId}/approve`, 'archivist', {});
    clock.advance(3 * 24 * 60);
    const job = service.app.get(LoanDeadlinesJob);
    expect(await job.runOnce(clock.now())).toBe(1);
    expect(await job.runOnce(clock.now())).toBe(0);
    expect((await call('GET', `/archive-items/${lentItem}`, token['auditor']!)).body).toMatchObject({ loans: [{ loanId, phase: 'out', markedOverdueAt: expect.any(String) }] });
    await ok('POST', `/archive-items/${lentItem}/loans/${loanId}/return`, 'archivist', { remarks: '逾期归还' });
    const lentHistory = (await call('GET', `/archive-items/${lentItem}/history`, token['auditor']!)).body as unknown as Array<{ type: string; actor: { id: string } }>;
    expect(lentHistory.map((entry) => entry.type)).toEqual([
      'FilingCandidateRegistered', 'ArchiveComponentReceived', 'ArchiveComponentReceived', 'ArchiveItemFiled', 'ArchiveItemLoanRequested', 'ArchiveItemLoanApproved', 'ArchiveItemLoanMarkedOverdue', 'ArchiveItemReturned',
    ]);
    expect(lentHistory[6]!.actor.id).toBe('system:scheduler');

    // ── ARC-6 a permanent item refuses appraisal for destruction and destruction itself
    const permanent = yItems[1]!;
    expect(await call('POST', `/archive-items/${permanent}/appraise`, token['committee']!, { decision: 'destroy', reason: '无保存价值' })).toMatchObject({ status: 409, body: { code: 'ARC-6' } });
    expect(await call('POST', `/archive-items/${permanent}/destroy`, token['archivist']!, { appraisalId: randomUUID(), method: '粉碎', witnesses })).toMatchObject({ status: 409, body: { code: 'ARC-6' } });
    expect((await call('GET', `/archive-items/${permanent}`, token['auditor']!)).body).toMatchObject({ status: 'filed' });

    // ── ARC-6 a D10 item of 2015 (retention ended 2025): appraised, approved by the leader, destroyed; metadata kept
    const destroyed = d10Items[2]!;
    const destroyedCode = (await call('GET', `/archive-items/${destroyed}`, token['auditor']!)).body['archivalCode'] as string;
    const { appraisalId } = (await ok('POST', `/archive-items/${destroyed}/appraise`, 'committee', { decision: 'destroy', reason: '保管期满，已无保存价值' })) as { appraisalId: string };
    await ok('POST', `/archive-items/${destroyed}/destruction/approve`, 'leader', { appraisalId, comment: '同意销毁' });
    await ok('POST', `/archive-items/${destroyed}/destroy`, 'archivist', { appraisalId, method: '粉碎', witnesses });
    expect((await call('GET', `/archive-items/${destroyed}`, token['auditor']!)).body).toMatchObject({
      status: 'destroyed',
      archivalCode: destroyedCode,
      metadata: { title: '关于2015年第3项事务的通知', retention: 'D10', year: 2015 },
      destruction: { witnesses: [{ id: 'u-w1' }, { id: 'u-w2' }] },
    });
    expect((await list('/archive-items?retention=D10', 'auditor')).find((row) => row.id === destroyed)).toMatchObject({ status: 'destroyed', archivalCode: destroyedCode });

    // ── ARC-7 all 18 Y items transferred; the manifest lists every one with its hashes
    const transfer = await ok('POST', '/transfers', 'archivist', { recipient: '某某市档案馆', itemIds: yItems });
    const transferId = transfer['id'] as string;
    type ManifestRow = { archivalCode: string; components: Array<{ hash: string }> };
    const expectedRows = yearly.map((published, index) => ({ archivalCode: code(2026, 'Y', index + 1), components: published.hashes.map((hash) => ({ hash })) }));
    expect((transfer['manifest'] as ManifestRow[]).map((row) => row.archivalCode)).toEqual(yCodes);
    const fullManifest = (await call('GET', `/transfers/${transferId}/manifest?format=json`, token['director']!)).body as { recipient: string; items: ManifestRow[] };
    expect(fullManifest.recipient).toBe('某某市档案馆');
    expect(fullManifest.items).toHaveLength(18);
    expect(fullManifest.items).toMatchObject(expectedRows);
    // COMMON-3 in the manifest: the auditor's leaves the classified item out, in JSON and CSV
    const auditorManifest = (await call('GET', `/transfers/${transferId}/manifest?format=json`, token['auditor']!)).body as { items: ManifestRow[] };
    expect(auditorManifest.items).toMatchObject(expectedRows.filter((row) => row.archivalCode !== classifiedCode));
    const csv = await fetch(`${service.url}/api/v1/transfers/${transferId}/manifest?format=csv`, { headers: { authorization: `Bearer ${token['auditor']}` } });
    const csvText = Buffer.from(await csv.arrayBuffer()).toString('utf8');
    expect(csvText).not.toContain(classifiedCode);
    for (const [index, published] of yearly.entries()) {
      if (index === 4) continue;
      for (const hash of published.hashes) expect(csvText).toContain(hash);
    }
    // ARC-7 the transfer package: every file as the archives hold it, in a signed manifest with each file's SHA-256
    const packaged = await fetch(`${service.url}/api/v1/transfers/${transferId}/package`, { headers: { authorization: `Bearer ${token['archivist']}` } });
    expect(packaged.status).toBe(200);
    const entries = await zipEntries(Buffer.from(await packaged.arrayBuffer()));
    const manifestJson = entries.get('manifest.json')!;
    const signature = Buffer.from(entries.get('manifest.json.sig')!.toString('utf8'), 'base64');
    expect(verify(null, manifestJson, createPublicKey(entries.get('signing-key.pem')!.toString('utf8')), signature)).toBe(true);
    const packagedManifest = JSON.parse(manifestJson.toString('utf8')) as { items: Array<{ archivalCode: string; components: Array<{ componentId: string; hash: string; stored: { sha256: string; format: string } }> }> };
    expect(packagedManifest.items).toHaveLength(18);
    const packagedFiles = packagedManifest.items.flatMap((item) => item.components.map((component) => ({ item, component })));
    // 12 outgoing documents with a text and an attachment, 2 incoming with a text, 4 minutes
    expect(packagedFiles).toHaveLength(12 * 2 + 2 + 4);
    for (const { item, component } of packagedFiles) {
      const bytes = entries.get(`files/${item.archivalCode}/${component.componentId.replaceAll(':', '_')}.${component.stored.format}`);
      expect(bytes && createHash('sha256').update(bytes).digest('hex')).toBe(component.stored.sha256);
      expect(component.stored.sha256).toBe(component.hash);
    }
    expect(entries.get('manifest.csv')!.toString('utf8')).toContain(packagedFiles[0]!.component.stored.sha256);
    // read-only after the transfer
    expect(await call('POST', `/archive-items/${permanent}/loans`, token['handler']!, { purpose: '查阅', dueAt: inTwoDays() })).toMatchObject({ status: 409, body: { code: 'ARC-7' } });
    expect((await list('/archive-items?retention=Y', 'auditor')).map((row) => row['status'])).toEqual(Array.from({ length: 17 }, () => 'transferred'));
  });

  async function publish(source: 'documents' | 'meetings', key: string, envelope: unknown): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: eventsTopic(source, topicPrefix), messages: [{ key, value: JSON.stringify(envelope) }] });
    await producer.disconnect();
  }

  const envelopeOf = (streamType: string, streamId: string, streamVersion: number, type: string, data: unknown, actor: { id: string; name: string; roles: string[] }) => {
    const at = clock.now().toISOString();
    return sealEnvelope({ eventId: randomUUID(), streamType, streamId, streamVersion, type, schemaVersion: 1, data, metadata: { actor }, recordedAt: at, prevHash: GENESIS_HASH });
  };

  /** What the documents service publishes when a distributed outgoing document is handed off for filing. */
  async function publishOutgoing(title: string, documentDate: string, secrecyLevel: SecrecyLevel): Promise<Published> {
    const documentId = randomUUID();
    const text = `正文：${title}`;
    const attachment = `%PDF-1.7\n附件：${title}`;
    const contentHash = sha256(text);
    const attachmentHash = sha256(attachment);
    const data = {
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
      handedOffAt: clock.now().toISOString(),
    };
    await publish('documents', documentId, envelopeOf('outgoingDocument', documentId, 12, 'OutgoingDocumentHandedOffForFiling', data, { id: 'u-registrar', name: '刘收发', roles: ['registrar'] }));
    return { sourceId: documentId, hashes: [contentHash, attachmentHash], files: { [`${documentId}:text`]: text, [`${documentId}:attachment:1`]: attachment } };
  }

  /** What the documents service publishes when a completed incoming document is handed off for filing. */
  async function publishIncoming(title: string): Promise<Published> {
    const documentId = randomUUID();
    const text = `来文正文：${title}`;
    const contentHash = sha256(text);
    const data = {
      documentId,
      year: 2026,
      sequence: 31,
      sender: '某某市人民政府办公室',
      senderDocumentNumber: '某政办函〔2026〕3号',
      title,
      type: 'letter',
      secrecyLevel: 'none',
      contentHash,
      receivedAt: '2026-10-12T02:00:00.000Z',
      result: '已办结',
      handedOffAt: clock.now().toISOString(),
    };
    await publish('documents', documentId, envelopeOf('incomingDocument', documentId, 9, 'IncomingDocumentHandedOffForFiling', data, { id: 'u-registrar', name: '刘收发', roles: ['registrar'] }));
    return { sourceId: documentId, hashes: [contentHash], files: { [`${documentId}:text`]: text } };
  }

  /** What the meetings service publishes when minutes are finalized. */
  async function publishMinutes(title: string): Promise<Published> {
    const meetingId = randomUUID();
    const text = `会议记录：${title}`;
    const contentDigest = sha256(text);
    const data = {
      meetingId,
      title,
      finalizedAt: clock.now().toISOString(),
      version: 1,
      chairId: 'u-leader',
      recorderId: 'u-secretary',
      scheduledEnd: '2026-11-20T04:00:00.000Z',
      secrecyLevel: 'internal',
      contentDigest,
    };
    await publish('meetings', meetingId, envelopeOf('minutes', meetingId, 4, 'MinutesFinalized', data, { id: 'u-leader', name: '郑书记', roles: ['leader'] }));
    return { sourceId: meetingId, hashes: [contentDigest], files: { [`${meetingId}:minutes:v1`]: text } };
  }

  async function waitForCandidates(count: number): Promise<Row[]> {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const candidates = (await call('GET', '/filing-candidates', token['archivist']!)).body as unknown as Row[];
      if (candidates.length >= count) return candidates;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the hand-offs never reached the archives service');
  }
});
