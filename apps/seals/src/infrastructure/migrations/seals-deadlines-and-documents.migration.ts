import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the scheduled jobs and SEAL-7 read: checkout deadlines on the seals list, the
 * applications' expiry, and the signed-off documents learnt from the documents topic.
 */
export class SealsDeadlinesAndDocuments1732700000000 implements MigrationInterface {
  readonly name = 'SealsDeadlinesAndDocuments1732700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "seals".seals
        ADD COLUMN checkout_id              text,
        ADD COLUMN checkout_expected_return timestamptz,
        ADD COLUMN checked_out              boolean NOT NULL DEFAULT false,
        ADD COLUMN checkout_overdue         boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      CREATE TABLE "seals".seal_usage_applications (
        id         text        PRIMARY KEY,
        seal_id    text        NOT NULL,
        status     text        NOT NULL,
        expires_at timestamptz,
        version    integer     NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX seal_usage_applications_due ON "seals".seal_usage_applications (status, expires_at)`);
    await queryRunner.query(`
      CREATE TABLE "seals".signed_off_documents (
        document_id   text        PRIMARY KEY,
        title         text        NOT NULL,
        signer_id     text        NOT NULL,
        signer_name   text        NOT NULL,
        signed_off_at timestamptz NOT NULL,
        signed_off    boolean     NOT NULL,
        updated_at    timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "seals".signed_off_documents, "seals".seal_usage_applications`);
    await queryRunner.query(`ALTER TABLE "seals".seals DROP COLUMN checkout_id, DROP COLUMN checkout_expected_return, DROP COLUMN checked_out, DROP COLUMN checkout_overdue`);
  }
}
