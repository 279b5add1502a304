import type { EntityManager } from 'typeorm';
import { fold, type EventEnvelope } from '@oa/core';
import { EventStore, UpcasterRegistry, type InlineProjection } from '@oa/platform';
import {
  displayedTitle,
  documentsUpcasters,
  incomingDocumentDecider,
  outgoingDocumentDecider,
  type IncomingDocumentEvent,
  type OutgoingDocumentEvent,
  type RecordedTitle,
} from '@oa/domain-documents';
import { incomingNumberOf } from '../../application/document-number.allocator';
import { storedTitle } from '../content/title-store';
import type { DocumentListEntry } from './document-list.entity';

/** The people an event names: they are on the document's handling list from then on (COMMON-3). */
const PERSON_KEYS = ['drafterId', 'revisedById', 'reviewerId', 'signerId', 'checkerId', 'returnedToSignerId', 'proposedById', 'leaderId', 'handlerId', 'chaserId', 'readerId'];

/** COMMON-3 the readers an event names: user ids named with a draft, or a circulation's `{readerId}`. */
function readersOf(data: Record<string, unknown>): string[] {
  if (!Array.isArray(data['readers'])) return [];
  return (data['readers'] as unknown[]).map((reader) => (typeof reader === 'string' ? reader : (reader as { readerId?: unknown } | null)?.readerId)).filter((id): id is string => typeof id === 'string');
}

function peopleOf(envelope: EventEnvelope): string[] {
  const data = envelope.data as Record<string, unknown>;
  const named = PERSON_KEYS.map((key) => data[key]).filter((value): value is string => typeof value === 'string');
  return [envelope.metadata.actor.id, ...named, ...readersOf(data)];
}

const asEvent = <E>(envelope: EventEnvelope): E => ({ type: envelope.type, data: envelope.data, schemaVersion: envelope.schemaVersion }) as E;

type ListedRow = Pick<DocumentListEntry, 'kind' | 'status' | 'secrecyLevel' | 'documentNumber'> & { readonly recorded: RecordedTitle };

function rowOf(history: readonly EventEnvelope[]): ListedRow | undefined {
  if (history[0]?.streamType === 'outgoingDocument') {
    const state = fold(outgoingDocumentDecider, history.map(asEvent<OutgoingDocumentEvent>));
    if (state.status === 'empty') return undefined;
    const registration = 'registration' in state ? state.registration : undefined;
    return { kind: 'outgoing', recorded: state.content, status: state.status, secrecyLevel: state.content.secrecyLevel, documentNumber: registration?.documentNumber ?? null };
  }
  const state = fold(incomingDocumentDecider, history.map(asEvent<IncomingDocumentEvent>));
  if (state.status === 'empty') return undefined;
  const documentNumber = state.incomingNumber ? incomingNumberOf(state.incomingNumber.year, state.incomingNumber.sequence) : null;
  return { kind: 'incoming', recorded: state, status: state.status, secrecyLevel: state.secrecyLevel, documentNumber };
}

/**
 * The documents list (发文 / 收文 台账), a function of the events alone (COMMON-3: the readers
 * named at drafting are in the events), so `oa rebuild-read-model` rebuilds it. Each touched
 * stream is folded again in the append's transaction (its new events are visible there) and its
 * row rewritten; the need-to-know list only grows.
 */
export const documentListProjection: InlineProjection = async (manager: EntityManager, events: readonly EventEnvelope[]) => {
  const store = new EventStore(manager.connection, 'documents', 'sha256', new UpcasterRegistry(documentsUpcasters));
  const streams = [...new Set(events.filter((e) => e.streamType === 'outgoingDocument' || e.streamType === 'incomingDocument').map((e) => e.streamId))];
  for (const streamId of streams) {
    const history = await store.readStream(streamId, {}, manager);
    const first = history[0];
    const last = history.at(-1);
    const row = rowOf(history);
    if (!first || !last || !row) continue;
    // COMMON-3 from 秘密 up the events hold the title's digest: the clear title is this service's own
    const title = row.recorded.title ?? (row.recorded.titleDigest !== undefined ? await storedTitle(manager, streamId, row.recorded.titleDigest) : undefined) ?? displayedTitle(row.recorded);
    const people = [...new Set(events.filter((e) => e.streamId === streamId).flatMap(peopleOf))];
    await manager.query(
      `INSERT INTO "documents".document_list (id, kind, title, status, secrecy_level, document_number, version, need_to_know, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title, status = EXCLUDED.status, secrecy_level = EXCLUDED.secrecy_level,
         document_number = EXCLUDED.document_number, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at,
         need_to_know = ARRAY(SELECT DISTINCT unnest(document_list.need_to_know || EXCLUDED.need_to_know))`,
      [streamId, row.kind, title, row.status, row.secrecyLevel, row.documentNumber, last.streamVersion, people, new Date(first.recordedAt), new Date(last.recordedAt)],
    );
  }
};
