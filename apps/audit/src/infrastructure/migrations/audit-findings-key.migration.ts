import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A finding computed by the detectors is stored once: its key is the rule and its proving events. */
export class AuditFindingsKey1733100000000 implements MigrationInterface {
  readonly name = 'AuditFindingsKey1733100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit".findings ADD COLUMN finding_key text`);
    await queryRunner.query(`CREATE UNIQUE INDEX findings_key ON "audit".findings (finding_key) WHERE finding_key IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "audit".findings_key`);
    await queryRunner.query(`ALTER TABLE "audit".findings DROP COLUMN finding_key`);
  }
}
