import { createHash } from 'node:crypto';
import { v7 as timeOrderedId } from 'uuid';

/** What a command request carries besides its body: If-Match and Idempotency-Key. */
export interface CommandOptions {
  readonly expectedVersion?: number;
  readonly idempotencyKey?: string;
}

/** What every command answers: the aggregate and its version after the command. */
export interface CommandReply {
  readonly id: string;
  readonly version: number;
}

/**
 * A server-generated id. Without an Idempotency-Key it is time-ordered (UUIDv7), so the
 * streams' (stream_id, stream_version) index grows at its right edge. With one it is derived
 * from the actor and the key, so a retried create builds the very same command and gets the
 * first answer back.
 */
export function newId(actorId: string, options: CommandOptions, purpose: string): string {
  if (!options.idempotencyKey) return timeOrderedId();
  const hex = createHash('sha256').update(`${purpose}\u0000${actorId}\u0000${options.idempotencyKey}`).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
