import type { Actor } from '@oa/core';
import { documentEvent } from '../document-event';
import { recordedTitle } from '../document-title';
import type { Urgency } from '../document.vocabulary';
import type { IncomingDocumentCommand } from './incoming-document.commands';
import type {
  IncomingDocumentEvent,
  IncomingDocumentHandlingAssigned,
  IncomingDocumentReceived,
} from './incoming-document.events';

export const DOCUMENT_ID = 'in-1';
/** 2024-07-01 10:00 Beijing time, a Monday. */
export const NOW = '2024-07-01T02:00:00.000Z';

/** 10:00 Beijing time on the given date. */
export const at = (date: string) => `${date}T02:00:00.000Z`;

export const actors = {
  registrar: { id: 'u-registrar', name: '刘收发', roles: ['registrar'], orgUnit: 'BGS' },
  officeDirector: { id: 'u-director', name: '吴主任', roles: ['officeDirector'], orgUnit: 'BGS' },
  leader: { id: 'u-leader', name: '张县长', roles: ['leader', 'signer'] },
  handler: { id: 'u-handler', name: '陈承办', roles: ['handler'], orgUnit: 'CZJ' },
  scheduler: { id: 'system-scheduler', name: '定时任务', roles: [] },
  readerA: { id: 'u-reader-a', name: '赵阅', roles: ['leader'], clearance: 'jimi' },
  readerB: { id: 'u-reader-b', name: '钱阅', roles: ['leader'], clearance: 'juemi' },
} satisfies Record<string, Actor>;

type ByType<T extends IncomingDocumentCommand['type']> = Extract<IncomingDocumentCommand, { type: T }>;

export function command<T extends IncomingDocumentCommand['type']>(type: T, data: ByType<T>['data'], actor: Actor = actors.registrar, now = NOW): ByType<T> {
  return { type, data, metadata: { actor, now } } as ByType<T>;
}

/** `title` is the clear title: the event records its digest from 秘密 up (COMMON-3). */
export function received(overrides: Partial<IncomingDocumentReceived['data']> = {}): IncomingDocumentReceived {
  const { title = '关于开展安全生产大检查的通知', ...rest } = overrides;
  const data = {
    documentId: DOCUMENT_ID,
    sender: '市人民政府办公室',
    senderDocumentNumber: '市政办发〔2024〕12号',
    type: 'notice' as const,
    secrecyLevel: 'none' as const,
    copies: 2,
    urgency: 'none' as const,
    replyDue: false,
    receivedAt: NOW,
    ...rest,
  };
  return documentEvent('IncomingDocumentReceived', { ...data, ...(rest.titleDigest === undefined ? recordedTitle(DOCUMENT_ID, title, data.secrecyLevel) : {}) }, 2);
}

export const registered = () => documentEvent('IncomingDocumentRegistered', { documentId: DOCUMENT_ID, year: 2024, sequence: 57, registeredAt: NOW });

export const initiallyReviewed = () =>
  documentEvent('IncomingDocumentInitiallyReviewed', { documentId: DOCUMENT_ID, reviewerId: actors.registrar.id, reviewerName: actors.registrar.name, reviewedAt: NOW });

export const proposed = () =>
  documentEvent('IncomingDocumentHandlingProposed', {
    documentId: DOCUMENT_ID,
    proposal: '拟请县应急局牵头办理',
    proposedById: actors.officeDirector.id,
    proposedByName: actors.officeDirector.name,
    proposedAt: NOW,
  });

export const instructed = (replyDue?: true) =>
  documentEvent('IncomingDocumentInstructed', {
    documentId: DOCUMENT_ID,
    instruction: '请应急局牵头抓好落实',
    leaderId: actors.leader.id,
    leaderName: actors.leader.name,
    ...(replyDue ? { replyDue } : {}),
    instructedAt: NOW,
  });

export function assigned(overrides: Partial<IncomingDocumentHandlingAssigned['data']> = {}): IncomingDocumentHandlingAssigned {
  return documentEvent('IncomingDocumentHandlingAssigned', {
    documentId: DOCUMENT_ID,
    leadUnit: '县应急局',
    assistingUnits: ['县住建局'],
    handlerId: actors.handler.id,
    handlerName: actors.handler.name,
    deadline: '2024-07-15',
    deadlineDefaulted: true,
    assignedAt: NOW,
    ...overrides,
  });
}

export const history = {
  received: (urgency: Urgency = 'none', overrides: Partial<IncomingDocumentReceived['data']> = {}): IncomingDocumentEvent[] => [received({ urgency, ...overrides })],
  registered: (urgency: Urgency = 'none'): IncomingDocumentEvent[] => [...history.received(urgency), registered()],
  instructed: (urgency: Urgency = 'none', overrides: Partial<IncomingDocumentReceived['data']> = {}): IncomingDocumentEvent[] => [
    ...history.received(urgency, overrides),
    registered(),
    initiallyReviewed(),
    proposed(),
    instructed(),
  ],
  handling: (overrides: Partial<IncomingDocumentReceived['data']> = {}): IncomingDocumentEvent[] => [...history.instructed('none', overrides), assigned()],
};
