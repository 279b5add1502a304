import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Client } from 'pg';
import { dropLocalDatabase, localServiceEnvironment, mintToken, poolOf, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { apiClient, testRun, type ApiReply } from '@oa/testing';
import { DocumentsModule, documentsService } from '@oa/app-documents';
import { SealsModule, sealsService } from '@oa/app-seals';

/**
 * Issue 22's figure: the PostgreSQL round trips of one seal approval and of one outgoing
 * document's registration, each one HTTP command against the real services.
 *
 * A round trip is one `query` call on a node-postgres client: the pool's own `query` hands
 * each statement to one of its clients, and TypeORM's query runners (BEGIN, COMMIT included)
 * call their client's, so counting at the client counts every statement once.
 *
 * Only the command's own statements count: the services start with the relay, the consumers
 * and the scheduled jobs off (RELAY_ENABLED, CONSUMERS_ENABLED, SCHEDULE_INTERVAL_SECONDS=0),
 * and a statement counts only when it is issued inside the measured request's async context
 * (AsyncLocalStorage entered where the HTTP server receives the request). Statements from
 * anywhere else in the process during the request are reported apart, not counted.
 *
 * The bounds are the counts measured on ca931e1, before the command path's refactor (a seal
 * approval 4, a registration 12), lowered as each service moved onto it: an approval is 2 — the
 * application read once, and the append with its list row in one statement, which also checks
 * that the seal (its facts, as this process last folded it) has not moved; a registration is 8 — the document read once, the ledger read and appended once
 * (its number read from the append's state), and the document's append with its list row in one
 * transaction.
 */
const BOUNDS = { sealApproval: 2, documentRegistration: 8 } as const;

const PROBE_HEADER = 'x-round-trip-probe';

interface Measured {
  readonly statements: string[];
  readonly elsewhere: string[];
}

describe('PostgreSQL round trips of one command (issue 22)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_roundtrips`;
  const secret = randomBytes(32).toString('hex');
  const services: Record<'documents' | 'seals', RunningService> = {} as never;
  const documents = apiClient(() => services.documents.url);
  const seals = apiClient(() => services.seals.url);
  const token: Record<string, string> = {};
  const people: Record<string, [string, string, TokenClaims['roles']]> = {
    drafter: ['u-drafter', '张拟稿', ['drafter']],
    reviewer: ['u-reviewer', '李核稿', ['reviewer']],
    signer: ['u-signer', '王签发', ['signer']],
    registrar: ['u-registrar', '刘收发', ['registrar']],
    director: ['u-director', '周主任', ['officeDirector']],
    approver: ['u-approver', '孙审批', ['sealApprover']],
  };

  /** The request being measured: its statements; set only inside that request's async context. */
  const probe = new AsyncLocalStorage<string[]>();
  /** While a measurement runs: every statement of the process outside the probed request. */
  let outside: string[] | undefined;
  const originalQuery = Client.prototype.query;

  /** A statement as printed: its first 80 characters, then its first parameters (which stream it reads or writes). */
  const textOf = (query: unknown, values: unknown): string => {
    const text = typeof query === 'string' ? query : ((query as { text?: string } | undefined)?.text ?? String(query));
    const parameters = Array.isArray(values) ? values : ((query as { values?: unknown } | undefined)?.values ?? []);
    const shown = (parameters as unknown[]).slice(0, 3).map((value) => String(typeof value === 'object' && value !== null ? JSON.stringify(value) : value).slice(0, 40));
    const head = text.replace(/\s+/g, ' ').trim().slice(0, 80);
    return shown.length ? `${head.padEnd(80)}  [${shown.join(', ')}${(parameters as unknown[]).length > 3 ? ', …' : ''}]` : head;
  };

  /** Enters the probe where the server receives a request carrying the probe header, before Fastify and Nest see it. */
  const probeRequests = (service: RunningService, measured: Map<string, string[]>) => {
    const server = service.app.getHttpServer() as Server;
    const listeners = server.listeners('request') as Array<(request: IncomingMessage, response: ServerResponse) => void>;
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const deliver = () => listeners.forEach((listener) => listener.call(server, request, response));
      const statements = measured.get(String(request.headers[PROBE_HEADER]));
      if (statements) probe.run(statements, deliver);
      else deliver();
    });
  };
  const measuredBy = new Map<string, string[]>();

  /** Sends one request with the probe on; returns its reply and the statements it made. */
  const measure = async (send: (headers: Record<string, string>) => Promise<ApiReply>): Promise<{ reply: ApiReply } & Measured> => {
    const id = randomUUID();
    const statements: string[] = [];
    measuredBy.set(id, statements);
    outside = [];
    try {
      const reply = await send({ [PROBE_HEADER]: id });
      return { reply, statements: [...statements], elsewhere: outside };
    } finally {
      measuredBy.delete(id);
      outside = undefined;
    }
  };

  const report = (what: string, { statements, elsewhere }: Measured) => {
    console.log(
      [
        `${what}: ${statements.length} PostgreSQL round trips`,
        ...statements.map((statement, index) => `  ${String(index + 1).padStart(2)}. ${statement}`),
        `  (statements elsewhere in the process meanwhile, not counted: ${elsewhere.length}${elsewhere.length ? ` — ${elsewhere.join(' | ')}` : ''})`,
      ].join('\n'),
    );
  };

  beforeAll(async () => {
    // counted at the client: pool.query and TypeORM's query runners both end here, once per statement
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const statements = probe.getStore();
      if (statements) statements.push(textOf(args[0], args[1]));
      else outside?.push(textOf(args[0], args[1]));
      return (originalQuery as (...parameters: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;

    const env = {
      ...process.env,
      JWT_SECRET: secret,
      PORT: '0',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: `${run.topicPrefix}roundtrips.`,
      DOCUMENT_CONTENT_KEY: randomBytes(32).toString('hex'),
      // no background work: only the commands query
      RELAY_ENABLED: 'false',
      CONSUMERS_ENABLED: 'false',
      SCHEDULE_INTERVAL_SECONDS: '0',
    };
    services.documents = await startService(documentsService, DocumentsModule, env);
    services.seals = await startService(sealsService, SealsModule, env);
    // the clients counted are the services' pools' own
    for (const service of Object.values(services)) expect((poolOf(service.runtime.dataSource) as unknown as { Client: unknown }).Client).toBe(Client);
    probeRequests(services.documents, measuredBy);
    probeRequests(services.seals, measuredBy);
    for (const [person, [sub, name, roles]] of Object.entries(people)) {
      token[person] = await mintToken({ sub, name, orgUnit: '办公室', roles, clearance: 'jimi' }, { secret });
    }
  });

  afterAll(async () => {
    Client.prototype.query = originalQuery;
    await services.seals?.close();
    await services.documents?.close();
    await dropLocalDatabase(databaseName);
  });

  const ok = async (reply: Promise<ApiReply>, what: string): Promise<ApiReply> => {
    const answered = await reply;
    if (answered.status >= 300) throw new Error(`${what}: ${answered.status} ${answered.text}`);
    return answered;
  };

  it('a seal approval (POST /seal-applications/{id}/approve)', async () => {
    const sealId = (await ok(seals('POST', '/seals', token['director']!, { kind: 'office', name: '某某办公室印章（往返）', owningUnit: '办公室', engravingApprovalReference: '某公安备〔2026〕12号', impressionImageHash: 'sha256:0f3a9c' }), 'register seal')).body['id'] as string;
    await ok(seals('POST', `/seals/${sealId}/keeper`, token['director']!, { keeperId: 'u-keeper', keeperName: '李保管' }), 'assign keeper');
    await ok(seals('POST', `/seals/${sealId}/activate`, token['director']!), 'activate');
    const applicationId = (
      await ok(
        seals('POST', '/seal-applications', token['drafter']!, { sealId, purpose: '报送年度工作总结', documentTitle: '关于2026年度工作情况的报告', copies: 3, impressions: 3, paperKind: 'prepared' }),
        'apply',
      )
    ).body['id'] as string;

    const measured = await measure((headers) => seals('POST', `/seal-applications/${applicationId}/approve`, token['approver']!, { comment: '同意' }, headers));
    report('seal approval', measured);

    expect(measured.reply.status).toBe(200);
    expect(measured.reply.body).toEqual({ id: applicationId, version: 2 });
    expect((await seals('GET', `/seal-applications/${applicationId}`, token['approver']!)).body).toMatchObject({ status: 'approved' });
    expect(measured.statements.length).toBeGreaterThan(0);
    expect(measured.statements.length).toBeLessThanOrEqual(BOUNDS.sealApproval);
  });

  it('an outgoing document registration (POST /outgoing-documents/{id}/register)', async () => {
    const id = (
      await ok(
        documents('POST', '/outgoing-documents', token['drafter']!, {
          type: 'summary',
          title: '关于安全生产工作会议的纪要',
          issuerCode: '国发',
          mainRecipients: [{ name: '各区县人民政府', kind: 'organ', relation: 'subordinate' }],
          secrecyLevel: 'none',
          urgency: 'none',
          content: '会议研究了安全生产工作。',
        }),
        'draft',
      )
    ).body['id'] as string;
    await ok(documents('POST', `/outgoing-documents/${id}/submit`, token['drafter']!), 'submit');
    await ok(documents('POST', `/outgoing-documents/${id}/review`, token['reviewer']!, { decision: 'approve', comments: '同意' }), 'review');
    await ok(documents('POST', `/outgoing-documents/${id}/sign-off`, token['signer']!, { opinion: '同意印发' }), 'sign off');
    await ok(documents('POST', `/outgoing-documents/${id}/recheck`, token['registrar']!, { substantiveChange: false }), 'recheck');

    const measured = await measure((headers) => documents('POST', `/outgoing-documents/${id}/register`, token['registrar']!, { copies: 3 }, headers));
    report('outgoing document registration', measured);

    expect(measured.reply.status).toBe(200);
    expect(measured.reply.body).toEqual({ id, version: 6 });
    expect((await documents('GET', `/outgoing-documents/${id}`, token['registrar']!)).body).toMatchObject({ status: 'registered' });
    expect(measured.statements.length).toBeGreaterThan(0);
    expect(measured.statements.length).toBeLessThanOrEqual(BOUNDS.documentRegistration);
  });
});
