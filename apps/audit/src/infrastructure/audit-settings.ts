import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { HashAlgorithm } from '@oa/core';
import { ConfigurationError, DEFAULT_PORTS, SERVICE_RUNTIME, eventVerificationKey, readPublicKeys, type ServiceRuntime } from '@oa/platform';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** The audit service's own configuration, checked at start like the platform's. */
export class AuditEnvironment {
  /** Ed25519 private key that signs the checkpoints: PKCS#8 PEM (`\n` may be written escaped). */
  @IsString({ message: '必须配置 AUDIT_SIGNING_KEY（Ed25519 私钥，PKCS#8 PEM）(required)' })
  @Matches(/-----BEGIN PRIVATE KEY-----/, { message: 'AUDIT_SIGNING_KEY 须为 PKCS#8 PEM 私钥 (must be a PKCS#8 PEM private key)' })
  AUDIT_SIGNING_KEY!: string;

  /**
   * The public halves (SPKI PEM, one block after another) of signing keys a rotation replaced:
   * published beside the current one, so the checkpoints they signed still verify.
   */
  @IsOptional() @IsString() @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'AUDIT_PREVIOUS_PUBLIC_KEYS 须为 PEM 公钥 (must be PEM public keys)' })
  AUDIT_PREVIOUS_PUBLIC_KEYS?: string;

  /** Hash of the Merkle logs and checkpoints: sha256 (default) or sm3 (国密). */
  @IsOptional() @IsIn(['sha256', 'sm3'])
  AUDIT_HASH_ALGORITHM?: HashAlgorithm;

  /** Hash of the services' event chains, checked on arrival: sha256 (default) or sm3. */
  @IsOptional() @IsIn(['sha256', 'sm3'])
  AUDIT_CHAIN_HASH_ALGORITHM?: HashAlgorithm;

  /**
   * Appended to the consumer groups' names. A rebuild runs on a fresh database with a new
   * generation, so its groups start from offset zero (e.g. `rebuild-2026-11-24`).
   */
  @IsOptional() @IsString() @Matches(/^[a-zA-Z0-9._-]{1,64}$/, { message: 'AUDIT_CONSUMER_GENERATION 只能含字母、数字、点、下划线和连字符 (letters, digits, . _ -)' })
  AUDIT_CONSUMER_GENERATION?: string;

  /** How often a checkpoint is signed by the schedule (default 3600 s); 0: on demand only. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(7 * 86400)
  AUDIT_CHECKPOINT_INTERVAL_SECONDS?: number;

  /**
   * AUD-10 in the stores: how often the services' chain heads are compared with the log (default
   * 300 s, checked on each run of the schedule, SCHEDULE_INTERVAL_SECONDS); 0 turns it off.
   */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(86400)
  AUDIT_STORE_CHECK_INTERVAL_SECONDS?: number;

  /** The services whose stores are compared, `name=url` separated by commas (default: the four services on 127.0.0.1 at their default ports). */
  @IsOptional() @IsString() @Matches(/^\s*[a-z]+=https?:\/\/[^\s,]+\s*(,\s*[a-z]+=https?:\/\/[^\s,]+\s*)*$/, { message: 'AUDIT_STORE_SERVICE_URLS 须为 name=url,name=url (e.g. seals=http://10.0.0.4:3004)' })
  AUDIT_STORE_SERVICE_URLS?: string;

  /**
   * The bearer token the audit reads the chain heads with (a service account with the auditor
   * role, issued by the identity platform). Unset: minted for 5 minutes with JWT_SECRET.
   */
  @IsOptional() @IsString()
  AUDIT_SERVICE_TOKEN?: string;
}

/** A checkpoint key as published: its id (what a checkpoint names) and its SPKI PEM. */
export interface CheckpointKey {
  readonly keyId: string;
  readonly publicKey: string;
}

/** SHA-256 of a key's SPKI DER, hex: the id a checkpoint names its signing key by. */
export function keyIdOf(key: KeyObject): string {
  return createHash('sha256').update(eventVerificationKey(key).export({ type: 'spki', format: 'der' })).digest('hex');
}

export interface AuditSettings {
  readonly signingKey: KeyObject;
  readonly publicKeyPem: string;
  /** The keys a rotation replaced (AUDIT_PREVIOUS_PUBLIC_KEYS). */
  readonly previousKeys: readonly CheckpointKey[];
  readonly logAlgorithm: HashAlgorithm;
  readonly chainAlgorithm: HashAlgorithm;
  readonly checkpointIntervalSeconds: number;
  readonly consumerGeneration?: string;
  readonly storeCheckIntervalSeconds: number;
  /** Service name → base URL (without /api/v1). */
  readonly storeServiceUrls: Readonly<Record<string, string>>;
  readonly serviceToken?: string;
}

/** The services with a store of their own besides the audit's, at their default ports. */
const STORE_SERVICES = ['documents', 'meetings', 'archives', 'seals', 'directory', 'affairs'] as const;

export function storeServiceUrls(text: string | undefined): Record<string, string> {
  if (text === undefined || text.trim() === '') return Object.fromEntries(STORE_SERVICES.map((service) => [service, `http://127.0.0.1:${DEFAULT_PORTS[service]}`]));
  return Object.fromEntries(
    text.split(',').map((pair) => {
      const [name, ...url] = pair.trim().split('=');
      return [name!, url.join('=').replace(/\/+$/, '')];
    }),
  );
}

export const AUDIT_SETTINGS = Symbol('AUDIT_SETTINGS');

export function auditSettings(environment: AuditEnvironment): AuditSettings {
  let signingKey: KeyObject;
  try {
    signingKey = createPrivateKey(environment.AUDIT_SIGNING_KEY.replace(/\\n/g, '\n'));
  } catch {
    throw new ConfigurationError(['AUDIT_SIGNING_KEY=***: 无法读取私钥 (unreadable private key)']);
  }
  if (signingKey.asymmetricKeyType !== 'ed25519') throw new ConfigurationError(['AUDIT_SIGNING_KEY=***: 须为 Ed25519 私钥 (must be an Ed25519 key)']);
  return {
    signingKey,
    publicKeyPem: createPublicKey(signingKey).export({ type: 'spki', format: 'pem' }).toString(),
    previousKeys: readPublicKeys('AUDIT_PREVIOUS_PUBLIC_KEYS', environment.AUDIT_PREVIOUS_PUBLIC_KEYS).map((key) => ({ keyId: keyIdOf(key), publicKey: key.export({ type: 'spki', format: 'pem' }).toString() })),
    logAlgorithm: environment.AUDIT_HASH_ALGORITHM ?? 'sha256',
    chainAlgorithm: environment.AUDIT_CHAIN_HASH_ALGORITHM ?? 'sha256',
    checkpointIntervalSeconds: environment.AUDIT_CHECKPOINT_INTERVAL_SECONDS ?? 3600,
    consumerGeneration: environment.AUDIT_CONSUMER_GENERATION,
    storeCheckIntervalSeconds: environment.AUDIT_STORE_CHECK_INTERVAL_SECONDS ?? 300,
    storeServiceUrls: storeServiceUrls(environment.AUDIT_STORE_SERVICE_URLS),
    ...(environment.AUDIT_SERVICE_TOKEN !== undefined && { serviceToken: environment.AUDIT_SERVICE_TOKEN }),
  };
}

/** From the variables the platform validated at start (the definition's `environment`). */
export const auditSettingsProvider = {
  provide: AUDIT_SETTINGS,
  inject: [SERVICE_RUNTIME],
  useFactory: (runtime: ServiceRuntime): AuditSettings => auditSettings(runtime.settings as AuditEnvironment),
};
