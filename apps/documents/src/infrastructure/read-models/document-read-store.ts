import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentListEntry } from './document-list.entity';

/** Reads of the documents list. */
@Injectable()
export class DocumentReadStore {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  list(kind: 'outgoing' | 'incoming', filter: { readonly status?: string } = {}): Promise<DocumentListEntry[]> {
    return this.dataSource.getRepository(DocumentListEntry).find({
      where: { kind, ...(filter.status !== undefined && { status: filter.status }) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async find(id: string): Promise<DocumentListEntry | undefined> {
    return (await this.dataSource.getRepository(DocumentListEntry).findOne({ where: { id } })) ?? undefined;
  }
}
