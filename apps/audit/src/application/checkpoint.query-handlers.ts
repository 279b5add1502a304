import { ConflictException, Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { consistencyProof, inclusionProof, type EventEnvelope } from '@oa/core';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import { AUDIT_SETTINGS, keyIdOf, type AuditSettings, type CheckpointKey } from '../infrastructure/audit-settings';
import { logLeaves, type CheckpointBody, type SignedCheckpoint } from './checkpoints';
import { admits, streamLevels, type Reader } from './secrecy-levels';

export interface InclusionProofDocument {
  readonly kind: 'inclusion';
  /**
   * COMMON-3 an entry of a stream above the reader's clearance comes without its envelope
   * (`withheld`): its leaf hash is still proven included, its content is not shown.
   */
  readonly entry: { readonly log: string; readonly index: number; readonly leafHash: string } & ({ readonly envelope: EventEnvelope } | { readonly withheld: true });
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

/** The latest signed checkpoint (404 when none has been signed yet). */
export class LatestCheckpointQuery extends Query<SignedCheckpoint> {}

/** A signed checkpoint by its id, such as the one an export names. */
export class CheckpointQuery extends Query<SignedCheckpoint> {
  constructor(readonly checkpointId: number) {
    super();
  }
}

/** The checkpoints' signing key (SPKI PEM). */
/** The current checkpoint key, and those a rotation replaced (the checkpoints they signed name them). */
export interface CheckpointPublicKeys extends CheckpointKey {
  readonly previous: readonly CheckpointKey[];
}

export class CheckpointPublicKeyQuery extends Query<CheckpointPublicKeys> {}

/** An entry's inclusion proof against a checkpoint (the latest, or the one named). */
export class EntryInclusionProofQuery extends Query<InclusionProofDocument> {
  constructor(
    readonly eventId: string,
    readonly reader: Reader,
    readonly checkpointId?: number,
  ) {
    super();
  }
}

/** A log's consistency proof between the latest checkpoints in which it had size1 and size2 (size2: the latest checkpoint's). */
export class LogConsistencyProofQuery extends Query<ConsistencyProofDocument> {
  constructor(
    readonly log: string,
    readonly size1: number,
    readonly size2?: number,
  ) {
    super();
  }
}

const notFound = (code: string, title: string, detail?: string) => new NotFoundException({ code, title, ...(detail && { detail }) });

type CheckpointRow = { body: string; signature: string };

const signed = (row: CheckpointRow | undefined): SignedCheckpoint | undefined => row && { body: JSON.parse(row.body) as CheckpointBody, signature: row.signature };

async function latestCheckpoint(runtime: ServiceRuntime): Promise<SignedCheckpoint | undefined> {
  const rows: CheckpointRow[] = await runtime.dataSource.query(`SELECT body, signature FROM "audit".checkpoints ORDER BY id DESC LIMIT 1`);
  return signed(rows[0]);
}

async function checkpointById(runtime: ServiceRuntime, id: number): Promise<SignedCheckpoint | undefined> {
  const rows: CheckpointRow[] = await runtime.dataSource.query(`SELECT body, signature FROM "audit".checkpoints WHERE id = $1`, [id]);
  return signed(rows[0]);
}

async function checkpointWithSize(runtime: ServiceRuntime, log: string, size: number): Promise<SignedCheckpoint | undefined> {
  const rows: Array<{ checkpoint_id: string }> = await runtime.dataSource.query(
    `SELECT checkpoint_id FROM "audit".checkpoint_logs WHERE log = $1 AND size = $2 ORDER BY checkpoint_id DESC LIMIT 1`,
    [log, size],
  );
  return rows[0] ? checkpointById(runtime, Number(rows[0].checkpoint_id)) : undefined;
}

@QueryHandler(LatestCheckpointQuery)
export class LatestCheckpointQueryHandler implements IQueryHandler<LatestCheckpointQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute(): Promise<SignedCheckpoint> {
    const checkpoint = await latestCheckpoint(this.runtime);
    if (!checkpoint) throw notFound('AUDIT.CHECKPOINT_NOT_FOUND', '尚无检查点');
    return checkpoint;
  }
}

@QueryHandler(CheckpointQuery)
export class CheckpointQueryHandler implements IQueryHandler<CheckpointQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute({ checkpointId }: CheckpointQuery): Promise<SignedCheckpoint> {
    const checkpoint = await checkpointById(this.runtime, checkpointId);
    if (!checkpoint) throw notFound('AUDIT.CHECKPOINT_NOT_FOUND', '检查点不存在');
    return checkpoint;
  }
}

@QueryHandler(CheckpointPublicKeyQuery)
export class CheckpointPublicKeyQueryHandler implements IQueryHandler<CheckpointPublicKeyQuery> {
  constructor(@Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings) {}

  execute(): Promise<CheckpointPublicKeys> {
    return Promise.resolve({ keyId: keyIdOf(this.settings.signingKey), publicKey: this.settings.publicKeyPem, previous: this.settings.previousKeys });
  }
}

@QueryHandler(EntryInclusionProofQuery)
export class EntryInclusionProofQueryHandler implements IQueryHandler<EntryInclusionProofQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute({ eventId, reader, checkpointId }: EntryInclusionProofQuery): Promise<InclusionProofDocument> {
    const rows: Array<{ log: string; log_index: string; envelope: string; leaf_hash: string; stream_id: string }> = await this.runtime.dataSource.query(
      `SELECT log, log_index, envelope, leaf_hash, stream_id FROM "audit".entries WHERE event_id = $1 ORDER BY service LIMIT 1`,
      [eventId],
    );
    const entry = rows[0];
    if (!entry) throw notFound('AUDIT.ENTRY_NOT_FOUND', '审计记录不存在', `事件 ${eventId} 未被审计服务接收`);
    const checkpoint = checkpointId === undefined ? await latestCheckpoint(this.runtime) : await checkpointById(this.runtime, checkpointId);
    if (!checkpoint) throw notFound('AUDIT.CHECKPOINT_NOT_FOUND', '检查点不存在');
    const index = Number(entry.log_index);
    const head = checkpoint.body.logs.find((log) => log.log === entry.log);
    if (!head || index >= head.size) {
      throw new ConflictException({ code: 'AUDIT.ENTRY_AFTER_CHECKPOINT', title: '该记录晚于检查点', detail: '该记录在检查点签署之后才写入，请使用更新的检查点' });
    }
    const auditPath = inclusionProof(await logLeaves(this.runtime.dataSource.manager, entry.log, head.size), index, head.size, checkpoint.body.algorithm);
    const level = (await streamLevels(this.runtime.dataSource, [entry.stream_id])).get(entry.stream_id);
    const shown = level === undefined || admits(reader, level) ? { envelope: JSON.parse(entry.envelope) as EventEnvelope } : { withheld: true as const };
    return {
      kind: 'inclusion',
      entry: { log: entry.log, index, leafHash: entry.leaf_hash, ...shown },
      proof: { treeSize: head.size, auditPath },
      checkpoint,
    };
  }
}

@QueryHandler(LogConsistencyProofQuery)
export class LogConsistencyProofQueryHandler implements IQueryHandler<LogConsistencyProofQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute({ log, size1, size2 }: LogConsistencyProofQuery): Promise<ConsistencyProofDocument> {
    const checkpoint2 = size2 === undefined ? await latestCheckpoint(this.runtime) : await checkpointWithSize(this.runtime, log, size2);
    const head2 = checkpoint2?.body.logs.find((head) => head.log === log);
    if (!checkpoint2 || !head2) throw notFound('AUDIT.CHECKPOINT_NOT_FOUND', '没有该日志在此大小下的检查点', `日志 ${log} 大小 ${size2 ?? '最新'}`);
    if (size1 > head2.size) {
      throw new ConflictException({ code: 'AUDIT.SIZES_OUT_OF_ORDER', title: '起始大小不能大于结束大小', detail: `${size1} > ${head2.size}` });
    }
    const checkpoint1 = await checkpointWithSize(this.runtime, log, size1);
    if (!checkpoint1) throw notFound('AUDIT.CHECKPOINT_NOT_FOUND', '没有该日志在此大小下的检查点', `日志 ${log} 大小 ${size1}`);
    const proof = consistencyProof(await logLeaves(this.runtime.dataSource.manager, log, head2.size), size1, head2.size, checkpoint2.body.algorithm);
    return { kind: 'consistency', log, size1, size2: head2.size, proof, checkpoint1, checkpoint2 };
  }
}
