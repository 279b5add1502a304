import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy, ValidateIf, validateSync } from 'class-validator';
import { Transform } from 'class-transformer';

const toBoolean = ({ value }: { value: unknown }) => (value === undefined ? undefined : value === 'true' || value === '1' || value === true);
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** Whether a URL's host is this machine: the only place keys may come from over plain http. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** https://…, or http:// to a loopback address; no credentials in the URL (they would be logged). */
export function isKeySetUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

const IsKeySetUrl = () =>
  ValidateBy({
    name: 'isKeySetUrl',
    validator: {
      validate: isKeySetUrl,
      defaultMessage: () => '必须是 https:// 地址（http:// 仅限本机回环地址 127.0.0.1、::1、localhost），且不含用户名密码 (must be https; http only for loopback)',
    },
  });

/**
 * A service's configuration, read from environment variables and validated at start: a
 * missing or malformed value stops the service with a message naming the variable.
 */
export class ServiceEnvironment {
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString() @Matches(/^postgres(ql)?:\/\//, { message: '必须是 postgres:// 开头的连接串 (must be a postgres:// URL)' })
  DATABASE_URL?: string;

  /**
   * The owner role's connection. With it the service migrates its schema as the owner and
   * grants DATABASE_URL's role its runtime access before it works (one host, `npm start`, the
   * tests); without it the service never migrates (replicas: the migration job runs `oa migrate`).
   */
  @IsOptional() @IsString() @Matches(/^postgres(ql)?:\/\//, { message: '必须是 postgres:// 开头的连接串 (must be a postgres:// URL)' })
  DATABASE_OWNER_URL?: string;

  /**
   * Connections this replica keeps to PostgreSQL (one of them is the relay's while it runs):
   * replicas × this must stay below the server's max_connections.
   */
  @IsOptional() @Transform(toInt) @IsInt() @Min(2) @Max(1000)
  DATABASE_POOL_SIZE?: number;

  @IsOptional() @IsString() @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: '必须是 host:port 的逗号分隔列表 (must be host:port,host:port)' })
  KAFKA_BROKERS?: string;

  /** The PostgreSQL database used when DATABASE_URL is not set (local provisioning). */
  @IsOptional() @IsString() @Matches(/^[a-z_][a-z0-9_]*$/)
  OA_DATABASE_NAME?: string;

  /** Prefix of every topic name; tests use a per-run prefix so runs never meet. */
  @IsOptional() @IsString() @Matches(/^[a-zA-Z0-9._-]*$/)
  KAFKA_TOPIC_PREFIX?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  KAFKA_TOPIC_PARTITIONS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10)
  KAFKA_REPLICATION_FACTOR?: number;

  @IsOptional() @Transform(toBoolean) @IsBoolean()
  RELAY_ENABLED?: boolean;

  /**
   * DIR-4 without an installation mode: until the directory's bootstrap has reached this service,
   * refuse every request (503 AUTH.DIRECTORY_NOT_IN_FORCE) but the bootstrap itself, rather than
   * act on the tokens' claims. For production; off by default so that a new installation can be set up.
   */
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  DIRECTORY_REQUIRED?: boolean;

  /** FILE-1 the largest file a service stores, in bytes (default 200 MB); larger uploads are refused with 413. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  FILE_MAX_BYTES?: number;

  /** FILE-1 the digests of every stored file: `sha256`, or `sha256,sm3` where the office configures 国密. */
  @IsOptional() @IsIn(['sha256', 'sha256,sm3'], { message: 'DIGEST_ALGORITHMS 须为 sha256 或 sha256,sm3 (sha256 or sha256,sm3)' })
  DIGEST_ALGORITHMS?: string;

  /** Whether this replica consumes other services' topics (reactions, projections). */
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  CONSUMERS_ENABLED?: boolean;

  /** How often scheduled jobs (expiry, overdue checks) run; 0 turns them off on this replica. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(86400)
  SCHEDULE_INTERVAL_SECONDS?: number;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
  LOG_LEVEL?: string;

  @IsOptional() @IsString()
  NODE_ENV?: string;

  /**
   * HS256 key of the bearer tokens (the local default), required in production unless
   * JWT_PUBLIC_KEY or JWT_JWKS_URL is set. Elsewhere a service without any key starts (health
   * checks, OpenAPI) but admits no token: there is no built-in fallback secret, which would be
   * a key everyone knows.
   */
  @ValidateIf((env: ServiceEnvironment) => (env.NODE_ENV === 'production' && env.JWT_PUBLIC_KEY === undefined && env.JWT_JWKS_URL === undefined) || env.JWT_SECRET !== undefined)
  @IsString({ message: '必须配置 JWT_SECRET（至少 32 个字符）、JWT_PUBLIC_KEY 或 JWT_JWKS_URL (a token key is required)' })
  @MinLength(32, { message: 'JWT_SECRET 至少 32 个字符 (at least 32 characters)' })
  JWT_SECRET?: string;

  /** RS256 or ES256 (by the key's type): the SPKI PEM of the identity provider; accepted beside JWT_SECRET. */
  @IsOptional() @IsString() @Matches(/-----BEGIN PUBLIC KEY-----/, { message: '必须是 SPKI PEM 公钥 (must be a PEM public key)' })
  JWT_PUBLIC_KEY?: string;

  /**
   * The identity provider's JSON Web Key Set (RS256 and ES256 tokens, the key chosen by the
   * token's `kid`). https://, or http:// to this host only (127.0.0.0/8, ::1, localhost):
   * keys fetched in clear across a network could be replaced on the way. In production it
   * requires JWT_ISSUER and JWT_AUDIENCE, for a provider signs every system's tokens with the
   * same keys.
   */
  @IsOptional() @IsString() @IsKeySetUrl()
  JWT_JWKS_URL?: string;

  /** Seconds a fetched key set is used before it is fetched again (default 600). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(86400)
  JWT_JWKS_CACHE_SECONDS?: number;

  /** Seconds at least between two fetches caused by an unknown `kid` (default 30): a rotated key is picked up after it, and forged kids cannot make the service hammer the provider. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(3600)
  JWT_JWKS_COOLDOWN_SECONDS?: number;

  /** When set, tokens must carry this `iss`; required in production with JWT_JWKS_URL. */
  @ValidateIf((env: ServiceEnvironment) => (env.NODE_ENV === 'production' && env.JWT_JWKS_URL !== undefined) || env.JWT_ISSUER !== undefined)
  @IsString({ message: '使用 JWT_JWKS_URL 时必须配置 JWT_ISSUER（身份认证服务的签发者）(required with JWT_JWKS_URL in production)' })
  JWT_ISSUER?: string;

  /** When set, RS256/ES256 tokens must carry this `aud` (HS256 tokens are this system's own); required in production with JWT_JWKS_URL. */
  @ValidateIf((env: ServiceEnvironment) => (env.NODE_ENV === 'production' && env.JWT_JWKS_URL !== undefined) || env.JWT_AUDIENCE !== undefined)
  @IsString({ message: '使用 JWT_JWKS_URL 时必须配置 JWT_AUDIENCE（本系统在身份认证服务中的受众标识）(required with JWT_JWKS_URL in production)' })
  JWT_AUDIENCE?: string;

  /**
   * Ed25519 private key (PKCS#8 PEM) the relays sign every published event with, and the
   * audit checks them by: required in production; elsewhere events go out unsigned.
   */
  @ValidateIf((env: ServiceEnvironment) => env.NODE_ENV === 'production' || env.EVENT_SIGNING_KEY !== undefined)
  @IsString({ message: '必须配置 EVENT_SIGNING_KEY（事件签名私钥，Ed25519 PKCS#8 PEM）(required)' })
  @Matches(/-----BEGIN PRIVATE KEY-----/, { message: 'EVENT_SIGNING_KEY 须为 PKCS#8 PEM 私钥 (must be a PKCS#8 PEM private key)' })
  EVENT_SIGNING_KEY?: string;

  /**
   * The public halves (SPKI PEM, one block after another) of event keys a rotation replaced:
   * what they signed still verifies (a rebuild from offset zero, messages in flight at the switch).
   */
  @IsOptional() @IsString() @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'EVENT_PREVIOUS_PUBLIC_KEYS 须为 PEM 公钥 (must be PEM public keys)' })
  EVENT_PREVIOUS_PUBLIC_KEYS?: string;

  /** Requests per client address and minute before 429; generous by default. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE?: number;

  /**
   * How far V8 lets the heap grow beyond what its last full collection kept before marking
   * again (V8's --heap-growing-percent; 0 leaves it to V8). Marking slows every request in flight
   * for 50–100 ms on a 2-core host; at V8's own setting it came every ~2 s at 400 requests/s
   * (issue 9, figure 3).
   */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(1000)
  HEAP_GROWING_PERCENT?: number;
}

/** HEAP_GROWING_PERCENT's default: collections ~4× rarer for a heap ~4× its live size (tens of MB per service). */
export const DEFAULT_HEAP_GROWING_PERCENT = 300;

export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`配置错误 (CONFIG.INVALID):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** A rejected secret is still a secret: its value never reaches the log (nor a key set URL refused for carrying credentials). */
const SECRET_VARIABLE = /SECRET|PASSWORD|PRIVATE|_KEY$|JWKS_URL/;

/** Validates the environment against a configuration class; throws naming every bad variable. */
export function validateEnvironment<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const known = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const instance = plainToInstance(schema, known, { exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigurationError(
      errors.map((error) => `${error.property}=${SECRET_VARIABLE.test(error.property) ? '***' : JSON.stringify(env[error.property])}: ${Object.values(error.constraints ?? {}).join('; ')}`),
    );
  }
  return instance;
}
