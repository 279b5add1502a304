import { SignJWT, decodeJwt, errors, importSPKI, jwtVerify, type JWTPayload, type KeyLike } from 'jose';
import { isSecrecyLevel, type Actor, type SecrecyLevel } from '@oa/core';
import { conflictingAdminRoles, describeRoles, isRole, type Role } from './roles';

/** The claims of our bearer tokens (ARCHITECTURE.md, Security). */
export interface TokenClaims {
  readonly sub: string;
  readonly name: string;
  readonly orgUnit?: string;
  readonly roles: readonly Role[];
  readonly clearance: SecrecyLevel;
}

/** Where the verification key comes from: ServiceEnvironment's JWT_* variables. */
export interface TokenSettings {
  readonly JWT_SECRET?: string;
  /** SPKI PEM; `\n` escapes are accepted because PEMs often travel in one-line variables. */
  readonly JWT_PUBLIC_KEY?: string;
  readonly JWT_ISSUER?: string;
}

export type TokenRejectionCode = 'AUTH.TOKEN_MISSING' | 'AUTH.TOKEN_EXPIRED' | 'AUTH.TOKEN_INVALID';

export interface TokenRejection {
  readonly code: TokenRejectionCode;
  readonly detail: string;
  /**
   * A structurally valid JWT that failed verification: a possible attack, so it is recorded.
   * Missing headers and garbage are noise (crawlers, typos) and are not.
   */
  readonly wellFormed: boolean;
  /** Set when the signature held (an expired token): the claims are genuine. */
  readonly actor?: Actor;
  /** The `sub` a forged token claims: evidence for the audit, never trusted as the actor. */
  readonly claimedSubject?: string;
}

export type TokenOutcome = { readonly actor: Actor; readonly rejection?: undefined } | { readonly rejection: TokenRejection; readonly actor?: undefined };

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

/**
 * Verifies bearer tokens with `jose`: HS256 with JWT_SECRET, or RS256 with JWT_PUBLIC_KEY
 * when one is configured. Only that one algorithm is accepted, so a token cannot choose a
 * weaker one (no `none`, no HS256 signed with the public key).
 */
export class TokenVerifier {
  private constructor(
    /** None outside production when no key is configured: then no token is ever accepted. */
    private readonly key: KeyLike | Uint8Array | undefined,
    private readonly algorithm: 'HS256' | 'RS256',
    private readonly issuer: string | undefined,
  ) {}

  static async fromSettings(settings: TokenSettings): Promise<TokenVerifier> {
    if (settings.JWT_PUBLIC_KEY) {
      return new TokenVerifier(await importSPKI(settings.JWT_PUBLIC_KEY.replace(/\\n/g, '\n'), 'RS256'), 'RS256', settings.JWT_ISSUER);
    }
    return new TokenVerifier(settings.JWT_SECRET ? new TextEncoder().encode(settings.JWT_SECRET) : undefined, 'HS256', settings.JWT_ISSUER);
  }

  get configured(): boolean {
    return this.key !== undefined;
  }

  /** The actor of a bearer token, or why it is refused; `now` comes from the service clock. */
  async verify(token: string | undefined, now: Date): Promise<TokenOutcome> {
    if (!token) return { rejection: { code: 'AUTH.TOKEN_MISSING', detail: '请求缺少 Bearer 令牌，请先登录', wellFormed: false } };
    let claimed: JWTPayload;
    try {
      claimed = decodeJwt(token);
    } catch {
      return { rejection: { code: 'AUTH.TOKEN_INVALID', detail: '令牌格式不正确', wellFormed: false } };
    }
    const claimedSubject = typeof claimed.sub === 'string' ? { claimedSubject: claimed.sub } : {};
    if (!this.key) return rejected('AUTH.TOKEN_INVALID', '本服务未配置令牌密钥 (JWT_SECRET)，无法验证任何令牌', claimedSubject);
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [this.algorithm],
        currentDate: now,
        requiredClaims: ['exp'],
        ...(this.issuer && { issuer: this.issuer }),
      });
      const problems = claimProblems(payload);
      if (problems.length > 0) return rejected('AUTH.TOKEN_INVALID', `令牌声明不合法：${problems.join('；')}`, claimedSubject);
      return { actor: actorOf(payload) };
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        // jose checks the signature before the claims: an expired token's claims are genuine.
        const genuine = claimProblems(error.payload).length === 0 ? { actor: actorOf(error.payload) } : {};
        return rejected('AUTH.TOKEN_EXPIRED', '令牌已过期，请重新登录', { ...claimedSubject, ...genuine });
      }
      if (error instanceof errors.JOSEError) return rejected('AUTH.TOKEN_INVALID', '令牌无效：签名、算法、签发者或有效期不符', claimedSubject);
      throw error;
    }
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
