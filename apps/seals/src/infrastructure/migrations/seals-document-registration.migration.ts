import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SEAL-7: what the seals service knows of a document's registration (the number, the copies
 * and the impressions per copy, from the documents topic), and, per application, the document it
 * references and the impressions it holds and has used, so the facts loader sums them per document.
 * Rows written before this migration get their document and counts on `oa rebuild-read-model`.
 */
export class SealsDocumentRegistration1733000000000 implements MigrationInterface {
  readonly name = 'SealsDocumentRegistration1733000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "seals".signed_off_documents
        ADD COLUMN document_number      text,
        ADD COLUMN copies               integer,
        ADD COLUMN impressions_per_copy integer,
        ADD COLUMN registered_at        timestamptz`);
    await queryRunner.query(`
      ALTER TABLE "seals".seal_usage_applications
        ADD COLUMN document_id          text,
        ADD COLUMN impressions          integer NOT NULL DEFAULT 0,
        ADD COLUMN approved_impressions integer NOT NULL DEFAULT 0,
        ADD COLUMN used_impressions     integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`CREATE INDEX seal_usage_applications_document ON "seals".seal_usage_applications (document_id, status) WHERE document_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "seals".seal_usage_applications_document`);
    await queryRunner.query(`ALTER TABLE "seals".seal_usage_applications DROP COLUMN document_id, DROP COLUMN impressions, DROP COLUMN approved_impressions, DROP COLUMN used_impressions`);
    await queryRunner.query(`ALTER TABLE "seals".signed_off_documents DROP COLUMN document_number, DROP COLUMN copies, DROP COLUMN impressions_per_copy, DROP COLUMN registered_at`);
  }
}
