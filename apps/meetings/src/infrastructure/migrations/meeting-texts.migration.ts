import type { MigrationInterface, QueryRunner } from 'typeorm';

/** MTG-10 / COMMON-4 the texts of classified meetings and minutes, encrypted, beside their streams (MeetingTexts). */
export class MeetingTexts1733200000000 implements MigrationInterface {
  readonly name = 'MeetingTexts1733200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "meetings".meeting_texts (
        meeting_id text        NOT NULL,
        digest     text        NOT NULL,
        body       text        NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (meeting_id, digest)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "meetings".meeting_texts`);
  }
}
