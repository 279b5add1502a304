import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which seal usage application stamps which outgoing document, learnt from `oa.seals.events` (DOC-7). */
export class DocumentsSealApplications1732800000000 implements MigrationInterface {
  readonly name = 'DocumentsSealApplications1732800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "documents".seal_applications (
        application_id text PRIMARY KEY,
        document_id    text NOT NULL,
        seal_id        text NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "documents".seal_applications`);
  }
}
