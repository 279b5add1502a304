import { generateKeyPairSync } from 'node:crypto';
import { ConfigurationError } from '../config/service-config';
import { checkEventSignature, eventVerificationKey, readEventSigningKey, signEventHash } from './event-signature';

const pem = (type: 'ed25519' | 'rsa') =>
  (type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 1024 }) : generateKeyPairSync('ed25519')).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('event signatures (EVENT_SIGNING_KEY)', () => {
  const key = readEventSigningKey(pem('ed25519').replace(/\n/g, '\\n'));
  const hash = 'a'.repeat(64);

  it('verifies the hash the relay signed, with the public half of the key', () => {
    expect(checkEventSignature(eventVerificationKey(key), hash, signEventHash(key, hash))).toBe('verified');
  });

  it('tells a missing signature from a wrong one: another key, another hash, garbage', () => {
    const publicKey = eventVerificationKey(key);
    const other = readEventSigningKey(pem('ed25519'));
    expect(checkEventSignature(publicKey, hash, undefined)).toBe('missing');
    expect(checkEventSignature(publicKey, hash, signEventHash(other, hash))).toBe('invalid');
    expect(checkEventSignature(publicKey, 'b'.repeat(64), signEventHash(key, hash))).toBe('invalid');
    expect(checkEventSignature(publicKey, hash, '!!not base64')).toBe('invalid');
    expect(checkEventSignature(publicKey, 42, signEventHash(key, hash))).toBe('invalid');
  });

  it('refuses a key that is not an Ed25519 private key, without printing it', () => {
    expect(() => readEventSigningKey('garbled')).toThrow(ConfigurationError);
    expect(() => readEventSigningKey(pem('rsa'))).toThrow(/须为 Ed25519 私钥/);
  });
});
