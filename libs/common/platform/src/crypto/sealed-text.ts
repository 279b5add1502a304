import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * COMMON-4 a text kept encrypted beside the events: AES-256-GCM with a random 12-byte IV and
 * associated data that ties it to its place (a meeting and digest, a document), written as
 * `v1:<iv>:<tag>:<ciphertext>` in base64. Opening it anywhere else fails its tag.
 */
export function sealText(key: Buffer, associatedData: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

/** The text `sealText` wrote, under the same key and associated data. */
export function openSealedText(key: Buffer, associatedData: string, sealed: string): string {
  const [, iv, tag, ciphertext] = sealed.split(':') as [string, string, string, string];
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
}
