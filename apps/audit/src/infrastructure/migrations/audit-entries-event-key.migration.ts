import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One index on the entries' event ids instead of two: the uniqueness key leads with the event id,
 * so it also answers the lookups by event id alone (the ingest's known-entries check, proofs).
 * Every ingested entry wrote both; at a million entries their pages no longer fit in memory and
 * the rebuild slowed (issue 9, figure 5).
 */
export class AuditEntriesEventKey1733300000000 implements MigrationInterface {
  readonly name = 'AuditEntriesEventKey1733300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit".entries ADD CONSTRAINT entries_event_service_key UNIQUE (event_id, service)`);
    await queryRunner.query(`ALTER TABLE "audit".entries DROP CONSTRAINT entries_service_event_id_key`);
    await queryRunner.query(`DROP INDEX "audit".entries_event`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX entries_event ON "audit".entries (event_id)`);
    await queryRunner.query(`ALTER TABLE "audit".entries ADD CONSTRAINT entries_service_event_id_key UNIQUE (service, event_id)`);
    await queryRunner.query(`ALTER TABLE "audit".entries DROP CONSTRAINT entries_event_service_key`);
  }
}
