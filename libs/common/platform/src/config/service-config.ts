import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';
import { Transform } from 'class-transformer';

const toBoolean = ({ value }: { value: unknown }) => (value === undefined ? undefined : value === 'true' || value === '1' || value === true);
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

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
   * HS256 key of the bearer tokens, required in production unless JWT_PUBLIC_KEY is set.
   * Elsewhere a service without a key starts (health checks, OpenAPI) but admits no token:
   * there is no built-in fallback secret, which would be a key everyone knows.
   */
  @ValidateIf((env: ServiceEnvironment) => (env.NODE_ENV === 'production' && env.JWT_PUBLIC_KEY === undefined) || env.JWT_SECRET !== undefined)
  @IsString({ message: '必须配置 JWT_SECRET（至少 32 个字符）或 JWT_PUBLIC_KEY (a token key is required)' })
  @MinLength(32, { message: 'JWT_SECRET 至少 32 个字符 (at least 32 characters)' })
  JWT_SECRET?: string;

  /** RS256 option: the SPKI PEM of the identity provider; takes precedence over JWT_SECRET. */
  @IsOptional() @IsString() @Matches(/-----BEGIN PUBLIC KEY-----/, { message: '必须是 SPKI PEM 公钥 (must be a PEM public key)' })
  JWT_PUBLIC_KEY?: string;

  /** When set, tokens must carry this `iss`. */
  @IsOptional() @IsString()
  JWT_ISSUER?: string;

  /**
   * Ed25519 private key (PKCS#8 PEM) the relays sign every published event with, and the
   * audit checks them by: required in production; elsewhere events go out unsigned.
   */
  @ValidateIf((env: ServiceEnvironment) => env.NODE_ENV === 'production' || env.EVENT_SIGNING_KEY !== undefined)
  @IsString({ message: '必须配置 EVENT_SIGNING_KEY（事件签名私钥，Ed25519 PKCS#8 PEM）(required)' })
  @Matches(/-----BEGIN PRIVATE KEY-----/, { message: 'EVENT_SIGNING_KEY 须为 PKCS#8 PEM 私钥 (must be a PKCS#8 PEM private key)' })
  EVENT_SIGNING_KEY?: string;

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

/** A rejected secret is still a secret: its value never reaches the log. */
const SECRET_VARIABLE = /SECRET|PASSWORD|PRIVATE|_KEY$/;

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
