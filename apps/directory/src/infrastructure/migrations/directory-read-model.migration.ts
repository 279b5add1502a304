import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory's read models, after the event store's migration in schema `directory`: units
 * and people (each row the stream's folded state, by the domain's own evolve), the holders of
 * each post (a `single` post has one row at most: two concurrent assignments cannot both
 * commit), and the indexes the facts loaders' reads of the events use.
 */
export class DirectoryReadModel1733000000000 implements MigrationInterface {
  readonly name = 'DirectoryReadModel1733000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "directory".units (
        unit_id        text        PRIMARY KEY,
        code           text        NOT NULL,
        name           text        NOT NULL,
        parent_unit_id text,
        status         text        NOT NULL,
        state          jsonb       NOT NULL,
        version        integer     NOT NULL,
        updated_at     timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX units_parent ON "directory".units (parent_unit_id)`);
    await queryRunner.query(`
      CREATE TABLE "directory".people (
        person_id    text        PRIMARY KEY,
        name         text        NOT NULL,
        home_unit_id text        NOT NULL,
        status       text        NOT NULL,
        unit_ids     text[]      NOT NULL,
        state        jsonb       NOT NULL,
        version      integer     NOT NULL,
        updated_at   timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX people_units ON "directory".people USING gin (unit_ids)`);
    await queryRunner.query(`
      CREATE TABLE "directory".post_holders (
        unit_id     text    NOT NULL,
        post_id     text    NOT NULL,
        person_id   text    NOT NULL,
        identity_id text    NOT NULL,
        single      boolean NOT NULL,
        PRIMARY KEY (unit_id, post_id, person_id)
      )`);
    // "the service assigns one post at a time" (libs/domain/directory README): a second holder of a single post does not commit
    await queryRunner.query(`CREATE UNIQUE INDEX post_holders_single_holder ON "directory".post_holders (unit_id, post_id) WHERE single`);
    // the facts loaders' reads: a post's assignments, the delegations to a deputy
    await queryRunner.query(`CREATE INDEX events_post_assigned ON "directory".events ((data->>'unitId'), (data->>'postId')) WHERE type = 'PostAssigned'`);
    await queryRunner.query(`CREATE INDEX events_duty_delegated ON "directory".events ((data->>'deputyId')) WHERE type = 'DutyDelegated'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "directory".events_duty_delegated`);
    await queryRunner.query(`DROP INDEX "directory".events_post_assigned`);
    await queryRunner.query(`DROP TABLE "directory".post_holders`);
    await queryRunner.query(`DROP TABLE "directory".people`);
    await queryRunner.query(`DROP TABLE "directory".units`);
  }
}
