import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The seals list read model; runs after the event store's migration in schema `seals`. */
export class SealsReadModel1732500000000 implements MigrationInterface {
  readonly name = 'SealsReadModel1732500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "seals".seals (
        id            text        PRIMARY KEY,
        name          text        NOT NULL,
        kind          text        NOT NULL,
        owning_unit   text        NOT NULL,
        status        text        NOT NULL,
        keeper_id     text,
        keeper_name   text,
        version       integer     NOT NULL,
        registered_at timestamptz NOT NULL,
        updated_at    timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX seals_filter ON "seals".seals (owning_unit, kind, status)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "seals".seals`);
  }
}
