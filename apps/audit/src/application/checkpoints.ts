import { sign } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { canonicalJson, merkleLeafHash, merkleRoot, type HashAlgorithm } from '@oa/core';
import type { EntityManager } from 'typeorm';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import { AUDIT_SETTINGS, keyIdOf, type AuditSettings } from '../infrastructure/audit-settings';

/** One log's state in a checkpoint. */
export interface LogHead {
  readonly log: string;
  readonly size: number;
  readonly root: string;
}

/** What is signed: the canonical JSON of this object, in UTF-8, with Ed25519. */
export interface CheckpointBody {
  readonly format: 'oa-audit-checkpoint/1';
  readonly id: number;
  readonly algorithm: HashAlgorithm;
  readonly time: string;
  /** SHA-256 of the signing key's SPKI DER, hex: which key to check the signature with. */
  readonly keyId: string;
  /** Every log, sorted by name. */
  readonly logs: readonly LogHead[];
  /** Merkle root over the leaves canonicalJson({log, size, root}) of `logs`, in that order. */
  readonly logsRoot: string;
}

export interface SignedCheckpoint {
  readonly body: CheckpointBody;
  /** Ed25519 signature of canonicalJson(body), lowercase hex. */
  readonly signature: string;
}

export function logsRoot(logs: readonly LogHead[], algorithm: HashAlgorithm): string {
  return merkleRoot(
    logs.map(({ log, size, root }) => merkleLeafHash(canonicalJson({ log, size, root }), algorithm)),
    algorithm,
  );
}

/** The first `size` leaf hashes of a log, in order: what its roots and proofs are computed over. */
export async function logLeaves(manager: Pick<EntityManager, 'query'>, log: string, size: number): Promise<string[]> {
  const rows: Array<{ leaf_hash: string }> = await manager.query(`SELECT leaf_hash FROM "audit".entries WHERE log = $1 AND log_index < $2 ORDER BY log_index`, [log, size]);
  if (rows.length !== size) throw new Error(`log ${log}: ${rows.length} entries below size ${size}`);
  return rows.map((row) => row.leaf_hash);
}

/**
 * Signs checkpoints over the per-partition Merkle logs (on demand, for an export, and on the
 * schedule); their reads and proofs are queries (checkpoint.query-handlers.ts).
 */
@Injectable()
export class Checkpoints {
  private readonly keyId: string;

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
  ) {
    this.keyId = keyIdOf(settings.signingKey);
  }

  /** Signs the state of every log as of now, in one consistent snapshot. */
  async create(now: Date): Promise<SignedCheckpoint> {
    const algorithm = this.settings.logAlgorithm;
    return this.runtime.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const rows: Array<{ log: string; size: string }> = await manager.query(`SELECT log, size FROM "audit".logs ORDER BY log`);
      const logs: LogHead[] = [];
      for (const row of rows.sort((a, b) => (a.log < b.log ? -1 : a.log > b.log ? 1 : 0))) {
        const size = Number(row.size);
        logs.push({ log: row.log, size, root: merkleRoot(await logLeaves(manager, row.log, size), algorithm) });
      }
      const [{ id }]: Array<{ id: string }> = await manager.query(`SELECT nextval('"audit".checkpoint_ids') AS id`);
      const body: CheckpointBody = {
        format: 'oa-audit-checkpoint/1',
        id: Number(id),
        algorithm,
        time: now.toISOString(),
        keyId: this.keyId,
        logs,
        logsRoot: logsRoot(logs, algorithm),
      };
      const signature = sign(null, Buffer.from(canonicalJson(body), 'utf8'), this.settings.signingKey).toString('hex');
      await manager.query(`INSERT INTO "audit".checkpoints (id, created_at, body, signature) VALUES ($1, $2, $3, $4)`, [body.id, now, canonicalJson(body), signature]);
      for (const head of logs) {
        await manager.query(`INSERT INTO "audit".checkpoint_logs (checkpoint_id, log, size, root) VALUES ($1, $2, $3, $4)`, [body.id, head.log, head.size, head.root]);
      }
      return { body, signature };
    });
  }

  /** The time of the latest checkpoint, for the schedule. */
  async latestTime(): Promise<Date | undefined> {
    const rows: Array<{ created_at: Date }> = await this.runtime.dataSource.query(`SELECT created_at FROM "audit".checkpoints ORDER BY id DESC LIMIT 1`);
    return rows[0]?.created_at;
  }
}
