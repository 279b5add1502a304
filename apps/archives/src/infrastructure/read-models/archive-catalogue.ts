import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface CatalogueFilter {
  readonly year?: number;
  readonly retention?: string;
  readonly organisation?: string;
  /** Words of the title (题名), each must occur. */
  readonly title?: string;
  readonly secrecyLevel?: string;
}

export interface CatalogueRow {
  readonly id: string;
  readonly status: string;
  readonly sourceService: string;
  readonly sourceId: string;
  readonly title: string;
  readonly date: string;
  readonly secrecyLevel: string;
  readonly archivalCode?: string;
  readonly year?: number;
  readonly retention?: string;
  readonly organisationCode?: string;
  readonly late: boolean;
  readonly filedAt?: string;
  readonly transferId?: string;
  readonly version: number;
}

interface Row {
  id: string;
  status: string;
  source_service: string;
  source_id: string;
  title: string;
  date: string;
  secrecy_level: string;
  archival_code: string | null;
  year: number | null;
  retention: string | null;
  organisation_code: string | null;
  late: boolean;
  filed_at: Date | null;
  transfer_id: string | null;
  version: number;
}

const COLUMNS = 'id, status, source_service, source_id, title, date, secrecy_level, archival_code, year, retention, organisation_code, late, filed_at, transfer_id, version';

const toRow = (row: Row): CatalogueRow => ({
  id: row.id,
  status: row.status,
  sourceService: row.source_service,
  sourceId: row.source_id,
  title: row.title,
  date: row.date,
  secrecyLevel: row.secrecy_level,
  ...(row.archival_code !== null && { archivalCode: row.archival_code }),
  ...(row.year !== null && { year: row.year }),
  ...(row.retention !== null && { retention: row.retention }),
  ...(row.organisation_code !== null && { organisationCode: row.organisation_code }),
  late: row.late,
  ...(row.filed_at !== null && { filedAt: row.filed_at.toISOString() }),
  ...(row.transfer_id !== null && { transferId: row.transfer_id }),
  version: row.version,
});

/** Reads of the archives schema that are not one stream: candidates, catalogue, loans due. */
@Injectable()
export class ArchiveCatalogue {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async candidates(): Promise<CatalogueRow[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM "archives".archive_items WHERE status = 'candidate' ORDER BY registered_at, id`);
    return rows.map(toRow);
  }

  /** 档案目录: filed, destroyed (metadata kept) and transferred items, in archival code order. */
  async catalogue(filter: CatalogueFilter): Promise<CatalogueRow[]> {
    const conditions = ['archival_code IS NOT NULL'];
    const parameters: unknown[] = [];
    const where = (condition: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(condition(`$${parameters.length}`));
    };
    if (filter.year !== undefined) where((p) => `year = ${p}`, filter.year);
    if (filter.retention !== undefined) where((p) => `retention = ${p}`, filter.retention);
    if (filter.organisation !== undefined) where((p) => `organisation_code = ${p}`, filter.organisation);
    if (filter.secrecyLevel !== undefined) where((p) => `secrecy_level = ${p}`, filter.secrecyLevel);
    for (const word of (filter.title ?? '').split(/\s+/).filter(Boolean)) {
      where((p) => `strpos(title, ${p}) > 0`, word);
    }
    const rows: Row[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM "archives".archive_items WHERE ${conditions.join(' AND ')} ORDER BY archival_code`, parameters);
    return rows.map(toRow);
  }

  async byArchivalCode(archivalCode: string): Promise<string | undefined> {
    const [row] = (await this.dataSource.query(`SELECT id FROM "archives".archive_items WHERE archival_code = $1`, [archivalCode])) as Array<{ id: string }>;
    return row?.id;
  }

  /** ARC-3: the items filed after the deadline of their year. */
  async lateFilings(): Promise<CatalogueRow[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM "archives".archive_items WHERE late AND archival_code IS NOT NULL ORDER BY archival_code`);
    return rows.map(toRow);
  }

  async itemsOfTransfer(transferId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM "archives".archive_items WHERE transfer_id = $1 ORDER BY archival_code`, [transferId]);
    return rows.map((row) => row.id);
  }

  /** ARC-5: items with an approved loan past its due date not yet marked overdue. */
  async itemsWithLoansOverdue(now: Date): Promise<string[]> {
    const rows: Array<{ item_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT item_id FROM "archives".archive_loans WHERE out AND NOT overdue AND due_at < $1 ORDER BY item_id`,
      [now],
    );
    return rows.map((row) => row.item_id);
  }
}
