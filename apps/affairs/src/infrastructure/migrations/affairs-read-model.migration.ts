import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The supervision list (督办台账), the instructions awaiting disposition and the information submissions per unit and period; after the event store's migration in schema `affairs`. */
export class AffairsReadModel1733500000000 implements MigrationInterface {
  readonly name = 'AffairsReadModel1733500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "affairs".supervision_tasks (
        id               text        PRIMARY KEY,
        source_kind      text        NOT NULL,
        assigner_name    text        NOT NULL,
        owner_unit       text        NOT NULL,
        responsible_name text        NOT NULL,
        requirement      text        NOT NULL,
        deadline         text        NOT NULL,
        status           text        NOT NULL,
        escalation       text,
        assigned_at      timestamptz NOT NULL,
        closed_at        timestamptz,
        late             boolean,
        version          integer     NOT NULL,
        updated_at       timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX supervision_tasks_status ON "affairs".supervision_tasks (status, deadline)`);
    await queryRunner.query(`
      CREATE TABLE "affairs".instructions (
        id          text        PRIMARY KEY,
        document_id text        NOT NULL,
        leader_name text        NOT NULL,
        text        text        NOT NULL,
        due_on      text        NOT NULL,
        status      text        NOT NULL,
        task_id     text,
        version     integer     NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "affairs".information_submissions (
        id      text PRIMARY KEY,
        unit_id text NOT NULL,
        period  text NOT NULL,
        title   text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX information_submissions_period ON "affairs".information_submissions (period, unit_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "affairs".information_submissions, "affairs".instructions, "affairs".supervision_tasks`);
  }
}
