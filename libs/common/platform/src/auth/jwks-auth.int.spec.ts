import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module } from '@nestjs/common';
import { base64url, exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import type { CommandMetadata, EventEnvelope } from '@oa/core';
import { testRun } from '@oa/testing';
import { startService, type RunningService } from '../nest/bootstrap';
import { dropLocalDatabase, localServiceEnvironment } from '../environment/resolve-environment';
import { rowToEnvelope, STORED_EVENT_COLUMNS } from '../event-store/event-store';
import type { ServiceDefinition } from '../nest/runtime';
import { Roles } from './decorators';
import { CommandContext } from './request-context';
import { mintToken } from './token';

@Controller('whoami')
class WhoAmIController {
  @Get()
  @Roles('leader')
  whoAmI(@CommandContext() metadata: CommandMetadata) {
    return { id: metadata.actor.id, name: metadata.actor.name };
  }
}

@Module({ controllers: [WhoAmIController] })
class WhoAmIModule {}

const definition: ServiceDefinition = { service: 'audit', title: '安全内核测试 (JWKS)' };
const secret = randomBytes(32).toString('hex');
const ISSUER = 'https://idp.example.gov.cn';
const AUDIENCE = 'oa-core';
const COOLDOWN_SECONDS = 1;
const afterCooldown = () => new Promise((resolve) => setTimeout(resolve, COOLDOWN_SECONDS * 1000 + 200));

/** The office's identity provider: its JSON Web Key Set, served on loopback by the test. */
class IdentityProvider {
  readonly keys: JWK[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      if (request.url !== '/.well-known/jwks.json') return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: this.keys }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  async publish(key: KeyLike, kid: string, alg: 'RS256' | 'ES256'): Promise<void> {
    this.keys.push({ ...(await exportJWK(key)), kid, alg, use: 'sig' });
  }

  async stop(): Promise<void> {
    // jose's fetches keep their connection alive: drop them, or close() waits for their idle timeout
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}

/** A token as the identity provider issues it for this system. */
const issue = (key: KeyLike, alg: 'RS256' | 'ES256', kid: string, sub: string) =>
  new SignJWT({ name: '王五', roles: ['leader'], clearance: 'mimi' })
    .setProtectedHeader({ alg, kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);

describe('tokens of an identity provider through its JWKS (JWT_JWKS_URL; real PostgreSQL)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_jwks`;
  const idp = new IdentityProvider();
  let service: RunningService;
  let rsa: { publicKey: KeyLike; privateKey: KeyLike };
  let ec: { publicKey: KeyLike; privateKey: KeyLike };

  const call = async (token: string) => {
    const response = await fetch(`${service.url}/api/v1/whoami`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
  };
  const denied = async (): Promise<EventEnvelope[]> =>
    (
      await service.runtime.dataSource.query(`SELECT ${STORED_EVENT_COLUMNS} FROM "${service.runtime.schema}".events WHERE stream_type = 'securityLog' AND type = 'AccessDenied' ORDER BY position`)
    ).map(rowToEnvelope);

  beforeAll(async () => {
    [rsa, ec] = await Promise.all([generateKeyPair('RS256'), generateKeyPair('ES256')]);
    await idp.start();
    await idp.publish(rsa.publicKey, 'rsa-2024', 'RS256');
    await idp.publish(ec.publicKey, 'ec-2024', 'ES256');
    service = await startService(definition, WhoAmIModule, {
      ...process.env,
      PORT: '0',
      RELAY_ENABLED: 'false',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: `${run.topicPrefix}jwks.`,
      JWT_SECRET: secret,
      JWT_JWKS_URL: idp.url,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      JWT_JWKS_COOLDOWN_SECONDS: String(COOLDOWN_SECONDS),
    });
  });
  afterAll(async () => {
    await idp.stop();
    await service?.close();
    await dropLocalDatabase(databaseName);
  });

  it('accepts an RS256 and an ES256 token from the provider, the key chosen by its kid', async () => {
    expect(await call(await issue(rsa.privateKey, 'RS256', 'rsa-2024', 'wang.wu'))).toMatchObject({ status: 200, body: { id: 'wang.wu', name: '王五' } });
    expect(await call(await issue(ec.privateKey, 'ES256', 'ec-2024', 'wang.wu-ec'))).toMatchObject({ status: 200, body: { id: 'wang.wu-ec' } });
  });

  it('refuses a token signed by another key under a published kid: 401 AUTH.TOKEN_INVALID, recorded as a forged token', async () => {
    const forger = await generateKeyPair('RS256');
    const response = await call(await issue(forger.privateKey, 'RS256', 'rsa-2024', 'u-forged-rs'));
    expect(response.status).toBe(401);
    expect(response.type).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'AUTH.TOKEN_INVALID', title: '未认证' });
    // and an unsigned token, and an HS256 token keyed with the published JWK (algorithm confusion)
    const encode = (part: object) => base64url.encode(JSON.stringify(part));
    const unsigned = `${encode({ alg: 'none' })}.${encode({ sub: 'u-forged-none', name: '王五', roles: ['leader'], clearance: 'juemi', iss: ISSUER, aud: AUDIENCE, exp: 2e9 })}.`;
    expect((await call(unsigned)).body).toMatchObject({ code: 'AUTH.TOKEN_INVALID', detail: '不接受未签名的令牌 (alg: none)' });
    const confused = await new SignJWT({ name: '王五', roles: ['leader'], clearance: 'juemi' })
      .setProtectedHeader({ alg: 'HS256', kid: 'rsa-2024' })
      .setSubject('u-forged-hs')
      .setIssuer(ISSUER)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(JSON.stringify(idp.keys[0])));
    expect((await call(confused)).status).toBe(401);
    const recorded = (await denied()).filter((event) => (event.data as { reason: string }).reason === 'AUTH.TOKEN_INVALID');
    expect(recorded.map((event) => (event.data as { claimedSubject?: string }).claimedSubject)).toEqual(expect.arrayContaining(['u-forged-rs', 'u-forged-none', 'u-forged-hs']));
    expect(recorded[0]).toMatchObject({ streamType: 'securityLog', data: { status: 401, path: '/api/v1/whoami' }, metadata: { actor: { id: 'unauthenticated' } } });
  });

  it('picks up a rotated key: a new kid published by the provider is accepted once the cooldown has passed', async () => {
    const rotated = await generateKeyPair('RS256');
    await idp.publish(rotated.publicKey, 'rsa-2025', 'RS256');
    await afterCooldown();
    expect(await call(await issue(rotated.privateKey, 'RS256', 'rsa-2025', 'wang.wu'))).toMatchObject({ status: 200, body: { id: 'wang.wu' } });
  });

  it('keeps HS256 tokens of JWT_SECRET working beside the provider', async () => {
    const local = await mintToken({ sub: 'li.si', name: '李四', roles: ['leader'], clearance: 'none' }, { secret, issuer: ISSUER });
    expect(await call(local)).toMatchObject({ status: 200, body: { id: 'li.si' } });
  });

  it('answers 401 AUTH.KEYS_UNAVAILABLE in Chinese, not 500, when the provider is down and a key must be fetched; cached keys still serve', async () => {
    await idp.stop();
    await afterCooldown();
    const beforeOutage = (await denied()).length;
    const unknownKey = await generateKeyPair('ES256');
    const response = await call(await issue(unknownKey.privateKey, 'ES256', 'ec-2025', 'wang.wu'));
    expect(response.status).toBe(401);
    expect(response.type).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'AUTH.KEYS_UNAVAILABLE', title: '未认证', detail: '暂时无法获取身份认证服务的签名公钥 (JWKS)，无法验证令牌，请稍后重试' });
    // an outage is logged by the verifier, not recorded as a denied attempt of the caller's
    expect((await denied()).length).toBe(beforeOutage);
    // the key set fetched before the outage is used until JWT_JWKS_CACHE_SECONDS (600) has passed
    expect((await call(await issue(rsa.privateKey, 'RS256', 'rsa-2024', 'wang.wu'))).status).toBe(200);
  });
});
