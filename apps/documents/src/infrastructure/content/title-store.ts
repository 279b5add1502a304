import type { EntityManager } from 'typeorm';
import type { InlineProjection } from '@oa/platform';
import { titleDigestOf } from '@oa/domain-documents';

/**
 * COMMON-3 the clear title of each document, kept in this service only (ADR 0015): from 秘密 up the
 * events carry `titleDigest` instead, so this table is where the title lives. Written by the route
 * in the append's transaction (`alongside`), before the list projection reads it; never rebuilt
 * from the events (it is what they leave out), like the texts of `document_contents`.
 */
export function titleWriting(documentId: string, title: string): InlineProjection {
  return async (manager: EntityManager) => {
    await manager.query(
      `INSERT INTO "documents".document_titles (document_id, title_digest, title, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (document_id) DO UPDATE SET title_digest = EXCLUDED.title_digest, title = EXCLUDED.title, updated_at = now()`,
      [documentId, titleDigestOf(documentId, title.trim()), title.trim()],
    );
  };
}

/** The clear title whose digest an event recorded, or undefined when this service does not hold it. */
export async function storedTitle(manager: EntityManager, documentId: string, titleDigest: string): Promise<string | undefined> {
  const rows = (await manager.query(`SELECT title FROM "documents".document_titles WHERE document_id = $1 AND title_digest = $2`, [documentId, titleDigest])) as Array<{ title: string }>;
  return rows[0]?.title;
}
