import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { displayedFileName, type EventEnvelope } from '@oa/core';
import { ReactionConsumer, SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import type { ArchiveComponent } from '@oa/domain-archives';
import type { Attachment, DocumentFile, IncomingDocumentHandedOffForFiling, OutgoingDocumentHandedOffForFiling } from '@oa/domain-documents';
import { ArchiveComponents } from '../../application/archive-components';
import { bareHash, candidateItemId, formatOf, officeDateOf } from './filing-sources';
import { registerCandidate } from './register-candidate';

/**
 * COMMON-3 the title a candidate shows: in clear below 秘密; from 秘密 up (version 2 of the hand-off)
 * the event carries only the title's digest, shown as 〔涉密标题〕 and its first 12 hex digits until
 * the archivist files the item with the title read over the internal API (FILE-2).
 */
const titleShown = (data: { readonly title?: string; readonly titleDigest?: string }): string => data.title ?? `〔涉密标题〕${(data.titleDigest ?? '').slice(0, 12)}`;

/**
 * FILE-4 the components of a handed-off document, one item (ARC-3): its files as the documents
 * service stored them (正文, 附件, 签发稿: digest, size, format by content), the typed text when no
 * 正文 file was uploaded (its SHA-256, `txt`), and any attachment the draft only named by hash.
 */
function documentComponents(documentId: string, textName: string, contentHash: string | undefined, files: readonly DocumentFile[], named: readonly Attachment[]): ArchiveComponent[] {
  const fileComponent = (componentId: string, { role, file }: DocumentFile): ArchiveComponent => ({
    componentId,
    role,
    fileName: displayedFileName(file),
    format: file.format,
    hashAlgorithm: 'sha256',
    hash: file.sha256,
    sizeBytes: file.size,
  });
  const attachments = files.filter((entry) => entry.role === 'attachment');
  const text = files.find((entry) => entry.role === 'text');
  const signedDraft = files.find((entry) => entry.role === 'signedDraft');
  return [
    ...(text
      ? [fileComponent(`${documentId}:text`, text)]
      : contentHash === undefined
        ? []
        : [{ componentId: `${documentId}:text`, role: 'text' as const, fileName: `${textName}.txt`, format: 'txt', hashAlgorithm: 'sha256' as const, hash: bareHash(contentHash) }]),
    ...attachments.map((entry, index) => fileComponent(`${documentId}:attachment:${index + 1}`, entry)),
    ...named.map(
      (attachment, index): ArchiveComponent => ({
        componentId: `${documentId}:attachment:${attachments.length + index + 1}`,
        role: 'attachment',
        fileName: attachment.name,
        format: formatOf(attachment.name),
        hashAlgorithm: 'sha256',
        hash: bareHash(attachment.hash),
      }),
    ),
    ...(signedDraft ? [fileComponent(`${documentId}:signedDraft`, signedDraft)] : []),
  ];
}

/**
 * ARC-1 from `oa.documents.events`: a distributed outgoing document (核发) or a completed
 * incoming one (办结), handed off for filing, becomes a filing candidate, and its components are
 * copied into the archives' own store over the documents service's internal API (FILE-2, FILE-4).
 */
@Injectable()
export class OnDocumentHandedOffReaction extends ReactionConsumer {
  protected readonly source = 'documents';

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(ArchiveComponents) private readonly components: ArchiveComponents,
  ) {
    super(runtime);
  }

  protected async react(_manager: unknown, event: EventEnvelope): Promise<void> {
    if (event.type === 'OutgoingDocumentHandedOffForFiling') {
      const data = event.data as OutgoingDocumentHandedOffForFiling['data'];
      const components = documentComponents(data.documentId, data.documentNumber, data.contentHash, data.files ?? [], data.attachments);
      await registerCandidate(this.commands, this.components, event, {
        itemId: candidateItemId('documents', data.documentId),
        source: { service: 'documents', sourceId: data.documentId, sourceState: 'distributed', sourceEventId: event.eventId, sourceEventHash: event.hash },
        title: titleShown(data),
        date: data.documentDate,
        secrecyLevel: data.secrecyLevel,
        responsibleParty: [data.issuerCode, ...data.coIssuers].join('、'),
        components,
      });
    } else if (event.type === 'IncomingDocumentHandedOffForFiling') {
      const data = event.data as IncomingDocumentHandedOffForFiling['data'];
      await registerCandidate(this.commands, this.components, event, {
        itemId: candidateItemId('documents', data.documentId),
        source: { service: 'documents', sourceId: data.documentId, sourceState: 'completed', sourceEventId: event.eventId, sourceEventHash: event.hash },
        title: titleShown(data),
        date: officeDateOf(data.receivedAt),
        secrecyLevel: data.secrecyLevel,
        responsibleParty: data.sender,
        components: documentComponents(data.documentId, data.senderDocumentNumber, data.contentHash, data.files ?? [], []),
      });
    }
  }
}
