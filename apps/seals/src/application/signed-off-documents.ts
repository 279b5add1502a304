import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DocumentSignOffFacts } from '@oa/domain-seals';

interface Row {
  document_id: string;
  signer_id: string;
  signer_name: string;
  signed_off_at: Date;
  signed_off: boolean;
}

/** SEAL-7 / DOC-7: what the seals service knows of a document's sign-off (先签发后用印). */
@Injectable()
export class SignedOffDocuments {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A document never seen signed off is "not signed off": the rule refuses the application. */
  async signOffFacts(documentId: string): Promise<DocumentSignOffFacts> {
    const [row] = (await this.dataSource.query(
      `SELECT document_id, signer_id, signer_name, signed_off_at, signed_off FROM "seals".signed_off_documents WHERE document_id = $1`,
      [documentId],
    )) as Row[];
    if (!row?.signed_off) return { documentId, signedOff: false };
    return { documentId, signedOff: true, signerId: row.signer_id, signerName: row.signer_name, signedOffAt: row.signed_off_at.toISOString() };
  }
}
