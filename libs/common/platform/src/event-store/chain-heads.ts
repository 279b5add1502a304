import type { KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { canonicalJson, digest, verifyChain, type HashAlgorithm } from '@oa/core';
import { checkEventSignature, signEventHash, type SignatureCheck } from '../relay/event-signature';
import { STORED_EVENT_COLUMNS, rowToEnvelope } from './event-store';

/** One stream of a service's store as it stands: its head, and where its stored chain breaks. */
export interface StoredStreamHead {
  readonly streamType: string;
  readonly streamId: string;
  /** The highest stored version, and that row's hash and event id. */
  readonly version: number;
  readonly hash: string;
  readonly eventId: string;
  /** The first break of the stored chain (verifyChain over the rows), absent when it verifies. */
  readonly broken?: { readonly kind: string; readonly streamVersion?: number; readonly eventId?: string };
}

/**
 * A service's chain heads (AUD-10): every stream's head, one digest over all of them and the
 * office's event key's signature of that digest, as the relay signs each event's hash. The
 * audit compares them with its own log; the signature tells the service's answer from one made
 * up on the way.
 */
export interface ChainHeadsReport {
  readonly service: string;
  readonly algorithm: HashAlgorithm;
  /** When the store was read. */
  readonly at: string;
  /** By stream id. */
  readonly streams: readonly StoredStreamHead[];
  /** H(canonical JSON of {service, algorithm, at, streams}), hex. */
  readonly digest: string;
  /** Ed25519 over the digest (as over an event's hash), base64; null where no EVENT_SIGNING_KEY is configured. */
  readonly signature: string | null;
}

/** The digest a report's signature covers. */
export function chainHeadsDigest(report: Pick<ChainHeadsReport, 'service' | 'algorithm' | 'at' | 'streams'>): string {
  const { service, algorithm, at, streams } = report;
  return digest(canonicalJson({ service, algorithm, at, streams }), algorithm);
}

/** Whether a report is the service's own: its digest recomputed, and the signature over it checked with the event key's public half. */
export function checkChainHeadsReport(report: ChainHeadsReport, verificationKeys: readonly KeyObject[]): SignatureCheck | 'digestMismatch' {
  if (chainHeadsDigest(report) !== report.digest) return 'digestMismatch';
  return checkEventSignature(verificationKeys, report.digest, report.signature ?? undefined);
}

interface StreamRow {
  stream_id: string;
  stream_type: string;
  events: number;
  row_versions: string;
  version: number;
  hash: string;
  event_id: string;
}

/** What this process last verified of a stream: its rows then (count and xmin sum) and what was found. */
interface Verified {
  readonly events: number;
  readonly rowVersions: string;
  readonly broken?: StoredStreamHead['broken'];
}

/** Streams whose rows are fetched and verified per statement. */
const VERIFY_BATCH = 200;
/** At most this many streams' verifications kept per process; past it, the least recently changed are verified again. */
const VERIFIED_STREAMS = 200_000;

/**
 * Every stream's head of one service store, each stream's stored chain verified (verifyChain, as
 * `oa verify` does). A stream is verified again only when its rows changed since this process
 * last verified it — their count or xmin sum, the check ADR 0012 makes of kept streams — so after
 * the first call a report costs one aggregate over the table plus the streams written since.
 */
export class StoredChains {
  private readonly verified = new Map<string, Verified>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly algorithm: HashAlgorithm = 'sha256',
  ) {}

  async report(service: string, signingKey: KeyObject | undefined, now: Date = new Date()): Promise<ChainHeadsReport> {
    const table = `"${this.schema}".events`;
    const rows: StreamRow[] = await this.dataSource.query(
      `SELECT stream_id, (array_agg(stream_type ORDER BY stream_version DESC))[1] AS stream_type, count(*)::int AS events,
              sum(xmin::text::bigint)::text AS row_versions, max(stream_version) AS version,
              (array_agg(hash ORDER BY stream_version DESC))[1] AS hash, (array_agg(event_id ORDER BY stream_version DESC))[1] AS event_id
         FROM ${table} GROUP BY stream_id ORDER BY stream_id`,
    );
    const changed = rows.filter((row) => {
      const known = this.verified.get(row.stream_id);
      return !known || known.events !== row.events || known.rowVersions !== row.row_versions;
    });
    for (let start = 0; start < changed.length; start += VERIFY_BATCH) {
      const batch = changed.slice(start, start + VERIFY_BATCH);
      const stored = await this.dataSource.query(
        `SELECT ${STORED_EVENT_COLUMNS}, xmin::text AS row_version FROM ${table} WHERE stream_id = ANY($1) ORDER BY stream_id, stream_version`,
        [batch.map((row) => row.stream_id)],
      );
      const byStream = new Map<string, Array<ReturnType<typeof rowToEnvelope>>>();
      const rowVersions = new Map<string, bigint>();
      for (const row of stored) {
        const event = rowToEnvelope(row);
        const events = byStream.get(event.streamId);
        if (events) events.push(event);
        else byStream.set(event.streamId, [event]);
        rowVersions.set(event.streamId, (rowVersions.get(event.streamId) ?? 0n) + BigInt(row.row_version));
      }
      for (const row of batch) {
        const events = byStream.get(row.stream_id) ?? [];
        const first = verifyChain(events, this.algorithm)[0];
        const at = first && 'streamVersion' in first ? events.find((event) => event.streamVersion === first.streamVersion) : undefined;
        const broken = first ? { kind: first.kind, ...('streamVersion' in first && { streamVersion: first.streamVersion }), ...(at && { eventId: at.eventId }) } : undefined;
        // the rows as verified: a write between the two statements shows as a change next time
        this.remember(row.stream_id, { events: events.length, rowVersions: String(rowVersions.get(row.stream_id) ?? 0n), ...(broken && { broken }) });
      }
    }
    const streams = rows.map((row): StoredStreamHead => {
      const broken = this.verified.get(row.stream_id)?.broken;
      return { streamType: row.stream_type, streamId: row.stream_id, version: row.version, hash: row.hash, eventId: row.event_id, ...(broken && { broken }) };
    });
    const unsigned = { service, algorithm: this.algorithm, at: now.toISOString(), streams };
    const reportDigest = chainHeadsDigest(unsigned);
    return { ...unsigned, digest: reportDigest, signature: signingKey ? signEventHash(signingKey, reportDigest) : null };
  }

  private remember(streamId: string, verified: Verified): void {
    this.verified.delete(streamId);
    this.verified.set(streamId, verified);
    if (this.verified.size > VERIFIED_STREAMS) this.verified.delete(this.verified.keys().next().value!);
  }
}
