import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 目录: each catalogued stream's folded state and the summary the console's lists filter on
 * (kind, title, units, status, number, committee, date). A read model: rebuilt from the trail,
 * never part of what a checkpoint signs.
 */
export class AuditCatalog1733400000000 implements MigrationInterface {
  readonly name = 'AuditCatalog1733400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit".catalog (
        service      text        NOT NULL,
        stream_type  text        NOT NULL,
        stream_id    text        NOT NULL,
        version      int         NOT NULL,
        state        jsonb       NOT NULL,
        kind         text,
        title        text,
        units        jsonb       NOT NULL DEFAULT '[]',
        status       text,
        status_label text,
        number       text,
        committee_id text,
        occurred_at  timestamptz,
        PRIMARY KEY (service, stream_type, stream_id)
      )`);
    await queryRunner.query(`CREATE INDEX catalog_kind ON "audit".catalog (kind, occurred_at)`);
    await queryRunner.query(`CREATE INDEX catalog_units ON "audit".catalog USING gin (units)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit".catalog`);
  }
}
