import { createHash } from 'node:crypto';

/**
 * A finding's identity follows from what proves it: the rule and the proving events (plus,
 * for a message that cannot be told apart by its events, where it was read). The same trail
 * therefore gives the same finding ids after a rebuild, and reviews keep pointing at them.
 */
export function findingIdentity(rule: string, eventIds: readonly string[], where = ''): { readonly key: string; readonly id: string } {
  const key = createHash('sha256').update(`${rule}\u0000${[...eventIds].sort().join(',')}${where ? `\u0000${where}` : ''}`).digest('hex');
  // shaped as an RFC 9562 version 8 (custom) UUID, so it fits the uuid column and the id routes
  const id = `${key.slice(0, 8)}-${key.slice(8, 12)}-8${key.slice(13, 16)}-${((parseInt(key[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${key.slice(17, 20)}-${key.slice(20, 32)}`;
  return { key, id };
}
