import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { InlineProjection } from '@oa/platform';
import { isClassified, type SecrecyLevel } from '@oa/domain-documents';
import { DOCUMENTS_SETTINGS, type DocumentsSettings } from '../documents-settings';

export interface StoredContent {
  readonly contentHash: string;
  readonly content: string;
}

/** SHA-256 of the UTF-8 text: what the events carry instead of the text (COMMON-4). */
export const contentHashOf = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The text of documents, by document id, outside the event stream. From 秘密 (mimi) up it is
 * stored encrypted with AES-256-GCM (random 12-byte IV, the document id as associated data):
 * `v1:<iv>:<tag>:<ciphertext>` in base64.
 */
@Injectable()
export class ContentStore {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DOCUMENTS_SETTINGS) settings: DocumentsSettings,
  ) {
    this.key = settings.contentKey;
  }

  private readonly key: Buffer;

  /**
   * Writes the text in the same transaction as the events that carry its hash (`alongside`).
   * Without a level (a recheck: the level was fixed at drafting) it is the document's on its list row.
   */
  writing(documentId: string, text: string, secrecyLevel?: SecrecyLevel): InlineProjection {
    return async (manager: EntityManager) => {
      const [listed] = secrecyLevel ? [] : ((await manager.query(`SELECT secrecy_level FROM "documents".document_list WHERE id = $1`, [documentId])) as Array<{ secrecy_level: SecrecyLevel }>);
      // COMMON-4 a level not found is taken as classified: the text is never stored in the clear by mistake
      const encrypted = isClassified(secrecyLevel ?? listed?.secrecy_level ?? 'juemi');
      const body = encrypted ? this.encrypt(documentId, text) : text;
      await manager.query(
        `INSERT INTO "documents".document_contents (document_id, content_hash, encrypted, body, updated_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (document_id) DO UPDATE SET content_hash = EXCLUDED.content_hash, encrypted = EXCLUDED.encrypted, body = EXCLUDED.body, updated_at = now()`,
        [documentId, contentHashOf(text), encrypted, body],
      );
    };
  }

  async read(documentId: string): Promise<StoredContent | undefined> {
    const rows: Array<{ content_hash: string; encrypted: boolean; body: string }> = await this.dataSource.query(
      `SELECT content_hash, encrypted, body FROM "documents".document_contents WHERE document_id = $1`,
      [documentId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { contentHash: row.content_hash, content: row.encrypted ? this.decrypt(documentId, row.body) : row.body };
  }

  private encrypt(documentId: string, text: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(documentId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
  }

  private decrypt(documentId: string, body: string): string {
    const [, iv, tag, ciphertext] = body.split(':') as [string, string, string, string];
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(documentId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
  }
}
