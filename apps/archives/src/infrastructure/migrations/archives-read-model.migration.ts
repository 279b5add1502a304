import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The catalogue (candidates and items) and the open loans; runs after the event store's migration in schema `archives`. */
export class ArchivesReadModel1732800000000 implements MigrationInterface {
  readonly name = 'ArchivesReadModel1732800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "archives".archive_items (
        id                text        PRIMARY KEY,
        status            text        NOT NULL,
        source_service    text        NOT NULL,
        source_id         text        NOT NULL,
        title             text        NOT NULL,
        date              text        NOT NULL,
        secrecy_level     text        NOT NULL,
        archival_code     text        UNIQUE,
        year              integer,
        retention         text,
        organisation_code text,
        late              boolean     NOT NULL DEFAULT false,
        filed_at          timestamptz,
        transfer_id       text,
        version           integer     NOT NULL,
        registered_at     timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX archive_items_catalogue ON "archives".archive_items (status, year, retention, organisation_code)`);
    await queryRunner.query(`CREATE INDEX archive_items_transfer ON "archives".archive_items (transfer_id)`);
    await queryRunner.query(`
      CREATE TABLE "archives".archive_loans (
        item_id  text        NOT NULL,
        loan_id  text        NOT NULL,
        due_at   timestamptz NOT NULL,
        out      boolean     NOT NULL DEFAULT false,
        overdue  boolean     NOT NULL DEFAULT false,
        PRIMARY KEY (item_id, loan_id)
      )`);
    await queryRunner.query(`CREATE INDEX archive_loans_due ON "archives".archive_loans (out, overdue, due_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "archives".archive_loans, "archives".archive_items`);
  }
}
