import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The meetings list and the supervision list read models; runs after the event store's migration in schema `meetings`. */
export class MeetingsReadModel1732600000000 implements MigrationInterface {
  readonly name = 'MeetingsReadModel1732600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "meetings".supervision_tasks (
        id              text        PRIMARY KEY,
        meeting_id      text        NOT NULL,
        item_id         text        NOT NULL,
        description     text        NOT NULL,
        owner_unit      text        NOT NULL,
        owner_person_id text,
        deadline        text        NOT NULL,
        status          text        NOT NULL,
        last_progress   text,
        version         integer     NOT NULL,
        created_at      timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX supervision_tasks_owner_status ON "meetings".supervision_tasks (owner_unit, status)`);
    await queryRunner.query(`
      CREATE TABLE "meetings".meetings (
        id           text        PRIMARY KEY,
        committee_id text        NOT NULL,
        kind         text        NOT NULL,
        title        text        NOT NULL,
        status       text        NOT NULL,
        place        text        NOT NULL,
        chair_id     text        NOT NULL,
        recorder_id  text        NOT NULL,
        starts_at    timestamptz NOT NULL,
        ends_at      timestamptz NOT NULL,
        version      integer     NOT NULL,
        updated_at   timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX meetings_filter ON "meetings".meetings (committee_id, status, starts_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "meetings".meetings`);
    await queryRunner.query(`DROP TABLE "meetings".supervision_tasks`);
  }
}
