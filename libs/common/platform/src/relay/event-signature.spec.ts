import { generateKeyPairSync } from 'node:crypto';
import { ConfigurationError } from '../config/service-config';
import { checkEventSignature, eventVerificationKey, readEventSigningKey, readPublicKeys, signEventHash } from './event-signature';

const pem = (type: 'ed25519' | 'rsa') =>
  (type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 1024 }) : generateKeyPairSync('ed25519')).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('event signatures (EVENT_SIGNING_KEY)', () => {
  const key = readEventSigningKey(pem('ed25519').replace(/\n/g, '\\n'));
  const hash = 'a'.repeat(64);

  it('verifies the hash the relay signed, with the public half of the key', () => {
    expect(checkEventSignature([eventVerificationKey(key)], hash, signEventHash(key, hash))).toBe('verified');
  });

  it('tells a missing signature from a wrong one: another key, another hash, garbage', () => {
    const publicKey = [eventVerificationKey(key)];
    const other = readEventSigningKey(pem('ed25519'));
    expect(checkEventSignature(publicKey, hash, undefined)).toBe('missing');
    expect(checkEventSignature(publicKey, hash, signEventHash(other, hash))).toBe('invalid');
    expect(checkEventSignature(publicKey, 'b'.repeat(64), signEventHash(key, hash))).toBe('invalid');
    expect(checkEventSignature(publicKey, hash, '!!not base64')).toBe('invalid');
    expect(checkEventSignature(publicKey, 42, signEventHash(key, hash))).toBe('invalid');
  });

  it('still verifies what a key replaced by a rotation signed, when its public half is listed; nothing else', () => {
    const [before, unknown] = [readEventSigningKey(pem('ed25519')), readEventSigningKey(pem('ed25519'))];
    const listed = [before, readEventSigningKey(pem('ed25519'))].map((old) => eventVerificationKey(old).export({ type: 'spki', format: 'pem' }).toString()).join('').replace(/\n/g, '\\n');
    const keys = [eventVerificationKey(key), ...readPublicKeys('EVENT_PREVIOUS_PUBLIC_KEYS', listed)];
    expect(keys).toHaveLength(3);
    expect(checkEventSignature(keys, hash, signEventHash(key, hash))).toBe('verified');
    expect(checkEventSignature(keys, hash, signEventHash(before, hash))).toBe('verified');
    expect(checkEventSignature(keys, hash, signEventHash(unknown, hash))).toBe('invalid');
    expect(checkEventSignature([eventVerificationKey(key)], hash, signEventHash(before, hash))).toBe('invalid');
  });

  it('refuses a listed public key that is not Ed25519 or cannot be read', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => readPublicKeys('EVENT_PREVIOUS_PUBLIC_KEYS', rsa)).toThrow(/第 1 个公钥须为 Ed25519/);
    expect(() => readPublicKeys('EVENT_PREVIOUS_PUBLIC_KEYS', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----')).toThrow(/无法读取/);
    expect(readPublicKeys('EVENT_PREVIOUS_PUBLIC_KEYS', undefined)).toEqual([]);
  });

  it('refuses a key that is not an Ed25519 private key, without printing it', () => {
    expect(() => readEventSigningKey('garbled')).toThrow(ConfigurationError);
    expect(() => readEventSigningKey(pem('rsa'))).toThrow(/须为 Ed25519 私钥/);
  });
});
