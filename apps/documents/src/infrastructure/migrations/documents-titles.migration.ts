import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * COMMON-3 the clear titles of documents, by document id, with the digest the events carry from
 * 秘密 up (ADR 0015): the title stays in this service, the topic sees the digest.
 */
export class DocumentsTitles1733050000000 implements MigrationInterface {
  readonly name = 'DocumentsTitles1733050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "documents".document_titles (
        document_id  text PRIMARY KEY,
        title_digest text NOT NULL,
        title        text NOT NULL,
        updated_at   timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "documents".document_titles`);
  }
}
