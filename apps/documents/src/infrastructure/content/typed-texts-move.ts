import { Readable } from 'node:stream';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { FILE_STORE, SERVICE_RUNTIME, openSealedText, storeFile, type FileStore, type ServiceRuntime } from '@oa/platform';
import { DOCUMENTS_SETTINGS, type DocumentsSettings } from '../documents-settings';
import { TYPED_TEXT_NAME } from '../../application/document-text';

interface KeptText {
  readonly document_id: string;
  readonly content_hash: string;
  readonly encrypted: boolean;
  readonly body: string;
}

/**
 * FILE-2 typed texts are files now (DocumentTexts). An installation that kept them in
 * `document_contents` (before 2026-12) has them moved into the file store at start, before the
 * service answers: each one at its protection, checked against the SHA-256 its events carry,
 * then deleted from the table (the service's runtime role may empty it, never drop it).
 * One replica moves them (an advisory lock); a move cut off resumes.
 */
@Injectable()
export class TypedTextsMove implements OnModuleInit {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(DOCUMENTS_SETTINGS) private readonly settings: DocumentsSettings,
  ) {}

  async onModuleInit(): Promise<void> {
    const runner = this.runtime.dataSource.createQueryRunner();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('documents typed texts move'))`);
      const [table] = (await runner.query(`SELECT to_regclass('"documents".document_contents') AS name`)) as Array<{ name: string | null }>;
      if (!table?.name) return;
      const kept = (await runner.query(`SELECT document_id, content_hash, encrypted, body FROM "documents".document_contents`)) as KeptText[];
      for (const row of kept) {
        // sealed with the document id as associated data, as the texts were kept
        const text = Buffer.from(row.encrypted ? openSealedText(this.settings.contentKey, row.document_id, row.body) : row.body, 'utf8');
        // kept: the document's events refer to it by the SHA-256 they carry
        await storeFile(this.files, Readable.from([text]), { name: TYPED_TEXT_NAME, encrypted: row.encrypted, acceptedFormats: ['txt'] }, async (file) => {
          if (file.sha256 !== row.content_hash) throw new Error(`正文 ${row.document_id} 与事件记录的摘要不符，未迁移 (typed text does not match its contentHash)`);
        });
        await runner.query(`DELETE FROM "documents".document_contents WHERE document_id = $1`, [row.document_id]);
      }
      if (kept.length > 0) this.runtime.logger.info({ texts: kept.length }, '已将正文迁入文件库 (typed texts moved into the file store)');
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('documents typed texts move'))`).catch(() => undefined);
      await runner.release();
    }
  }
}
