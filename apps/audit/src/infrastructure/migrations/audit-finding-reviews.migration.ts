import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Findings gain what auditors filter by (the services and units of the proving events, the
 * instant of the latest one) and the annotations of their review (its events are in the
 * audit service's own store; this is their read model).
 */
export class AuditFindingReviews1733200000000 implements MigrationInterface {
  readonly name = 'AuditFindingReviews1733200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "audit".findings
        ADD COLUMN services    text[]      NOT NULL DEFAULT '{}',
        ADD COLUMN units       text[]      NOT NULL DEFAULT '{}',
        ADD COLUMN occurred_at timestamptz,
        ADD COLUMN annotations jsonb       NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`CREATE INDEX findings_occurred ON "audit".findings (occurred_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "audit".findings_occurred`);
    await queryRunner.query(`ALTER TABLE "audit".findings DROP COLUMN services, DROP COLUMN units, DROP COLUMN occurred_at, DROP COLUMN annotations`);
  }
}
