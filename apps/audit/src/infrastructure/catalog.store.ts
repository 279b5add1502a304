import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent, EventEnvelope } from '@oa/core';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import { CATALOGUED } from '../application/catalog';
import { foldableOf } from '../application/stream-state.query-handlers';

/** A stream of the trail: its owning service, type and id. */
export interface StreamKey {
  readonly service: string;
  readonly streamType: string;
  readonly streamId: string;
}

export const CATALOGUED_STREAM_TYPES = Object.keys(CATALOGUED);

const keyOf = ({ service, streamType, streamId }: StreamKey) => JSON.stringify([service, streamType, streamId]);

/** How many streams the start-up catch-up folds per transaction. */
const CATCH_UP_BATCH = 200;

/**
 * 目录: the lists an inspection starts from (seals, meetings, documents, people), kept beside the
 * trail: each catalogued stream's state folded with its own domain's evolve, one version after
 * another as the ingest appends them, and the summary the lists filter on. A version that does not
 * follow on (a gap, a stream older than the catalog) is folded from the trail's first arrivals.
 */
@Injectable()
export class CatalogStore implements OnApplicationBootstrap {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  /** Streams the trail held before the catalog existed: folded once, a batch at a time, under the ingest's stream locks. */
  async onApplicationBootstrap(): Promise<void> {
    for (;;) {
      const missing: Array<{ service: string; stream_type: string; stream_id: string }> = await this.runtime.dataSource.query(
        `SELECT DISTINCT e.service, e.stream_type, e.stream_id FROM "audit".entries e
          WHERE e.stream_type = ANY($1) AND e.stream_version = 1
            AND NOT EXISTS (SELECT 1 FROM "audit".catalog c WHERE c.service = e.service AND c.stream_type = e.stream_type AND c.stream_id = e.stream_id)
          LIMIT ${CATCH_UP_BATCH}`,
        [CATALOGUED_STREAM_TYPES],
      );
      if (missing.length === 0) return;
      await this.runtime.dataSource.transaction(async (manager) => {
        const streams = missing.map((row) => ({ service: row.service, streamType: row.stream_type, streamId: row.stream_id }));
        await manager.query(
          `SELECT pg_advisory_xact_lock(hashtext('audit.stream_heads'), key) FROM (SELECT DISTINCT hashtext(stream) AS key FROM unnest($1::text[]) AS stream) AS keys ORDER BY key`,
          [streams.map(keyOf)],
        );
        await this.refresh(manager, streams);
      });
    }
  }

  /** Folds the catalogued streams among `streams` up to their latest consecutive version in the trail (in the ingest's transaction). */
  async refresh(manager: EntityManager, streams: readonly StreamKey[]): Promise<void> {
    const catalogued = [...new Map(streams.filter((stream) => stream.streamType in CATALOGUED).map((stream) => [keyOf(stream), stream])).values()];
    if (catalogued.length === 0) return;
    const columns = [catalogued.map((stream) => stream.service), catalogued.map((stream) => stream.streamType), catalogued.map((stream) => stream.streamId)];
    const known: Array<{ service: string; stream_type: string; stream_id: string; version: number; state: unknown }> = await manager.query(
      `SELECT c.service, c.stream_type, c.stream_id, c.version, c.state
         FROM unnest($1::text[], $2::text[], $3::text[]) AS k(service, stream_type, stream_id)
         JOIN "audit".catalog c ON c.service = k.service AND c.stream_type = k.stream_type AND c.stream_id = k.stream_id`,
      columns,
    );
    const folded = new Map(known.map((row) => [keyOf({ service: row.service, streamType: row.stream_type, streamId: row.stream_id }), { version: row.version, state: row.state }]));
    // the versions after the catalog's, first arrivals only (a forged copy of a version counts once, as the state query folds)
    const newer: Array<{ service: string; stream_type: string; stream_id: string; stream_version: number; envelope: string }> = await manager.query(
      `SELECT k.service, k.stream_type, k.stream_id, e.stream_version, e.envelope
         FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS k(service, stream_type, stream_id, version)
        CROSS JOIN LATERAL (
          SELECT DISTINCT ON (stream_version) stream_version, envelope FROM "audit".entries
           WHERE entries.stream_id = k.stream_id AND entries.service = k.service AND entries.stream_type = k.stream_type AND entries.stream_version > k.version
           ORDER BY stream_version, id
        ) AS e
        ORDER BY k.service, k.stream_type, k.stream_id, e.stream_version`,
      [...columns, catalogued.map((stream) => folded.get(keyOf(stream))?.version ?? 0)],
    );
    // each stream's newer versions, in order (the query sorts them), so a batch of many streams folds in one pass
    const newerOf = new Map<string, typeof newer>();
    for (const row of newer) {
      const key = keyOf({ service: row.service, streamType: row.stream_type, streamId: row.stream_id });
      const versions = newerOf.get(key);
      if (versions) versions.push(row);
      else newerOf.set(key, [row]);
    }
    const rows: Array<[StreamKey, number, unknown]> = [];
    for (const stream of catalogued) {
      const decider = foldableOf(stream.streamType)?.[1];
      if (!decider) continue;
      let { version, state } = folded.get(keyOf(stream)) ?? { version: 0, state: decider.initialState() };
      for (const row of newerOf.get(keyOf(stream)) ?? []) {
        // a gap: the missing version has not arrived; the rest waits for it
        if (row.stream_version !== version + 1) break;
        const event = JSON.parse(row.envelope) as EventEnvelope;
        try {
          state = decider.evolve(state as never, { type: event.type, data: event.data as object, schemaVersion: event.schemaVersion } as DomainEvent);
        } catch (error) {
          // an event its domain cannot fold (malformed, or forged) stops the stream's line here, never the trail's ingest
          this.runtime.logger.warn({ err: error, eventId: event.eventId, streamId: stream.streamId }, `目录无法折叠该事件 (catalog cannot fold ${event.type})`);
          break;
        }
        version = row.stream_version;
      }
      if (version > (folded.get(keyOf(stream))?.version ?? 0)) rows.push([stream, version, state]);
    }
    if (rows.length === 0) return;
    const summaries = rows.map(([stream, , state]) => CATALOGUED[stream.streamType]!(state as never));
    await manager.query(
      `INSERT INTO "audit".catalog (service, stream_type, stream_id, version, state, kind, title, units, status, status_label, number, committee_id, occurred_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::jsonb[], $6::text[], $7::text[], $8::jsonb[], $9::text[], $10::text[], $11::text[], $12::text[], $13::timestamptz[])
       ON CONFLICT (service, stream_type, stream_id) DO UPDATE SET
         version = EXCLUDED.version, state = EXCLUDED.state, kind = EXCLUDED.kind, title = EXCLUDED.title, units = EXCLUDED.units,
         status = EXCLUDED.status, status_label = EXCLUDED.status_label, number = EXCLUDED.number, committee_id = EXCLUDED.committee_id, occurred_at = EXCLUDED.occurred_at`,
      [
        rows.map(([stream]) => stream.service),
        rows.map(([stream]) => stream.streamType),
        rows.map(([stream]) => stream.streamId),
        rows.map(([, version]) => version),
        rows.map(([, , state]) => JSON.stringify(state)),
        summaries.map((summary) => summary?.kind ?? null),
        summaries.map((summary) => summary?.title ?? null),
        summaries.map((summary) => JSON.stringify(summary?.units ?? [])),
        summaries.map((summary) => summary?.status ?? null),
        summaries.map((summary) => summary?.statusLabel ?? null),
        summaries.map((summary) => summary?.number ?? null),
        summaries.map((summary) => summary?.committeeId ?? null),
        summaries.map((summary) => instantOf(summary?.date)),
      ],
    );
  }
}

/** A date as the catalog orders and filters it: an instant as it is, a day (成文日期) from its Beijing midnight. */
function instantOf(date: string | undefined): string | null {
  const instant = date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00+08:00` : date;
  return instant !== undefined && !Number.isNaN(Date.parse(instant)) ? instant : null;
}
