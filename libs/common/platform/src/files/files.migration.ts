import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FILE-1 the service's files (PostgresFileStore): one row per stored content and protection,
 * its bytes in chunks. `STORAGE EXTERNAL`: the chunks are mostly compressed formats already
 * (OFD, DOCX, PDF, scans), so PostgreSQL is spared compressing them again.
 */
export function filesMigration(schema: string): new () => MigrationInterface {
  const s = `"${schema}"`;
  return class Files1733400000000 implements MigrationInterface {
    readonly name = 'Files1733400000000';

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`
        CREATE TABLE ${s}.files (
          file_id     uuid        PRIMARY KEY,
          sha256      char(64)    NOT NULL,
          sm3         char(64),
          size        bigint      NOT NULL CHECK (size > 0),
          format      text        NOT NULL,
          media_type  text        NOT NULL,
          encrypted   boolean     NOT NULL,
          chunk_bytes integer     NOT NULL,
          stored_at   timestamptz NOT NULL DEFAULT now(),
          UNIQUE (sha256, encrypted)
        )`);
      await queryRunner.query(`
        CREATE TABLE ${s}.file_chunks (
          file_id uuid    NOT NULL REFERENCES ${s}.files (file_id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
          index   integer NOT NULL,
          bytes   bytea   NOT NULL,
          PRIMARY KEY (file_id, index)
        )`);
      await queryRunner.query(`ALTER TABLE ${s}.file_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL`);
      // COMMON-3 the clear names of classified files, whose events carry only a digest
      await queryRunner.query(`
        CREATE TABLE ${s}.file_names (
          owner_id    text     NOT NULL,
          name_digest char(64) NOT NULL,
          name        text     NOT NULL,
          PRIMARY KEY (owner_id, name_digest)
        )`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE ${s}.file_names`);
      await queryRunner.query(`DROP TABLE ${s}.file_chunks`);
      await queryRunner.query(`DROP TABLE ${s}.files`);
    }
  };
}

/**
 * FILE-1 claims (PostgresFileStore.keep/release): `pending` uploads still deciding whether an
 * event will refer to the file, `kept` once one does. Files stored before were all referred to.
 */
export function fileClaimsMigration(schema: string): new () => MigrationInterface {
  const s = `"${schema}"`;
  return class FileClaims1733500000000 implements MigrationInterface {
    readonly name = 'FileClaims1733500000000';

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`ALTER TABLE ${s}.files ADD COLUMN pending integer NOT NULL DEFAULT 0 CHECK (pending >= 0), ADD COLUMN kept boolean NOT NULL DEFAULT true`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`ALTER TABLE ${s}.files DROP COLUMN pending, DROP COLUMN kept`);
    }
  };
}

/** Every migration of a service's file store, in order. */
export const fileStoreMigrations = (schema: string): Array<new () => MigrationInterface> => [filesMigration(schema), fileClaimsMigration(schema)];
