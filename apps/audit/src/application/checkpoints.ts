import { createHash, createPublicKey, sign } from 'node:crypto';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { canonicalJson, consistencyProof, inclusionProof, merkleLeafHash, merkleRoot, type EventEnvelope, type HashAlgorithm } from '@oa/core';
import type { EntityManager } from 'typeorm';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import { AUDIT_SETTINGS, type AuditSettings } from '../infrastructure/audit-settings';

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

export interface InclusionProofDocument {
  readonly kind: 'inclusion';
  readonly entry: { readonly log: string; readonly index: number; readonly leafHash: string; readonly envelope: EventEnvelope };
  readonly proof: { readonly treeSize: number; readonly auditPath: readonly string[] };
  readonly checkpoint: SignedCheckpoint;
}

export interface ConsistencyProofDocument {
  readonly kind: 'consistency';
  readonly log: string;
  readonly size1: number;
  readonly size2: number;
  readonly proof: readonly string[];
  readonly checkpoint1: SignedCheckpoint;
  readonly checkpoint2: SignedCheckpoint;
}

export function logsRoot(logs: readonly LogHead[], algorithm: HashAlgorithm): string {
  return merkleRoot(
    logs.map(({ log, size, root }) => merkleLeafHash(canonicalJson({ log, size, root }), algorithm)),
    algorithm,
  );
}

const notFound = (code: string, title: string, detail?: string) => new NotFoundException({ code, title, ...(detail && { detail }) });

/**
 * Signed checkpoints over the per-partition Merkle logs, and the inclusion and consistency
 * proofs an auditor verifies offline (tools/audit-verify/verify.mjs).
 */
@Injectable()
export class Checkpoints {
  private readonly keyId: string;

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
  ) {
    const der = createPublicKey(settings.signingKey).export({ type: 'spki', format: 'der' });
    this.keyId = createHash('sha256').update(der).digest('hex');
  }

  get publicKeyPem(): string {
    return this.settings.publicKeyPem;
  }

  /** Signs the state of every log as of now, in one consistent snapshot. */
  async create(now: Date): Promise<SignedCheckpoint> {
    const algorithm = this.settings.logAlgorithm;
    return this.runtime.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const rows: Array<{ log: string; size: string }> = await manager.query(`SELECT log, size FROM "audit".logs ORDER BY log`);
      const logs: LogHead[] = [];
      for (const row of rows.sort((a, b) => (a.log < b.log ? -1 : a.log > b.log ? 1 : 0))) {
        const size = Number(row.size);
        logs.push({ log: row.log, size, root: merkleRoot(await this.leaves(row.log, size, manager), algorithm) });
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

  async latest(): Promise<SignedCheckpoint | undefined> {
    const rows: Array<{ body: string; signature: string }> = await this.runtime.dataSource.query(`SELECT body, signature FROM "audit".checkpoints ORDER BY id DESC LIMIT 1`);
    return rows[0] && { body: JSON.parse(rows[0].body) as CheckpointBody, signature: rows[0].signature };
  }

  async byId(id: number): Promise<SignedCheckpoint | undefined> {
    const rows: Array<{ body: string; signature: string }> = await this.runtime.dataSource.query(`SELECT body, signature FROM "audit".checkpoints WHERE id = $1`, [id]);
    return rows[0] && { body: JSON.parse(rows[0].body) as CheckpointBody, signature: rows[0].signature };
  }

  /** The time of the latest checkpoint, for the schedule. */
  async latestTime(): Promise<Date | undefined> {
    const rows: Array<{ created_at: Date }> = await this.runtime.dataSource.query(`SELECT created_at FROM "audit".checkpoints ORDER BY id DESC LIMIT 1`);
    return rows[0]?.created_at;
  }

  async inclusionProof(eventId: string, checkpointId?: number): Promise<InclusionProofDocument> {
    const rows: Array<{ log: string; log_index: string; envelope: string; leaf_hash: string }> = await this.runtime.dataSource.query(
      `SELECT log, log_index, envelope, leaf_hash FROM "audit".entries WHERE event_id = $1 ORDER BY service LIMIT 1`,
      [eventId],
    );
    const entry = rows[0];
    if (!entry) throw notFound('AUDIT.ENTRY_NOT_FOUND', '审计记录不存在', `事件 ${eventId} 未被审计服务接收`);
    const checkpoint = checkpointId === undefined ? await this.latest() : await this.byId(checkpointId);
    if (!checkpoint) throw notFound('AUDIT.CHECKPOINT_NOT_FOUND', '检查点不存在');
    const index = Number(entry.log_index);
    const head = checkpoint.body.logs.find((log) => log.log === entry.log);
    if (!head || index >= head.size) {
      throw new ConflictException({ code: 'AUDIT.ENTRY_AFTER_CHECKPOINT', title: '该记录晚于检查点', detail: '该记录在检查点签署之后才写入，请使用更新的检查点' });
    }
    const auditPath = inclusionProof(await this.leaves(entry.log, head.size), index, head.size, checkpoint.body.algorithm);
    return {
      kind: 'inclusion',
      entry: { log: entry.log, index, leafHash: entry.leaf_hash, envelope: JSON.parse(entry.envelope) as EventEnvelope },
      proof: { treeSize: head.size, auditPath },
      checkpoint,
    };
  }

  /** Between the latest checkpoints in which the log had size1 and size2 (size2: the latest checkpoint's). */
  async consistencyProof(log: string, size1: number, size2?: number): Promise<ConsistencyProofDocument> {
    const checkpoint2 = size2 === undefined ? await this.latest() : await this.checkpointWithSize(log, size2);
    const head2 = checkpoint2?.body.logs.find((head) => head.log === log);
    if (!checkpoint2 || !head2) throw notFound('AUDIT.CHECKPOINT_NOT_FOUND', '没有该日志在此大小下的检查点', `日志 ${log} 大小 ${size2 ?? '最新'}`);
    if (size1 > head2.size) {
      throw new ConflictException({ code: 'AUDIT.SIZES_OUT_OF_ORDER', title: '起始大小不能大于结束大小', detail: `${size1} > ${head2.size}` });
    }
    const checkpoint1 = await this.checkpointWithSize(log, size1);
    if (!checkpoint1) throw notFound('AUDIT.CHECKPOINT_NOT_FOUND', '没有该日志在此大小下的检查点', `日志 ${log} 大小 ${size1}`);
    const proof = consistencyProof(await this.leaves(log, head2.size), size1, head2.size, checkpoint2.body.algorithm);
    return { kind: 'consistency', log, size1, size2: head2.size, proof, checkpoint1, checkpoint2 };
  }

  private async checkpointWithSize(log: string, size: number): Promise<SignedCheckpoint | undefined> {
    const rows: Array<{ checkpoint_id: string }> = await this.runtime.dataSource.query(
      `SELECT checkpoint_id FROM "audit".checkpoint_logs WHERE log = $1 AND size = $2 ORDER BY checkpoint_id DESC LIMIT 1`,
      [log, size],
    );
    return rows[0] ? this.byId(Number(rows[0].checkpoint_id)) : undefined;
  }

  private async leaves(log: string, size: number, manager: EntityManager = this.runtime.dataSource.manager): Promise<string[]> {
    const rows: Array<{ leaf_hash: string }> = await manager.query(`SELECT leaf_hash FROM "audit".entries WHERE log = $1 AND log_index < $2 ORDER BY log_index`, [log, size]);
    if (rows.length !== size) throw new Error(`log ${log}: ${rows.length} entries below size ${size}`);
    return rows.map((row) => row.leaf_hash);
  }
}
