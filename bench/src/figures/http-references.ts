import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { jwtVerify, type JWTPayload } from 'jose';
import { CommandHandler, STREAM_DOES_NOT_EXIST, projections, type Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { BadRequest, Created, HttpProblem, getApplication, on } from '@event-driven-io/emmett-expressjs';
import { DEFAULT_DATABASE_POOL_SIZE } from '@oa/platform';
import type { BenchContext } from '../context';
import { READ_MODEL_DDL, STREAM_TYPE, newStreamId } from '../workload';
import { RAW_DDL, RAW_INSERT, emmettApplicationProjection, rawEventRow } from './append';

/**
 * A reference's pool is the service's: as many connections, kept idle as long (pg's default,
 * 10 s). Dropped after 100 ms idle, a paced load at a few hundred requests a second opened and
 * closed backends all along: (a)'s p99 at our half-load rate was 124–177 ms, 52 ms without.
 */
const referencePool = (url: string) => new Pool({ connectionString: url, max: DEFAULT_DATABASE_POOL_SIZE });

/** A server figure 3 loads besides the seals service: the same route, body and token. */
export interface HttpContender {
  readonly name: string;
  /** The route's URL: POST there with the token and the body. */
  readonly url: string;
  close(): Promise<void>;
}

/** What an application's body carries (the route's JSON, as the seals service takes it); a type, so Emmett's event data accepts it. */
type ApplicationBody = {
  sealId: string;
  purpose: string;
  documentTitle: string;
  copies: number;
  impressions: number;
  paperKind: string;
};

const ROUTE = '/api/v1/seal-applications';

/** The JWT check both references make: HS256 with the service's secret, as the seals service's guard does first. */
function bearerCheck(secret: string): (authorization: string | undefined) => Promise<JWTPayload | undefined> {
  const key = new TextEncoder().encode(secret);
  return async (authorization) => {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token) return undefined;
    try {
      return (await jwtVerify(token, key, { algorithms: ['HS256'] })).payload;
    } catch {
      return undefined;
    }
  };
}

async function listening(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${ROUTE}`;
}

function closing(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

const bodyOf = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * Reference (a), Node's own limit: `node:http`, the JSON body parsed, the token verified with
 * jose, one INSERT of the application's event row (figure 1's raw table: the events table's
 * columns and keys) through `pg` with a service's pool size. No framework, no read, no projection.
 */
export async function startNodeReference(context: BenchContext, secret: string): Promise<HttpContender> {
  const database = await context.database('http_node');
  const pool = referencePool(database.url);
  await pool.query('CREATE SCHEMA IF NOT EXISTS "bench"');
  await pool.query(RAW_DDL);
  const verify = bearerCheck(secret);
  const answer = async (request: IncomingMessage): Promise<[number, object]> => {
    const claims = await verify(request.headers.authorization);
    if (!claims?.sub) return [401, { code: 'AUTH.UNAUTHENTICATED' }];
    const body = JSON.parse(await bodyOf(request)) as ApplicationBody;
    const id = newStreamId();
    await pool.query(RAW_INSERT, rawEventRow(id, { applicationId: id, ...body, applicantId: claims.sub, applicantName: claims['name'], submittedAt: new Date().toISOString() }));
    return [201, { id }];
  };
  const server = createServer((request, response) => {
    answer(request).then(
      ([status, body]) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  const url = await listening(server);
  return { name: "Node's limit (node:http, jose, one INSERT)", url, close: () => closing(server).then(() => pool.end()) };
}

type SealActivated = Event<'SealActivated', { sealId: string; name: string }>;
type ApplicationSubmitted = Event<'SealUsageApplicationSubmitted', ApplicationBody & { applicationId: string; applicantId: string; submittedAt: string }>;

/**
 * Reference (b), the peer: Emmett's web layer (`@event-driven-io/emmett-expressjs`: Express, its
 * JSON and problem-details middleware, `on`) handling the same command through Emmett's
 * PostgreSQL store, as ours does: the token checked (jose, as above), the seal's stream read
 * (it must be active), the application's stream handled by Emmett's CommandHandler (read, decide,
 * append) with the same inline read-model upsert as figure 1's. `sealId`: the seal the body names.
 */
export async function startEmmettReference(context: BenchContext, secret: string, sealId: string): Promise<HttpContender> {
  const database = await context.database('http_emmett');
  const pool = referencePool(database.url);
  const store = getPostgreSQLEventStore(database.url, { connectionOptions: { pooled: true, pool }, projections: projections.inline([emmettApplicationProjection]) });
  await store.schema.migrate();
  await pool.query('CREATE SCHEMA IF NOT EXISTS "bench"');
  await pool.query(READ_MODEL_DDL);
  await store.appendToStream<SealActivated>(`seal-${sealId}`, [{ type: 'SealActivated', data: { sealId, name: '某某办公室印章' } }], { expectedStreamVersion: STREAM_DOES_NOT_EXIST });
  const handle = CommandHandler<{ submitted: boolean }, ApplicationSubmitted>({ evolve: () => ({ submitted: true }), initialState: () => ({ submitted: false }) });
  const verify = bearerCheck(secret);
  const app = getApplication({
    apis: [
      (router) =>
        router.post(
          ROUTE,
          on(async (request) => {
            const claims = await verify(request.headers.authorization);
            if (!claims?.sub) return HttpProblem(401, { problemDetails: 'AUTH.UNAUTHENTICATED' });
            const body = request.body as ApplicationBody;
            const seal = await store.aggregateStream<{ active: boolean }, SealActivated>(`seal-${body.sealId}`, { evolve: () => ({ active: true }), initialState: () => ({ active: false }) });
            if (!seal.state.active) return BadRequest({ problemDetails: 'SEAL.NOT_FOUND' });
            const applicationId = newStreamId();
            const applicantId = claims.sub;
            await handle(store, `${STREAM_TYPE}-${applicationId}`, () => ({ type: 'SealUsageApplicationSubmitted', data: { applicationId, ...body, applicantId, submittedAt: new Date().toISOString() } }));
            return Created({ createdId: applicationId });
          }),
        ),
    ],
  });
  const server = createServer(app);
  const url = await listening(server);
  return { name: "Emmett's web layer (emmett-expressjs)", url, close: () => closing(server).then(() => store.close()) };
}
