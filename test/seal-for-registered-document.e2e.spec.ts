import { randomBytes } from 'node:crypto';
import { dropLocalDatabase, localServiceEnvironment, mintToken, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { apiClient, eventually, testRun, type ApiReply } from '@oa/testing';
import { DocumentsModule, documentsService } from '@oa/app-documents';
import { SealsModule, sealsService } from '@oa/app-seals';

/**
 * SEAL-7 across the documents and seals services and Kafka, as an inspection probes it: a sign-off
 * voided at recheck cancels the open application and no usage is recorded under it; a signed-off
 * document is not stamped before it is registered; and all applications for one registered
 * document together stay within the impressions its registration fixed (copies × per copy).
 */
describe('SEAL-7 a seal used for a registered document (documents ⇄ seals through Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_docreg`;
  const secret = randomBytes(32).toString('hex');
  const services: Record<'documents' | 'seals', RunningService> = {} as never;
  const documents = apiClient(() => services.documents.url);
  const seals = apiClient(() => services.seals.url);
  const token: Record<string, string> = {};
  const people: Record<string, [string, string, TokenClaims['roles']]> = {
    drafter: ['u-drafter', '张拟稿', ['drafter']],
    reviewer: ['u-reviewer', '李核稿', ['reviewer']],
    signer: ['u-signer', '王签发', ['signer', 'leader']],
    registrar: ['u-registrar', '刘收发', ['registrar']],
    director: ['u-director', '周主任', ['officeDirector']],
    keeper: ['u-keeper', '李保管', ['sealKeeper']],
    auditor: ['u-auditor', '吴巡察', ['auditor']],
  };
  const witness = { witnessId: 'u-witness', witnessName: '王监印' };
  let sealId: string;

  const ok = async (call: ReturnType<typeof apiClient>, path: string, who: string, body?: unknown) => {
    const reply = await call('POST', path, token[who]!, body);
    if (reply.status >= 300) throw new Error(`${path} → ${reply.status} ${reply.text}`);
    return reply.body;
  };
  const read = async (path: string) => (await seals('GET', path, token['auditor']!)).body;

  /** A notice drafted, reviewed and signed off: what 凭签发稿用印 needs, not yet rechecked or registered. */
  async function signedOffDocument(title: string): Promise<string> {
    const documentId = (await ok(documents, '/outgoing-documents', 'drafter', {
      type: 'notice',
      title,
      issuerCode: '县委办发',
      mainRecipients: [{ name: '各乡镇党委', kind: 'organ', relation: 'subordinate' }],
      secrecyLevel: 'none',
      urgency: 'none',
      content: '请各单位认真贯彻落实。',
    }))['id'] as string;
    await ok(documents, `/outgoing-documents/${documentId}/submit`, 'drafter');
    await ok(documents, `/outgoing-documents/${documentId}/review`, 'reviewer', { decision: 'approve', comments: '同意' });
    await ok(documents, `/outgoing-documents/${documentId}/sign-off`, 'signer', { opinion: '同意印发' });
    return documentId;
  }

  /** Applies once the sign-off has crossed Kafka (refused with SEAL-7 until then); answers the application's id. */
  async function applyWhenSignedOff(documentId: string, title: string, impressions: number): Promise<string> {
    const application = { sealId, purpose: '印发通知', documentTitle: title, documentId, copies: 3, impressions, paperKind: 'prepared' };
    return eventually(async () => {
      const reply = await seals('POST', '/seal-applications', token['drafter']!, application);
      if (reply.status === 201) return reply.body['id'] as string;
      expect(reply.body).toMatchObject({ code: 'SEAL-7' });
      return undefined;
    }, 'the sign-off to reach the seals service');
  }

  const apply = (documentId: string, title: string, impressions: number): Promise<ApiReply> =>
    seals('POST', '/seal-applications', token['drafter']!, { sealId, purpose: '印发通知', documentTitle: title, documentId, copies: 3, impressions, paperKind: 'prepared' });
  const use = (applicationId: string, impressions: number): Promise<ApiReply> =>
    seals('POST', `/seal-applications/${applicationId}/usages`, token['keeper']!, { copies: 3, impressions, ...witness });

  beforeAll(async () => {
    const env = {
      ...process.env,
      JWT_SECRET: secret,
      PORT: '0',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: `${run.topicPrefix}docreg.`,
      DOCUMENT_CONTENT_KEY: randomBytes(32).toString('hex'),
    };
    services.documents = await startService(documentsService, DocumentsModule, env);
    services.seals = await startService(sealsService, SealsModule, env);
    for (const [key, [sub, name, roles]] of Object.entries(people)) token[key] = await mintToken({ sub, name, roles, orgUnit: '办公室', clearance: 'none' }, { secret });
    sealId = (await ok(seals, '/seals', 'director', { kind: 'office', name: '某某县委办公室印章', owningUnit: '办公室', engravingApprovalReference: '某公安备〔2026〕5号', impressionImageHash: 'sha256:c5' }))['id'] as string;
    await ok(seals, `/seals/${sealId}/keeper`, 'director', { keeperId: 'u-keeper', keeperName: '李保管' });
    await ok(seals, `/seals/${sealId}/activate`, 'director');
  });

  afterAll(async () => {
    await services.seals?.close();
    await services.documents?.close();
    await dropLocalDatabase(databaseName);
  });

  it('SEAL-7 a sign-off voided at recheck cancels the open application, as an event, and a usage is refused', async () => {
    const title = '关于开展安全生产大检查的通知';
    const documentId = await signedOffDocument(title);
    const applicationId = await applyWhenSignedOff(documentId, title, 2);
    expect(await read(`/seal-applications/${applicationId}`)).toMatchObject({ status: 'approved' });

    // DOC-2 a substantive change found at recheck voids the sign-off
    await ok(documents, `/outgoing-documents/${documentId}/recheck`, 'registrar', { substantiveChange: true, content: '请各单位认真贯彻落实，并于月底前报送情况。', notes: '增加报送要求' });

    const cancelled = await eventually(async () => {
      const state = await read(`/seal-applications/${applicationId}`);
      return state['status'] === 'cancelled' ? state : undefined;
    }, 'the voiding to cancel the application');
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    const history = (await read(`/seal-applications/${applicationId}/history`)) as unknown as Array<{ type: string; actor: { id: string }; data: { reason?: string } }>;
    expect(history.map((entry) => entry.type)).toEqual(['SealUsageApplicationSubmitted', 'SealUsageApplicationApproved', 'SealUsageApplicationCancelled']);
    expect(history[2]).toMatchObject({ actor: { id: 'system:seals.documents-reaction' } });
    expect(history[2]!.data.reason).toContain('签发已作废');

    const usage = await use(applicationId, 1);
    expect(usage).toMatchObject({ status: 409, body: { code: 'SEAL-7' } });
    // and a new application waits for a new sign-off
    expect((await apply(documentId, title, 1)).body).toMatchObject({ code: 'SEAL-7' });
  });

  it('SEAL-7 refuses stamping before registration, and caps three applications for one registered document at its impressions', async () => {
    const title = '关于做好防汛工作的通知';
    const documentId = await signedOffDocument(title);

    // applied and approved by the sign-off before registration, but not stamped before it
    const first = await applyWhenSignedOff(documentId, title, 4);
    const early = await use(first, 4);
    expect(early).toMatchObject({ status: 409, body: { code: 'SEAL-7' } });
    expect(JSON.stringify(early.body)).toContain('登记');

    // registered: 3 copies × 2 impressions each = 6 for all applications together
    await ok(documents, `/outgoing-documents/${documentId}/recheck`, 'registrar', { substantiveChange: false });
    await ok(documents, `/outgoing-documents/${documentId}/register`, 'registrar', { copies: 3, impressionsPerCopy: 2 });

    // once the registration has crossed Kafka the first is stamped; it holds 4, so a second for 2 is approved and a third for 1 refused
    await eventually(async () => ((await use(first, 4)).status === 201 ? true : undefined), 'the registration to reach the seals service');
    expect(await read(`/seal-applications/${first}`)).toMatchObject({ status: 'fullyUsed', usedImpressions: 4 });
    const secondReply = await apply(documentId, title, 2);
    expect(secondReply.status).toBe(201);
    const second = secondReply.body['id'] as string;
    const third = await apply(documentId, title, 1);
    expect(third).toMatchObject({ status: 409, body: { code: 'SEAL-7' } });
    expect(JSON.stringify(third.body)).toContain('超出剩余可用0次');

    expect(await use(second, 2)).toMatchObject({ status: 201 });
    const approvals = (await read(`/seal-applications/${second}/history`)) as unknown as Array<{ type: string; data: { document?: Record<string, unknown> } }>;
    expect(approvals.find((entry) => entry.type === 'SealUsageApplicationApproved')!.data.document).toMatchObject({
      documentId,
      registeredCopies: 3,
      impressionsPerCopy: 2,
      registeredImpressions: 6,
      impressionsApprovedElsewhere: 4,
    });
    expect(approvals.find((entry) => entry.type === 'SealUsageRecorded')!.data.document).toMatchObject({ registeredImpressions: 6, impressionsUsedElsewhere: 4 });

    // DOC-7 the legal usages come back to the documents service as the document's sealing (none dead-lettered)
    const sealings = await eventually(async () => {
      const history = (await documents('GET', `/outgoing-documents/${documentId}/history`, token['auditor']!)).body as unknown as Array<{ type: string }>;
      const sealedEvents = history.filter((entry) => entry.type === 'OutgoingDocumentSealed');
      return sealedEvents.length === 2 ? sealedEvents : undefined;
    }, 'both usages to be recorded as the document sealing');
    expect(sealings).toHaveLength(2);
    const registered = (await documents('GET', `/outgoing-documents/${documentId}/history`, token['auditor']!)).body as unknown as Array<{ type: string; schemaVersion: number; data: Record<string, unknown> }>;
    expect(registered.find((entry) => entry.type === 'OutgoingDocumentRegistered')).toMatchObject({ data: { copies: 3, impressionsPerCopy: 2 } });
    const deadLetters = (await services.documents.runtime.dataSource.query(`SELECT count(*)::int AS n FROM "documents".dead_letters`)) as Array<{ n: number }>;
    expect(deadLetters[0]!.n).toBe(0);
  });
});
