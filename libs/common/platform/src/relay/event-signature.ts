import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { ConfigurationError } from '../config/service-config';

/**
 * Who published an event. The hash chain proves an event was not changed after it was
 * chained, but anyone can compute a valid chain: a message made up and written to a topic
 * would pass it. The relays sign each event's hash with the office's Ed25519 event key
 * (EVENT_SIGNING_KEY); a consumer holding the public key tells the office's events from forgeries.
 */
export function readEventSigningKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem.replace(/\\n/g, '\n'));
  } catch {
    throw new ConfigurationError(['EVENT_SIGNING_KEY=***: 无法读取私钥 (unreadable private key)']);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigurationError(['EVENT_SIGNING_KEY=***: 须为 Ed25519 私钥 (must be an Ed25519 key)']);
  return key;
}

/** The signature header of an event: Ed25519 over its hash (hex, as chained), base64. */
export function signEventHash(signingKey: KeyObject, hash: string): string {
  return sign(null, Buffer.from(hash, 'utf8'), signingKey).toString('base64');
}

export type SignatureCheck = 'verified' | 'missing' | 'invalid';

/** The public half a consumer checks with (a private key also gives its public key). */
export function eventVerificationKey(key: KeyObject): KeyObject {
  return key.type === 'private' ? createPublicKey(key) : key;
}

/**
 * Ed25519 public keys written in one variable, one PEM (SPKI) block after another (`\n` may be
 * written escaped): the public halves of keys replaced by a rotation, which still verify what
 * they signed before it.
 */
export function readPublicKeys(variable: string, text: string | undefined): KeyObject[] {
  const blocks = (text ?? '').replace(/\\n/g, '\n').match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  return blocks.map((block, index) => {
    let key: KeyObject;
    try {
      key = createPublicKey(block);
    } catch {
      throw new ConfigurationError([`${variable}: 第 ${index + 1} 个公钥无法读取 (unreadable public key)`]);
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new ConfigurationError([`${variable}: 第 ${index + 1} 个公钥须为 Ed25519 (must be an Ed25519 key)`]);
    return key;
  });
}

/** Verified when one of the keys (the current one and those a rotation replaced) verifies the signature. */
export function checkEventSignature(verificationKeys: readonly KeyObject[], hash: unknown, signature: string | undefined): SignatureCheck {
  if (!signature) return 'missing';
  if (typeof hash !== 'string') return 'invalid';
  const signed = Buffer.from(signature, 'base64');
  return verificationKeys.some((key) => {
    try {
      return verify(null, Buffer.from(hash, 'utf8'), key, signed);
    } catch {
      return false;
    }
  })
    ? 'verified'
    : 'invalid';
}
