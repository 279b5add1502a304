import { generateKeyPair, exportSPKI, SignJWT } from 'jose';
import { TokenClaimsError, TokenVerifier, mintToken, parseLifetime, type TokenClaims } from './token';

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

  it('admits no token at all when no key is configured', async () => {
    const keyless = await TokenVerifier.fromSettings({});
    expect(keyless.configured).toBe(false);
    expect((await keyless.verify(await mintToken(keeper, { secret, now }), now)).rejection?.code).toBe('AUTH.TOKEN_INVALID');
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
