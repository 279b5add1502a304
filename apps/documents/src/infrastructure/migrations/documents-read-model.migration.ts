import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The documents list read model and the content store; runs after the event store's
 * migration in schema `documents`. Content lives here only: events carry its hash (COMMON-4).
 */
export class DocumentsReadModel1732600000000 implements MigrationInterface {
  readonly name = 'DocumentsReadModel1732600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "documents".document_list (
        id             text        PRIMARY KEY,
        kind           text        NOT NULL,
        title          text        NOT NULL,
        status         text        NOT NULL,
        secrecy_level  text        NOT NULL,
        document_number text,
        version        integer     NOT NULL,
        need_to_know   text[]      NOT NULL DEFAULT '{}',
        created_at     timestamptz NOT NULL,
        updated_at     timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX document_list_kind ON "documents".document_list (kind, created_at)`);
    await queryRunner.query(`
      CREATE TABLE "documents".document_contents (
        document_id  text        PRIMARY KEY,
        content_hash text        NOT NULL,
        encrypted    boolean     NOT NULL,
        body         text        NOT NULL,
        updated_at   timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "documents".document_contents`);
    await queryRunner.query(`DROP TABLE "documents".document_list`);
  }
}
