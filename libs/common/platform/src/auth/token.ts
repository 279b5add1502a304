import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  SignJWT,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type KeyLike,
  type ProtectedHeaderParameters,
} from 'jose';
import { isSecrecyLevel, type Actor, type SecrecyLevel } from '@oa/core';
import { ConfigurationError } from '../config/service-config';
import { conflictingAdminRoles, describeRoles, isRole, type Role } from './roles';

/** The claims of our bearer tokens (ARCHITECTURE.md, Security). */
export interface TokenClaims {
  readonly sub: string;
  readonly name: string;
  readonly orgUnit?: string;
  readonly roles: readonly Role[];
  readonly clearance: SecrecyLevel;
}

/** Where the verification keys come from: ServiceEnvironment's JWT_* variables. */
export interface TokenSettings {
  /** HS256: the local default (`oa mint-token`). */
  readonly JWT_SECRET?: string;
  /** SPKI PEM of an RSA (RS256) or P-256 (ES256) key; `\n` escapes are accepted because PEMs often travel in one-line variables. */
  readonly JWT_PUBLIC_KEY?: string;
  /** The identity provider's JSON Web Key Set: RS256 and ES256 tokens, chosen by their `kid`. */
  readonly JWT_JWKS_URL?: string;
  /** How long a fetched key set is used before it is fetched again (jose's cacheMaxAge). */
  readonly JWT_JWKS_CACHE_SECONDS?: number;
  /** The least time between two fetches that an unknown `kid` may cause (jose's cooldownDuration). */
  readonly JWT_JWKS_COOLDOWN_SECONDS?: number;
  /** Every token must carry this `iss`. */
  readonly JWT_ISSUER?: string;
  /** RS256/ES256 tokens must carry this `aud`: the identity provider signs for other systems with the same keys. */
  readonly JWT_AUDIENCE?: string;
}

/** jose's defaults, kept: a key set is used 10 minutes; an unknown `kid` refetches it at most every 30 s. */
export const JWKS_CACHE_SECONDS = 600;
export const JWKS_COOLDOWN_SECONDS = 30;
/** A key set fetch that takes longer is a failure (jose's timeoutDuration). */
export const JWKS_TIMEOUT_MS = 5000;

/** The only algorithms any token may use; each is bound to one kind of key. */
export const TOKEN_ALGORITHMS = ['HS256', 'RS256', 'ES256'] as const;
type AsymmetricAlgorithm = 'RS256' | 'ES256';

export type TokenRejectionCode = 'AUTH.TOKEN_MISSING' | 'AUTH.TOKEN_EXPIRED' | 'AUTH.TOKEN_INVALID' | 'AUTH.KEYS_UNAVAILABLE';

export interface TokenRejection {
  readonly code: TokenRejectionCode;
  readonly detail: string;
  /**
   * A structurally valid JWT that failed verification: a possible attack, so it is recorded.
   * Missing headers and garbage are noise (crawlers, typos) and are not; nor is a token that
   * could not be checked because the identity provider's keys were unreachable (an outage,
   * logged by the verifier, not the caller's doing).
   */
  readonly wellFormed: boolean;
  /** Set when the signature held (an expired token): the claims are genuine. */
  readonly actor?: Actor;
  /** The `sub` a forged token claims: evidence for the audit, never trusted as the actor. */
  readonly claimedSubject?: string;
}

export type TokenOutcome = { readonly actor: Actor; readonly rejection?: undefined } | { readonly rejection: TokenRejection; readonly actor?: undefined };

/** Where the verifier reports an unreachable key set: the service's pino logger fits. */
export interface KeySetLog {
  error(details: Record<string, unknown>, message: string): void;
  info(details: Record<string, unknown>, message: string): void;
}

/**
 * Problems with the shape of a set of claims. COMMON-1 is not among them: a genuine token
 * with conflicting admin roles is refused by the access policy under its own rule code.
 */
export function claimProblems(payload: JWTPayload): string[] {
  const problems: string[] = [];
  if (typeof payload.sub !== 'string' || payload.sub === '') problems.push('缺少 sub（用户标识）');
  if (typeof payload['name'] !== 'string' || payload['name'] === '') problems.push('缺少 name（姓名）');
  if (payload['orgUnit'] !== undefined && typeof payload['orgUnit'] !== 'string') problems.push('orgUnit 必须是字符串');
  const roles = payload['roles'];
  if (!Array.isArray(roles) || roles.length === 0) problems.push('roles 必须是非空的角色列表');
  else {
    const unknown = roles.filter((role) => !isRole(role));
    if (unknown.length > 0) problems.push(`未知角色：${unknown.map(String).join('、')}`);
  }
  if (!isSecrecyLevel(payload['clearance'])) problems.push('clearance 必须是 none、internal、mimi、jimi、juemi 之一');
  return problems;
}

function actorOf(payload: JWTPayload): Actor {
  const orgUnit = payload['orgUnit'];
  return {
    id: payload.sub as string,
    name: payload['name'] as string,
    roles: payload['roles'] as Role[],
    ...(typeof orgUnit === 'string' && { orgUnit }),
    clearance: payload['clearance'] as SecrecyLevel,
  };
}

const rejected = (code: TokenRejectionCode, detail: string, extra: Partial<TokenRejection> = {}): TokenOutcome => ({
  rejection: { code, detail, wellFormed: true, ...extra },
});

const KEYS_UNAVAILABLE_DETAIL = '暂时无法获取身份认证服务的签名公钥 (JWKS)，无法验证令牌，请稍后重试';

/** The key set could not be fetched (network, timeout, not 200, not a key set): not the token's fault. */
class KeySetUnavailable extends Error {
  constructor(readonly reason: unknown) {
    super('JWKS unavailable');
  }
}

/** jose's answers that concern the token (no key of its kid/alg), not the key set's reachability. */
const isTokenKeyMismatch = (error: unknown) =>
  error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys || error instanceof errors.JOSENotSupported;

/** The algorithm a configured public key verifies: RS256 for RSA, ES256 for P-256; anything else is a configuration error. */
export function publicKeyOf(pem: string): { readonly key: KeyObject; readonly algorithm: AsymmetricAlgorithm } {
  let key: KeyObject;
  try {
    key = createPublicKey(pem.replace(/\\n/g, '\n'));
  } catch {
    throw new ConfigurationError(['JWT_PUBLIC_KEY=***: 无法读取 SPKI PEM 公钥 (not a readable PEM public key)']);
  }
  if (key.asymmetricKeyType === 'rsa') return { key, algorithm: 'RS256' };
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return { key, algorithm: 'ES256' };
  throw new ConfigurationError([`JWT_PUBLIC_KEY=***: 须为 RSA (RS256) 或 P-256 EC (ES256) 公钥，而不是 ${key.asymmetricKeyType ?? '未知'} (must be RSA or P-256)`]);
}

interface KeyChoice {
  readonly key: KeyLike | Uint8Array | JWTVerifyGetKey;
  /** Exactly one: the key's own algorithm, so a token cannot pick another (no algorithm confusion). */
  readonly algorithms: readonly [string];
  readonly audience?: string;
}

/**
 * Logs an unreachable key set once, then at most once a minute while it stays so, and once
 * when keys are served again: an outage must show in the log without a line per request.
 */
class KeySetHealth {
  private failingSince: number | undefined;
  private lastLogged = 0;
  private failures = 0;

  constructor(
    private readonly url: string,
    private readonly log: KeySetLog | undefined,
  ) {}

  failed(reason: unknown): void {
    const now = Date.now();
    this.failures += 1;
    this.failingSince ??= now;
    if (now - this.lastLogged < 60_000) return;
    this.lastLogged = now;
    this.log?.error(
      { code: 'AUTH.KEYS_UNAVAILABLE', jwksUrl: this.url, failures: this.failures, since: new Date(this.failingSince).toISOString(), reason: reason instanceof Error ? reason.message : String(reason) },
      '无法获取令牌签名公钥 (JWKS)：须取新公钥的 RS256/ES256 令牌答 401 AUTH.KEYS_UNAVAILABLE (identity provider key set unreachable)',
    );
  }

  served(): void {
    if (this.failingSince === undefined) return;
    this.log?.info({ jwksUrl: this.url, failures: this.failures, since: new Date(this.failingSince).toISOString() }, '令牌签名公钥 (JWKS) 已恢复 (key set reachable again)');
    this.failingSince = undefined;
    this.failures = 0;
    this.lastLogged = 0;
  }
}

/** How many verified tokens a verifier keeps: the office's users, several sessions each. */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * Verifies bearer tokens with `jose` against every configured source; the token's `alg`
 * (and `kid`) chooses one, and only that source's own algorithm is then allowed:
 *
 * - `HS256` → JWT_SECRET only (the local default); refused when it is not set.
 * - `RS256` / `ES256` → JWT_PUBLIC_KEY when its algorithm is the token's and either no
 *   JWT_JWKS_URL is set or the token names no `kid`; otherwise the JWKS, where the `kid`
 *   (and `alg`) pick the key. `aud` must be JWT_AUDIENCE when that is set.
 * - anything else (`none`, HS384, PS256, EdDSA, …) → refused before any key is touched.
 *
 * So an HS256 token never meets a public key (PEM or JWK) as its secret, and an RS256/ES256
 * token never meets the HS secret. JWT_ISSUER applies to every token.
 */
export class TokenVerifier {
  /**
   * Tokens already verified with a key that cannot change while the process runs (JWT_SECRET,
   * JWT_PUBLIC_KEY), by their exact text: a client sends the same token with every request, and
   * its signature check and decoding were a twentieth of a request's CPU (bench figure 3). The
   * validity window is checked again each time; a key set's tokens are always verified, as its
   * keys can be withdrawn.
   */
  private readonly verified = new Map<string, { readonly actor: Actor; readonly notBefore: number; readonly expires: number }>();

  private constructor(
    private readonly secret: Uint8Array | undefined,
    private readonly publicKey: { readonly key: KeyObject; readonly algorithm: AsymmetricAlgorithm } | undefined,
    private readonly keySet: JWTVerifyGetKey | undefined,
    private readonly issuer: string | undefined,
    private readonly audience: string | undefined,
  ) {}

  /** Throws ConfigurationError (CONFIG.INVALID) for a public key that is neither RSA nor P-256. No key set is fetched before the first token. */
  static fromSettings(settings: TokenSettings, options: { readonly log?: KeySetLog } = {}): Promise<TokenVerifier> {
    try {
      return Promise.resolve(
        new TokenVerifier(
          settings.JWT_SECRET ? new TextEncoder().encode(settings.JWT_SECRET) : undefined,
          settings.JWT_PUBLIC_KEY ? publicKeyOf(settings.JWT_PUBLIC_KEY) : undefined,
          settings.JWT_JWKS_URL ? TokenVerifier.remoteKeySet(settings, settings.JWT_JWKS_URL, options.log) : undefined,
          settings.JWT_ISSUER,
          settings.JWT_AUDIENCE,
        ),
      );
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** jose's remote key set, its failures to fetch told apart from a token's unknown `kid`. */
  private static remoteKeySet(settings: TokenSettings, url: string, log: KeySetLog | undefined): JWTVerifyGetKey {
    const remote = createRemoteJWKSet(new URL(url), {
      cacheMaxAge: (settings.JWT_JWKS_CACHE_SECONDS ?? JWKS_CACHE_SECONDS) * 1000,
      cooldownDuration: (settings.JWT_JWKS_COOLDOWN_SECONDS ?? JWKS_COOLDOWN_SECONDS) * 1000,
      timeoutDuration: JWKS_TIMEOUT_MS,
    });
    const health = new KeySetHealth(url, log);
    return async (header, token) => {
      try {
        const key = await remote(header, token);
        health.served();
        return key;
      } catch (error) {
        if (isTokenKeyMismatch(error)) {
          health.served();
          throw error;
        }
        health.failed(error);
        throw new KeySetUnavailable(error);
      }
    };
  }

  get configured(): boolean {
    return this.secret !== undefined || this.publicKey !== undefined || this.keySet !== undefined;
  }

  /** The one key and algorithm a token's header may be checked with, or why there is none. */
  private keyFor(header: ProtectedHeaderParameters): KeyChoice | string {
    const { alg, kid } = header;
    if (alg === 'HS256') return this.secret ? { key: this.secret, algorithms: ['HS256'] } : '本服务不接受 HS256 令牌（未配置 JWT_SECRET）';
    if (alg === 'RS256' || alg === 'ES256') {
      const audience = this.audience ? { audience: this.audience } : {};
      if (this.publicKey?.algorithm === alg && (!this.keySet || kid === undefined)) return { key: this.publicKey.key, algorithms: [alg], ...audience };
      if (this.keySet) return { key: this.keySet, algorithms: [alg], ...audience };
      return `本服务不接受 ${alg} 令牌（未配置相应的公钥 JWT_PUBLIC_KEY 或 JWT_JWKS_URL）`;
    }
    if (typeof alg === 'string' && alg.toLowerCase() === 'none') return '不接受未签名的令牌 (alg: none)';
    return `不接受的签名算法：${String(alg)}（仅接受 ${TOKEN_ALGORITHMS.join('、')}）`;
  }

  /** The actor of a bearer token, or why it is refused; `now` comes from the service clock. */
  async verify(token: string | undefined, now: Date): Promise<TokenOutcome> {
    if (!token) return { rejection: { code: 'AUTH.TOKEN_MISSING', detail: '请求缺少 Bearer 令牌，请先登录', wellFormed: false } };
    const known = this.verified.get(token);
    // jose's comparison: whole seconds, valid from nbf and until exp; outside it, verified afresh to say why not
    const seconds = Math.floor(now.getTime() / 1000);
    if (known && known.notBefore <= seconds && seconds < known.expires) return { actor: known.actor };
    let claimed: JWTPayload;
    let header: ProtectedHeaderParameters;
    try {
      claimed = decodeJwt(token);
      header = decodeProtectedHeader(token);
    } catch {
      return { rejection: { code: 'AUTH.TOKEN_INVALID', detail: '令牌格式不正确', wellFormed: false } };
    }
    const claimedSubject = typeof claimed.sub === 'string' ? { claimedSubject: claimed.sub } : {};
    if (!this.configured) return rejected('AUTH.TOKEN_INVALID', '本服务未配置令牌密钥 (JWT_SECRET、JWT_PUBLIC_KEY 或 JWT_JWKS_URL)，无法验证任何令牌', claimedSubject);
    const choice = this.keyFor(header);
    if (typeof choice === 'string') return rejected('AUTH.TOKEN_INVALID', choice, claimedSubject);
    try {
      const options = {
        algorithms: [...choice.algorithms],
        currentDate: now,
        requiredClaims: ['exp'],
        ...(this.issuer && { issuer: this.issuer }),
        ...(choice.audience && { audience: choice.audience }),
      };
      const { payload } = typeof choice.key === 'function' ? await jwtVerify(token, choice.key, options) : await jwtVerify(token, choice.key, options);
      const problems = claimProblems(payload);
      if (problems.length > 0) return rejected('AUTH.TOKEN_INVALID', `令牌声明不合法：${problems.join('；')}`, claimedSubject);
      const actor = actorOf(payload);
      if (typeof choice.key !== 'function') this.remember(token, actor, payload);
      return { actor };
    } catch (error) {
      if (error instanceof KeySetUnavailable) return { rejection: { code: 'AUTH.KEYS_UNAVAILABLE', detail: KEYS_UNAVAILABLE_DETAIL, wellFormed: false, ...claimedSubject } };
      if (error instanceof errors.JWTExpired) {
        // jose checks the signature before the claims: an expired token's claims are genuine.
        const genuine = claimProblems(error.payload).length === 0 ? { actor: actorOf(error.payload) } : {};
        return rejected('AUTH.TOKEN_EXPIRED', '令牌已过期，请重新登录', { ...claimedSubject, ...genuine });
      }
      if (error instanceof errors.JOSEError) return rejected('AUTH.TOKEN_INVALID', '令牌无效：签名、算法、签发者、受众或有效期不符', claimedSubject);
      throw error;
    }
  }

  private remember(token: string, actor: Actor, payload: JWTPayload): void {
    // the oldest first out: a bound on memory whatever clients send
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { actor, notBefore: payload.nbf ?? Number.NEGATIVE_INFINITY, expires: payload.exp! });
  }
}

export interface MintOptions {
  readonly secret: string;
  readonly issuer?: string;
  /** Tokens always expire; 8 hours (a working day) unless said otherwise. */
  readonly lifetimeSeconds?: number;
  /** Issue time; a past instant mints an already expired token for tests. */
  readonly now?: Date;
}

/**
 * Mints an HS256 token for the CLI and the tests. Refuses what verification would refuse
 * (COMMON-1 conflicting admin roles, unknown roles, missing claims), so no such token is made.
 */
export async function mintToken(claims: TokenClaims, options: MintOptions): Promise<string> {
  const conflict = conflictingAdminRoles(claims.roles);
  const problems = [
    ...claimProblems({ ...claims, roles: [...claims.roles] }),
    ...(conflict.length > 0 ? [`COMMON-1 三员分立：同一账号不得同时担任 ${describeRoles(conflict)}`] : []),
  ];
  if (problems.length > 0) throw new TokenClaimsError(problems);
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const jwt = new SignJWT({ name: claims.name, roles: [...claims.roles], clearance: claims.clearance, ...(claims.orgUnit && { orgUnit: claims.orgUnit }) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.lifetimeSeconds ?? 8 * 3600));
  if (options.issuer) jwt.setIssuer(options.issuer);
  return jwt.sign(new TextEncoder().encode(options.secret));
}

/** "90s", "30m", "8h", "7d" as seconds; undefined when the text is not such a span. */
export function parseLifetime(text: string): number | undefined {
  const match = /^(\d+)([smhd])$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
}

export class TokenClaimsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`令牌声明不合法 (AUTH.CLAIMS_INVALID)：${problems.join('；')}`);
    this.name = 'TokenClaimsError';
  }
}
