import type { EntityManager } from 'typeorm';
import { fold, type EventEnvelope } from '@oa/core';
import type { EventStore, InlineProjection } from '@oa/platform';
import {
  incomingDocumentDecider,
  outgoingDocumentDecider,
  type IncomingDocumentEvent,
  type OutgoingDocumentEvent,
} from '@oa/domain-documents';
import { incomingNumberOf } from '../../application/document-numbers';
import { DocumentListEntry } from './document-list.entity';

/** The people an event names: they are on the document's handling list from then on (COMMON-3). */
const PERSON_KEYS = ['drafterId', 'revisedById', 'reviewerId', 'signerId', 'checkerId', 'returnedToSignerId', 'proposedById', 'leaderId', 'handlerId', 'chaserId', 'readerId'];

function peopleOf(envelope: EventEnvelope): string[] {
  const data = envelope.data as Record<string, unknown>;
  const named = PERSON_KEYS.map((key) => data[key]).filter((value): value is string => typeof value === 'string');
  const readers = Array.isArray(data['readers']) ? (data['readers'] as Array<{ readerId?: unknown }>).map((r) => r.readerId).filter((id): id is string => typeof id === 'string') : [];
  return [envelope.metadata.actor.id, ...named, ...readers];
}

const asEvent = <E>(envelope: EventEnvelope): E => ({ type: envelope.type, data: envelope.data, schemaVersion: envelope.schemaVersion }) as E;

/**
 * Keeps the documents list in the append's transaction: each touched stream is folded again
 * (the new events are visible in the transaction) and its row rewritten; the need-to-know
 * list only grows. `readers` are the extra readers named at drafting.
 */
export const documentListProjection =
  (store: EventStore, readers: readonly string[] = []): InlineProjection =>
  async (manager: EntityManager, events: readonly EventEnvelope[]) => {
    const repository = manager.getRepository(DocumentListEntry);
    const streams = [...new Set(events.filter((e) => e.streamType === 'outgoingDocument' || e.streamType === 'incomingDocument').map((e) => e.streamId))];
    for (const streamId of streams) {
      const history = await store.readStream(streamId, {}, manager);
      const first = history[0];
      const last = history.at(-1);
      if (!first || !last) continue;
      const existing = await repository.findOne({ where: { id: streamId } });
      const people = new Set([...(existing?.needToKnow ?? []), ...readers, ...events.filter((e) => e.streamId === streamId).flatMap(peopleOf)]);
      let row: Pick<DocumentListEntry, 'kind' | 'title' | 'status' | 'secrecyLevel' | 'documentNumber'>;
      if (first.streamType === 'outgoingDocument') {
        const state = fold(outgoingDocumentDecider, history.map(asEvent<OutgoingDocumentEvent>));
        if (state.status === 'empty') continue;
        const registration = 'registration' in state ? state.registration : undefined;
        row = { kind: 'outgoing', title: state.content.title, status: state.status, secrecyLevel: state.content.secrecyLevel, documentNumber: registration?.documentNumber ?? null };
      } else {
        const state = fold(incomingDocumentDecider, history.map(asEvent<IncomingDocumentEvent>));
        if (state.status === 'empty') continue;
        row = {
          kind: 'incoming',
          title: state.title,
          status: state.status,
          secrecyLevel: state.secrecyLevel,
          documentNumber: state.incomingNumber ? incomingNumberOf(state.incomingNumber.year, state.incomingNumber.sequence) : null,
        };
      }
      await repository.upsert(
        { id: streamId, ...row, version: last.streamVersion, needToKnow: [...people], createdAt: new Date(first.recordedAt), updatedAt: new Date(last.recordedAt) },
        ['id'],
      );
    }
  };
