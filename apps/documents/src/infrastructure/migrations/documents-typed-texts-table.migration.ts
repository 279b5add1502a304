import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FILE-2 typed texts are files: `document_contents` goes when it holds nothing (every fresh
 * install). One that still holds texts stays for TypedTextsMove, which the service runs at
 * start as its runtime role: that role may empty the table but never drop it.
 */
export class DocumentsTypedTextsTable1764900000000 implements MigrationInterface {
  name = 'DocumentsTypedTextsTable1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$ BEGIN
        IF to_regclass('"documents".document_contents') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents".document_contents) THEN
          DROP TABLE "documents".document_contents;
        END IF;
      END $$`);
  }

  async down(): Promise<void> {
    // the texts are in the file store: nothing comes back into the table
  }
}
