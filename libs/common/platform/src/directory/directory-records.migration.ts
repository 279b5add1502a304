import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory's events as this service received them from `oa.directory.events` (DIR-4): the
 * access guard answers "who may do what now" from them. Shared by the service's replicas; each
 * keeps them in memory and reads what its peers stored.
 */
export function directoryRecordsMigration(schema: string): new () => MigrationInterface {
  const s = `"${schema}"`;
  return class DirectoryRecords1733300000000 implements MigrationInterface {
    readonly name = 'DirectoryRecords1733300000000';

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`
        CREATE TABLE ${s}.directory_records (
          position    bigserial   PRIMARY KEY,
          event_id    uuid        NOT NULL UNIQUE,
          stream_type text        NOT NULL,
          stream_id   text        NOT NULL,
          type        text        NOT NULL,
          data        jsonb       NOT NULL,
          recorded_at timestamptz NOT NULL,
          received_at timestamptz NOT NULL DEFAULT clock_timestamp()
        )`);
      await queryRunner.query(`CREATE INDEX directory_records_received ON ${s}.directory_records (received_at)`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE ${s}.directory_records`);
    }
  };
}
