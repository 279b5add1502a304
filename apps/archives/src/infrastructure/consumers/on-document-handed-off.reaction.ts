import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventEnvelope } from '@oa/core';
import { ReactionConsumer, SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import type { ArchiveComponent } from '@oa/domain-archives';
import type { IncomingDocumentHandedOffForFiling, OutgoingDocumentHandedOffForFiling } from '@oa/domain-documents';
import { bareHash, candidateItemId, formatOf, officeDateOf } from './filing-sources';
import { registerCandidate } from './register-candidate';

/**
 * COMMON-3 the title a candidate shows: in clear below 秘密; from 秘密 up (version 2 of the hand-off)
 * the event carries only the title's digest, shown as 〔涉密标题〕 and its first 12 hex digits until
 * the archivist files the item with the title read over the internal API (FILE-2).
 */
const titleShown = (data: { readonly title?: string; readonly titleDigest?: string }): string => data.title ?? `〔涉密标题〕${(data.titleDigest ?? '').slice(0, 12)}`;

/**
 * ARC-1 from `oa.documents.events`: a distributed outgoing document (核发) or a completed
 * incoming one (办结), handed off for filing, becomes a filing candidate. Content stays in the
 * documents service (COMMON-4): the 正文 is registered as component `text` with the document's
 * contentHash (SHA-256) and format `txt`, each attachment with its own hash and its name's extension.
 */
@Injectable()
export class OnDocumentHandedOffReaction extends ReactionConsumer {
  protected readonly source = 'documents';

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {
    super(runtime);
  }

  protected async react(_manager: unknown, event: EventEnvelope): Promise<void> {
    if (event.type === 'OutgoingDocumentHandedOffForFiling') {
      const data = event.data as OutgoingDocumentHandedOffForFiling['data'];
      const components: ArchiveComponent[] = [
        { componentId: `${data.documentId}:text`, role: 'text', fileName: `${data.documentNumber}.txt`, format: 'txt', hashAlgorithm: 'sha256', hash: bareHash(data.contentHash) },
        ...data.attachments.map(
          (attachment, index): ArchiveComponent => ({
            componentId: `${data.documentId}:attachment:${index + 1}`,
            role: 'attachment',
            fileName: attachment.name,
            format: formatOf(attachment.name),
            hashAlgorithm: 'sha256',
            hash: bareHash(attachment.hash),
          }),
        ),
      ];
      await registerCandidate(this.commands, event, {
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
      await registerCandidate(this.commands, event, {
        itemId: candidateItemId('documents', data.documentId),
        source: { service: 'documents', sourceId: data.documentId, sourceState: 'completed', sourceEventId: event.eventId, sourceEventHash: event.hash },
        title: titleShown(data),
        date: officeDateOf(data.receivedAt),
        secrecyLevel: data.secrecyLevel,
        responsibleParty: data.sender,
        components:
          data.contentHash === undefined
            ? []
            : [{ componentId: `${data.documentId}:text`, role: 'text', fileName: `${data.senderDocumentNumber}.txt`, format: 'txt', hashAlgorithm: 'sha256', hash: bareHash(data.contentHash) }],
      });
    }
  }
}
