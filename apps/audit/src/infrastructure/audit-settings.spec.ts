import { generateKeyPairSync } from 'node:crypto';
import { ConfigurationError, validateEnvironment } from '@oa/platform';
import { AuditEnvironment, auditSettings } from './audit-settings';

describe('audit configuration', () => {
  const pem = (type: 'ed25519' | 'rsa') =>
    (type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('rsa', { modulusLength: 1024 })).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('reads an Ed25519 key (escaped newlines too), sha256 and hourly checkpoints by default', () => {
    const settings = auditSettings(validateEnvironment(AuditEnvironment, { AUDIT_SIGNING_KEY: pem('ed25519').replace(/\n/g, '\\n') }));
    expect(settings).toMatchObject({ logAlgorithm: 'sha256', chainAlgorithm: 'sha256', checkpointIntervalSeconds: 3600 });
    expect(settings.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(auditSettings(validateEnvironment(AuditEnvironment, { AUDIT_SIGNING_KEY: pem('ed25519'), AUDIT_HASH_ALGORITHM: 'sm3', AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0' }))).toMatchObject({
      logAlgorithm: 'sm3',
      checkpointIntervalSeconds: 0,
    });
  });

  it('AUD-10 compares the four services\' stores every 5 minutes by default, at the URLs configured', () => {
    const defaults = auditSettings(validateEnvironment(AuditEnvironment, { AUDIT_SIGNING_KEY: pem('ed25519') }));
    expect(defaults.storeCheckIntervalSeconds).toBe(300);
    expect(defaults.storeServiceUrls).toEqual({ documents: 'http://127.0.0.1:3001', meetings: 'http://127.0.0.1:3002', archives: 'http://127.0.0.1:3003', seals: 'http://127.0.0.1:3004', directory: 'http://127.0.0.1:3006', affairs: 'http://127.0.0.1:3007' });
    const configured = auditSettings(
      validateEnvironment(AuditEnvironment, { AUDIT_SIGNING_KEY: pem('ed25519'), AUDIT_STORE_CHECK_INTERVAL_SECONDS: '60', AUDIT_STORE_SERVICE_URLS: 'seals=http://10.0.0.4:3004/, documents=https://docs.example:8443' }),
    );
    expect(configured).toMatchObject({ storeCheckIntervalSeconds: 60, storeServiceUrls: { seals: 'http://10.0.0.4:3004', documents: 'https://docs.example:8443' } });
    expect(() => validateEnvironment(AuditEnvironment, { AUDIT_SIGNING_KEY: pem('ed25519'), AUDIT_STORE_SERVICE_URLS: 'seals' })).toThrow(/AUDIT_STORE_SERVICE_URLS/);
  });

  it('stops the start on a missing, unreadable or non-Ed25519 key, never printing it', () => {
    expect(() => validateEnvironment(AuditEnvironment, {})).toThrow(/AUDIT_SIGNING_KEY/);
    expect(() => validateEnvironment(AuditEnvironment, { AUDIT_SIGNING_KEY: pem('ed25519'), AUDIT_HASH_ALGORITHM: 'md5' })).toThrow(ConfigurationError);
    const garbled = '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----';
    expect(() => auditSettings(validateEnvironment(AuditEnvironment, { AUDIT_SIGNING_KEY: garbled }))).toThrow(/无法读取私钥/);
    const rsa = pem('rsa');
    try {
      auditSettings(validateEnvironment(AuditEnvironment, { AUDIT_SIGNING_KEY: rsa }));
      throw new Error('accepted an RSA key');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toContain('Ed25519');
      expect((error as Error).message).not.toContain(rsa.slice(40, 80));
    }
  });
});
