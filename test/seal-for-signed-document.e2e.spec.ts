import { randomBytes } from 'node:crypto';
import { dropLocalDatabase, localServiceEnvironment, mintToken, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { apiClient, eventually, testRun } from '@oa/testing';
import { DocumentsModule, documentsService } from '@oa/app-documents';
import { SealsModule, sealsService } from '@oa/app-seals';

/**
 * 先签发后用印 across two services and Kafka (DOC-7, SEAL-7): the seals service refuses to
 * stamp a document until the documents topic tells it the document was signed off; the
 * stamping then comes back to the documents service as the document's sealing.
 */
describe('a seal used for a signed-off document (documents ⇄ seals through Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_docseal`;
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

  beforeAll(async () => {
    const env = {
      ...process.env,
      JWT_SECRET: secret,
      PORT: '0',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: `${run.topicPrefix}docseal.`,
      DOCUMENT_CONTENT_KEY: randomBytes(32).toString('hex'),
    };
    services.documents = await startService(documentsService, DocumentsModule, env);
    services.seals = await startService(sealsService, SealsModule, env);
    for (const [key, [sub, name, roles]] of Object.entries(people)) token[key] = await mintToken({ sub, name, roles, orgUnit: '办公室', clearance: 'none' }, { secret });
  });

  afterAll(async () => {
    await services.seals?.close();
    await services.documents?.close();
    await dropLocalDatabase(databaseName);
  });


  it('DOC-7 SEAL-7 refuses the seal before sign-off, takes the sign-off as the approval, and seals the document', async () => {
    const ok = async (call: ReturnType<typeof apiClient>, path: string, who: string, body?: unknown) => {
      const reply = await call('POST', path, token[who]!, body);
      if (reply.status >= 300) throw new Error(`${path} → ${reply.status} ${reply.text}`);
      return reply.body;
    };
    const sealId = (await ok(seals, '/seals', 'director', { kind: 'office', name: '某某县委办公室印章', owningUnit: '办公室', engravingApprovalReference: '某公安备〔2026〕3号', impressionImageHash: 'sha256:c3' }))['id'] as string;
    await ok(seals, `/seals/${sealId}/keeper`, 'director', { keeperId: 'u-keeper', keeperName: '李保管' });
    await ok(seals, `/seals/${sealId}/activate`, 'director');

    const documentId = (await ok(documents, '/outgoing-documents', 'drafter', {
      type: 'notice',
      title: '关于做好年终工作的通知',
      issuerCode: '县委办发',
      mainRecipients: [{ name: '各乡镇党委', kind: 'organ', relation: 'subordinate' }],
      secrecyLevel: 'none',
      urgency: 'none',
      content: '请各单位做好年终工作。',
    }))['id'] as string;
    const application = { sealId, purpose: '印发通知', documentTitle: '关于做好年终工作的通知', documentId, copies: 30, impressions: 1, paperKind: 'prepared' };

    // not signed off yet: the seals service refuses (先签发后用印)
    await ok(documents, `/outgoing-documents/${documentId}/submit`, 'drafter');
    expect((await seals('POST', '/seal-applications', token['drafter']!, application)).body).toMatchObject({ code: 'SEAL-7' });

    await ok(documents, `/outgoing-documents/${documentId}/review`, 'reviewer', { decision: 'approve', comments: '同意' });
    await ok(documents, `/outgoing-documents/${documentId}/sign-off`, 'signer', { opinion: '同意印发' });
    await ok(documents, `/outgoing-documents/${documentId}/recheck`, 'registrar', { substantiveChange: false });
    await ok(documents, `/outgoing-documents/${documentId}/register`, 'registrar', { copies: 30 });

    // once the sign-off has crossed Kafka, the same application is approved by it, the signer of record
    const applicationId = await eventually(async () => {
      const reply = await seals('POST', '/seal-applications', token['drafter']!, application);
      return reply.status === 201 ? (reply.body['id'] as string) : undefined;
    }, 'the sign-off to reach the seals service');
    const approved = (await seals('GET', `/seal-applications/${applicationId}`, token['auditor']!)).body;
    expect(approved).toMatchObject({ status: 'approved' });
    expect(JSON.stringify(approved)).toContain('u-signer');

    // SEAL-7 stamped once the registration (after the sign-off on the same stream) has crossed Kafka too
    await eventually(async () => {
      const reply = await seals('POST', `/seal-applications/${applicationId}/usages`, token['keeper']!, { copies: 30, impressions: 1, witnessId: 'u-witness', witnessName: '王监印' });
      if (reply.status === 201) return true;
      expect(reply.body).toMatchObject({ code: 'SEAL-7' });
      return undefined;
    }, 'the registration to reach the seals service');

    // and the stamping comes back to the documents service as the document's sealing
    const sealed = await eventually(async () => {
      const read = (await documents('GET', `/outgoing-documents/${documentId}`, token['auditor']!)).body;
      return read['status'] === 'sealed' ? read : undefined;
    }, 'the document to be recorded as sealed');
    expect(sealed).toMatchObject({ status: 'sealed' });
    const history = (await documents('GET', `/outgoing-documents/${documentId}/history`, token['auditor']!)).body as unknown as Array<{ type: string; actor: { id: string } }>;
    expect(history.at(-1)).toMatchObject({ type: 'OutgoingDocumentSealed', actor: { id: 'u-keeper' } });
    await ok(documents, `/outgoing-documents/${documentId}/distribute`, 'registrar', { deliveries: [{ recipient: '各乡镇党委', copies: 30 }] });
  });
});
