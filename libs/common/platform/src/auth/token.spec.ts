import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url, exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { ConfigurationError } from '../config/service-config';
import { TokenClaimsError, TokenVerifier, mintToken, parseLifetime, type KeySetLog, type TokenClaims } from './token';

const secret = 'a-test-secret-of-at-least-thirty-two-characters';
const keeper: TokenClaims = { sub: 'u-1', name: '张三', orgUnit: '办公室', roles: ['sealKeeper', 'leader'], clearance: 'jimi' };
const now = new Date('2024-07-01T08:00:00Z');

describe('bearer tokens', () => {
  let verifier: TokenVerifier;
  beforeAll(async () => {
    verifier = await TokenVerifier.fromSettings({ JWT_SECRET: secret, JWT_ISSUER: 'oa' });
  });

  it('accepts a minted token and yields its actor', async () => {
    const token = await mintToken(keeper, { secret, issuer: 'oa', now });
    expect(await verifier.verify(token, now)).toEqual({ actor: { id: 'u-1', name: '张三', orgUnit: '办公室', roles: ['sealKeeper', 'leader'], clearance: 'jimi' } });
  });

  it('refuses a missing token as AUTH.TOKEN_MISSING and garbage as AUTH.TOKEN_INVALID, neither worth recording', async () => {
    expect((await verifier.verify(undefined, now)).rejection).toMatchObject({ code: 'AUTH.TOKEN_MISSING', wellFormed: false });
    expect((await verifier.verify('not-a-jwt', now)).rejection).toMatchObject({ code: 'AUTH.TOKEN_INVALID', wellFormed: false });
  });

  it('refuses an expired token as AUTH.TOKEN_EXPIRED, keeping its genuine actor for the record', async () => {
    const token = await mintToken(keeper, { secret, issuer: 'oa', now, lifetimeSeconds: 60 });
    const { rejection } = await verifier.verify(token, new Date(now.getTime() + 61_000));
    expect(rejection).toMatchObject({ code: 'AUTH.TOKEN_EXPIRED', wellFormed: true, actor: { id: 'u-1' }, detail: '令牌已过期，请重新登录' });
  });

  it('keeps a verified token: accepted again within its lifetime, refused as expired after it', async () => {
    const token = await mintToken(keeper, { secret, issuer: 'oa', now, lifetimeSeconds: 60 });
    expect((await verifier.verify(token, now)).actor).toMatchObject({ id: 'u-1' });
    expect(await verifier.verify(token, new Date(now.getTime() + 59_999))).toEqual({ actor: expect.objectContaining({ id: 'u-1', roles: ['sealKeeper', 'leader'] }) });
    expect((await verifier.verify(token, new Date(now.getTime() + 60_000))).rejection).toMatchObject({ code: 'AUTH.TOKEN_EXPIRED' });
    // one character of the signature changed (not the last, whose low bits are padding) is another text: verified, and refused
    const forged = `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.slice(-1)}`;
    expect((await verifier.verify(forged, now)).rejection).toMatchObject({ code: 'AUTH.TOKEN_INVALID' });
  });

  it('refuses a token signed with another secret, naming only the claimed subject', async () => {
    const token = await mintToken({ ...keeper, sub: 'u-boss' }, { secret: `${secret}-forged`, issuer: 'oa', now });
    const { rejection } = await verifier.verify(token, now);
    expect(rejection).toMatchObject({ code: 'AUTH.TOKEN_INVALID', wellFormed: true, claimedSubject: 'u-boss' });
    expect(rejection?.actor).toBeUndefined();
  });

  it('refuses a token of another issuer, and one with unknown roles', async () => {
    expect((await verifier.verify(await mintToken(keeper, { secret, issuer: 'elsewhere', now }), now)).rejection?.code).toBe('AUTH.TOKEN_INVALID');
    const unknownRole = await new SignJWT({ name: '张三', roles: ['janitor'], clearance: 'none' })
      .setProtectedHeader({ alg: 'HS256' }).setSubject('u-1').setIssuer('oa').setExpirationTime('1h').sign(new TextEncoder().encode(secret));
    expect((await verifier.verify(unknownRole, new Date())).rejection?.detail).toContain('未知角色：janitor');
  });

  it('refuses an HS256 token when the service verifies RS256, and accepts RS256 from the configured key', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const rs256 = await TokenVerifier.fromSettings({ JWT_PUBLIC_KEY: (await exportSPKI(publicKey)).replace(/\n/g, '\\n') });
    expect((await rs256.verify(await mintToken(keeper, { secret, now }), now)).rejection?.code).toBe('AUTH.TOKEN_INVALID');
    const signed = await new SignJWT({ name: '张三', roles: ['leader'], clearance: 'mimi' }).setProtectedHeader({ alg: 'RS256' }).setSubject('u-1').setExpirationTime('1h').sign(privateKey);
    expect((await rs256.verify(signed, new Date())).actor?.id).toBe('u-1');
  });

  it('refuses an unsigned token (alg: none) as a well-formed attempt, worth recording', async () => {
    const encode = (part: object) => base64url.encode(JSON.stringify(part));
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'u-boss', name: '张三', roles: ['leader'], clearance: 'juemi', iss: 'oa', exp: 2e9 })}.`;
    expect((await verifier.verify(unsigned, now)).rejection).toMatchObject({ code: 'AUTH.TOKEN_INVALID', wellFormed: true, claimedSubject: 'u-boss', detail: '不接受未签名的令牌 (alg: none)' });
  });

  it('refuses algorithms outside HS256, RS256 and ES256, even signed with the right secret', async () => {
    const hs512 = await new SignJWT({ name: '张三', roles: ['leader'], clearance: 'none' }).setProtectedHeader({ alg: 'HS512' }).setSubject('u-1').setIssuer('oa').setExpirationTime('1h').sign(new TextEncoder().encode(secret));
    expect((await verifier.verify(hs512, new Date())).rejection).toMatchObject({ code: 'AUTH.TOKEN_INVALID', detail: expect.stringContaining('不接受的签名算法：HS512') });
  });

  it('admits no token at all when no key is configured', async () => {
    const keyless = await TokenVerifier.fromSettings({});
    expect(keyless.configured).toBe(false);
    expect((await keyless.verify(await mintToken(keeper, { secret, now }), now)).rejection?.code).toBe('AUTH.TOKEN_INVALID');
  });

  it('takes ES256 from a P-256 public key, refuses a key of another kind at start (CONFIG.INVALID)', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const es256 = await TokenVerifier.fromSettings({ JWT_PUBLIC_KEY: await exportSPKI(publicKey) });
    expect((await es256.verify(await signAs(privateKey, 'ES256'), new Date())).actor?.id).toBe('u-1');
    const rsa = await generateKeyPair('RS256');
    expect((await es256.verify(await signAs(rsa.privateKey, 'RS256'), new Date())).rejection?.detail).toContain('本服务不接受 RS256 令牌');
    const ed = await generateKeyPair('EdDSA');
    await expect(TokenVerifier.fromSettings({ JWT_PUBLIC_KEY: await exportSPKI(ed.publicKey) })).rejects.toThrow(ConfigurationError);
    await expect(TokenVerifier.fromSettings({ JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nnonsense\\n-----END PUBLIC KEY-----' })).rejects.toThrow(/CONFIG\.INVALID/);
  });

  describe('algorithm confusion', () => {
    it('never takes a public key as an HS256 secret: an HS256 token signed with the PEM text is refused', async () => {
      const { publicKey } = await generateKeyPair('RS256');
      const pem = await exportSPKI(publicKey);
      const confused = await signHs(pem);
      for (const settings of [{ JWT_PUBLIC_KEY: pem }, { JWT_PUBLIC_KEY: pem, JWT_SECRET: secret }]) {
        const { rejection } = await (await TokenVerifier.fromSettings(settings)).verify(confused, new Date());
        expect(rejection).toMatchObject({ code: 'AUTH.TOKEN_INVALID', wellFormed: true, claimedSubject: 'u-1' });
      }
    });

    it('never checks an RS256 or ES256 token against the HS secret', async () => {
      const rsa = await generateKeyPair('RS256');
      const { rejection } = await verifier.verify(await signAs(rsa.privateKey, 'RS256', { iss: 'oa' }), new Date());
      expect(rejection).toMatchObject({ code: 'AUTH.TOKEN_INVALID', wellFormed: true, detail: '本服务不接受 RS256 令牌（未配置相应的公钥 JWT_PUBLIC_KEY 或 JWT_JWKS_URL）' });
    });
  });

  it('accepts HS256 and RS256 side by side when both JWT_SECRET and JWT_PUBLIC_KEY are set, each with its own key only', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const both = await TokenVerifier.fromSettings({ JWT_SECRET: secret, JWT_PUBLIC_KEY: await exportSPKI(publicKey) });
    expect((await both.verify(await mintToken(keeper, { secret, now }), now)).actor?.id).toBe('u-1');
    expect((await both.verify(await signAs(privateKey, 'RS256'), new Date())).actor?.id).toBe('u-1');
  });

  describe('an identity provider\'s key set (JWT_JWKS_URL, on loopback)', () => {
    let server: Server;
    let url: string;
    let published: JWK[] = [];
    let failing = false;
    let rsa: { publicKey: KeyLike; privateKey: KeyLike };
    let ec: { publicKey: KeyLike; privateKey: KeyLike };
    const publish = async (key: KeyLike, kid: string, alg: string) => published.push({ ...(await exportJWK(key)), kid, alg, use: 'sig' });

    beforeAll(async () => {
      server = createServer((_, response) =>
        failing ? response.writeHead(503).end() : response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published })),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
      rsa = await generateKeyPair('RS256');
      ec = await generateKeyPair('ES256');
    });
    beforeEach(async () => {
      published = [];
      await publish(rsa.publicKey, 'rsa-1', 'RS256');
      await publish(ec.publicKey, 'ec-1', 'ES256');
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const idp = { JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'oa' };
    const fromIdp = (key: KeyLike, alg: 'RS256' | 'ES256', kid: string, claims: object = {}) => signAs(key, alg, { iss: 'https://idp.example', aud: 'oa', ...claims }, kid);

    it('accepts RS256 and ES256 tokens whose kid names a published key, and checks iss and aud', async () => {
      const jwks = await TokenVerifier.fromSettings({ JWT_JWKS_URL: url, ...idp });
      expect((await jwks.verify(await fromIdp(rsa.privateKey, 'RS256', 'rsa-1'), new Date())).actor?.id).toBe('u-1');
      expect((await jwks.verify(await fromIdp(ec.privateKey, 'ES256', 'ec-1'), new Date())).actor?.id).toBe('u-1');
      expect((await jwks.verify(await fromIdp(rsa.privateKey, 'RS256', 'rsa-1', { aud: 'canteen' }), new Date())).rejection?.code).toBe('AUTH.TOKEN_INVALID');
      expect((await jwks.verify(await fromIdp(rsa.privateKey, 'RS256', 'rsa-1', { iss: 'https://other.example' }), new Date())).rejection?.code).toBe('AUTH.TOKEN_INVALID');
    });

    it('lets the kid choose when JWT_PUBLIC_KEY and JWT_JWKS_URL are both set: no kid → the configured key, a kid → the key set', async () => {
      const own = await generateKeyPair('RS256');
      const both = await TokenVerifier.fromSettings({ JWT_JWKS_URL: url, JWT_PUBLIC_KEY: await exportSPKI(own.publicKey) });
      expect((await both.verify(await signAs(own.privateKey, 'RS256'), new Date())).actor?.id).toBe('u-1');
      expect((await both.verify(await signAs(rsa.privateKey, 'RS256', {}, 'rsa-1'), new Date())).actor?.id).toBe('u-1');
      // the configured key's token claiming a published kid is checked against that kid's key only
      expect((await both.verify(await signAs(own.privateKey, 'RS256', {}, 'rsa-1'), new Date())).rejection).toMatchObject({ code: 'AUTH.TOKEN_INVALID', wellFormed: true });
    });

    it('never takes a published JWK as an HS256 secret', async () => {
      const jwks = await TokenVerifier.fromSettings({ JWT_JWKS_URL: url, JWT_SECRET: secret });
      for (const material of [JSON.stringify(published[0]), String(published[0]?.n)]) {
        expect((await jwks.verify(await signHs(material, 'rsa-1'), new Date())).rejection).toMatchObject({ code: 'AUTH.TOKEN_INVALID', wellFormed: true });
      }
    });

    it('picks up a rotated key only after the cooldown: jose refetches for an unknown kid at most once per JWT_JWKS_COOLDOWN_SECONDS', async () => {
      const jwks = await TokenVerifier.fromSettings({ JWT_JWKS_URL: url, JWT_JWKS_COOLDOWN_SECONDS: 30 });
      expect((await jwks.verify(await signAs(rsa.privateKey, 'RS256', {}, 'rsa-1'), new Date())).actor).toBeDefined();
      const rotated = await generateKeyPair('RS256');
      await publish(rotated.publicKey, 'rsa-2', 'RS256');
      // fetched a moment ago: within the cooldown the new kid is unknown, so the token is refused (and recorded)
      expect((await jwks.verify(await signAs(rotated.privateKey, 'RS256', {}, 'rsa-2'), new Date())).rejection).toMatchObject({ code: 'AUTH.TOKEN_INVALID', wellFormed: true });
      const eager = await TokenVerifier.fromSettings({ JWT_JWKS_URL: url, JWT_JWKS_COOLDOWN_SECONDS: 0 });
      expect((await eager.verify(await signAs(rsa.privateKey, 'RS256', {}, 'rsa-1'), new Date())).actor).toBeDefined();
      expect((await eager.verify(await signAs(rotated.privateKey, 'RS256', {}, 'rsa-2'), new Date())).actor).toBeDefined();
    });

    it('answers an unreachable key set with AUTH.KEYS_UNAVAILABLE (not recorded as an attack), logged once, then its recovery', async () => {
      const down = createServer();
      await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
      const closedPort = (down.address() as AddressInfo).port;
      await new Promise<void>((resolve) => down.close(() => resolve()));
      const token = await signAs(rsa.privateKey, 'RS256', {}, 'rsa-1');
      const unavailable = {
        code: 'AUTH.KEYS_UNAVAILABLE',
        detail: '暂时无法获取身份认证服务的签名公钥 (JWKS)，无法验证令牌，请稍后重试',
        wellFormed: false,
        claimedSubject: 'u-1',
      };
      // nothing listening: connection refused
      const refused = await TokenVerifier.fromSettings({ JWT_JWKS_URL: `http://127.0.0.1:${closedPort}/jwks`, JWT_SECRET: secret });
      expect((await refused.verify(token, new Date())).rejection).toEqual(unavailable);
      // HS256 tokens do not depend on the provider
      expect((await refused.verify(await mintToken(keeper, { secret, now }), now)).actor?.id).toBe('u-1');

      // the provider answers 503, three times, then comes back
      const log: KeySetLog & { lines: string[] } = { lines: [], error: (_, message) => log.lines.push(`error ${message}`), info: (_, message) => log.lines.push(`info ${message}`) };
      const jwks = await TokenVerifier.fromSettings({ JWT_JWKS_URL: url }, { log });
      failing = true;
      for (let n = 0; n < 3; n++) expect((await jwks.verify(token, new Date())).rejection).toEqual(unavailable);
      failing = false;
      expect((await jwks.verify(token, new Date())).actor?.id).toBe('u-1');
      expect(log.lines).toEqual([expect.stringMatching(/^error 无法获取令牌签名公钥 \(JWKS\)/), expect.stringMatching(/^info 令牌签名公钥 \(JWKS\) 已恢复/)]);
    });
  });

  it('COMMON-1 refuses to mint a token carrying two separated admin roles', async () => {
    await expect(mintToken({ ...keeper, roles: ['sysAdmin', 'securityAuditor'] }, { secret })).rejects.toThrow(TokenClaimsError);
    await expect(mintToken({ ...keeper, roles: ['sysAdmin', 'securityAuditor'] }, { secret })).rejects.toThrow(/三员分立/);
  });

  it('reads lifetimes like 8h and 30m', () => {
    expect(parseLifetime('8h')).toBe(28_800);
    expect(parseLifetime('30m')).toBe(1_800);
    expect(parseLifetime('soon')).toBeUndefined();
  });
});

/** A token of keeper-like claims signed with an asymmetric key, as an identity provider would. */
function signAs(key: KeyLike, alg: 'RS256' | 'ES256', claims: { iss?: string; aud?: string } = {}, kid?: string): Promise<string> {
  const jwt = new SignJWT({ name: '张三', roles: ['leader'], clearance: 'mimi' }).setProtectedHeader({ alg, ...(kid && { kid }) }).setSubject('u-1').setExpirationTime('1h');
  if (claims.iss) jwt.setIssuer(claims.iss);
  if (claims.aud) jwt.setAudience(claims.aud);
  return jwt.sign(key);
}

/** An HS256 token signed with arbitrary bytes as the secret: how algorithm confusion is attempted. */
function signHs(material: string, kid?: string): Promise<string> {
  return new SignJWT({ name: '张三', roles: ['leader'], clearance: 'mimi' })
    .setProtectedHeader({ alg: 'HS256', ...(kid && { kid }) })
    .setSubject('u-1')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(material));
}
