import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DOC-10 the handling deadlines of incoming documents in handling, for the reminder job: the
 * deadline (`YYYY-MM-DD`, UTC+8, compared as text) and the deadline a reminder / an escalation
 * was last raised for. A completed document's row is deleted.
 */
export class DocumentsIncomingDeadlines1732900000000 implements MigrationInterface {
  readonly name = 'DocumentsIncomingDeadlines1732900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "documents".incoming_deadlines (
        document_id   text PRIMARY KEY,
        deadline      text NOT NULL,
        reminded_for  text,
        escalated_for text
      )`);
    await queryRunner.query(`CREATE INDEX incoming_deadlines_due ON "documents".incoming_deadlines (deadline)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "documents".incoming_deadlines`);
  }
}
