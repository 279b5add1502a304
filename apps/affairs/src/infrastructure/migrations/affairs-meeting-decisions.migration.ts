import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The meetings' decisions recorded for supervision (SUP-1), and each task's source (the decision's item or the instruction) on its line. */
export class AffairsMeetingDecisions1733600000000 implements MigrationInterface {
  readonly name = 'AffairsMeetingDecisions1733600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "affairs".meeting_decisions (
        id          text        PRIMARY KEY,
        meeting_id  text        NOT NULL,
        item_id     text        NOT NULL,
        title       text        NOT NULL,
        outcome     text        NOT NULL,
        chair_name  text        NOT NULL,
        decided_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(`ALTER TABLE "affairs".supervision_tasks ADD COLUMN source_ref text`);
    await queryRunner.query(`CREATE INDEX supervision_tasks_source ON "affairs".supervision_tasks (source_ref)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "affairs".supervision_tasks DROP COLUMN source_ref`);
    await queryRunner.query(`DROP TABLE "affairs".meeting_decisions`);
  }
}
