import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import type { CatalogKind } from './catalog';
import { admits, streamLevels, type Reader } from './secrecy-levels';

export interface CatalogFilter {
  readonly kind: CatalogKind;
  readonly q?: string;
  readonly unit?: string;
  readonly status?: string;
  readonly committeeId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
}

/** One line of a list: enough to recognise the item and open its page. */
export interface CatalogEntryView {
  readonly kind: string;
  readonly streamType: string;
  readonly streamId: string;
  readonly service: string;
  readonly title: string;
  readonly units: readonly string[];
  readonly status: string;
  readonly statusLabel: string;
  readonly number: string | null;
  readonly committeeId: string | null;
  readonly date: string | null;
  readonly version: number;
}

/** 查找 seals, meetings, documents and people (and the units and committees to filter them by), most recent first. */
export class CatalogListQuery extends Query<CatalogEntryView[]> {
  constructor(
    readonly filter: CatalogFilter,
    readonly reader: Reader,
  ) {
    super();
  }
}

const DEFAULT_LIMIT = 200;

@QueryHandler(CatalogListQuery)
export class CatalogListQueryHandler implements IQueryHandler<CatalogListQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute({ filter, reader }: CatalogListQuery): Promise<CatalogEntryView[]> {
    const rows: Array<{ kind: string; stream_type: string; stream_id: string; service: string; title: string; units: string[]; status: string; status_label: string; number: string | null; committee_id: string | null; occurred_at: Date | null; version: number }> =
      await this.runtime.dataSource.query(
        `SELECT kind, stream_type, stream_id, service, title, units, status, status_label, number, committee_id, occurred_at, version FROM "audit".catalog
          WHERE kind = $1
            AND ($2::text IS NULL OR strpos(title, $2) > 0 OR strpos(coalesce(number, ''), $2) > 0 OR stream_id = $2)
            AND ($3::text IS NULL OR units @> jsonb_build_array($3::text)) AND ($4::text IS NULL OR status = $4) AND ($5::text IS NULL OR committee_id = $5)
            AND ($6::timestamptz IS NULL OR occurred_at >= $6) AND ($7::timestamptz IS NULL OR occurred_at < $7)
          ORDER BY occurred_at DESC NULLS LAST, title, stream_id LIMIT $8`,
        [filter.kind, filter.q?.trim() || null, filter.unit ?? null, filter.status ?? null, filter.committeeId ?? null, filter.from ?? null, filter.to ?? null, filter.limit ?? DEFAULT_LIMIT],
      );
    // COMMON-3 an item above the reader's clearance is not listed: its title and number are what it must not show
    const levels = await streamLevels(this.runtime.dataSource, rows.map((row) => row.stream_id));
    return rows
      .filter((row) => {
        const level = levels.get(row.stream_id);
        return level === undefined || admits(reader, level);
      })
      .map((row) => ({
        kind: row.kind,
        streamType: row.stream_type,
        streamId: row.stream_id,
        service: row.service,
        title: row.title,
        units: row.units,
        status: row.status,
        statusLabel: row.status_label,
        number: row.number,
        committeeId: row.committee_id,
        date: row.occurred_at?.toISOString() ?? null,
        version: row.version,
      }));
  }
}
