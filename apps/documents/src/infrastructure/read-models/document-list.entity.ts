import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The documents list (发文 / 收文 台账): one row per document, kept by the inline projection. */
@Entity({ schema: 'documents', name: 'document_list' })
export class DocumentListEntry {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  kind!: 'outgoing' | 'incoming';

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'secrecy_level', type: 'text' })
  secrecyLevel!: string;

  @Column({ name: 'document_number', type: 'text', nullable: true })
  documentNumber!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  /** COMMON-3: who handled it (every actor of its events, the people its events name, the draft's readers). */
  @Column({ name: 'need_to_know', type: 'text', array: true })
  needToKnow!: string[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
