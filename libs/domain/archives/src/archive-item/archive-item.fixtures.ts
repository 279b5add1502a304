import type { Actor, Command, SecrecyLevel } from '@oa/core';
import { filingStampOf } from '../archival-code';
import type { ArchiveComponent, ArchiveItemMetadata, FilingSource, Retention } from '../archives.vocabulary';
import type { FileArchiveItem, RegisterFilingCandidate } from './archive-item.commands';
import type { ArchiveItemEvent } from './archive-item.events';
import { componentDigest, fourPropertiesCheck } from './four-properties';

/** Test data for archive item specs (not exported from the library's index). */

export const NOW = '2025-03-01T02:00:00.000Z';
export const ITEM_ID = 'item-1';

export const people = {
  system: { id: 'svc-archives', name: '档案服务', roles: ['system'] },
  archivist: { id: 'u-archivist', name: '吴档案', roles: ['archivist'] },
  director: { id: 'u-director', name: '李主任', roles: ['officeDirector'] },
  leader: { id: 'u-leader', name: '陈书记', roles: ['leader'] },
  appraiser: { id: 'u-appraiser', name: '郑鉴定', roles: ['appraisalCommittee'] },
  reader: { id: 'u-reader', name: '刘科员', roles: ['handler'], clearance: 'mimi' },
  witnessA: { id: 'u-witness-a', name: '周监销', roles: ['registrar'] },
  witnessB: { id: 'u-witness-b', name: '钱监销', roles: ['handler'] },
} as const satisfies Record<string, Actor>;

export function command<C extends Command>(type: C['type'], data: C['data'], actor: Actor, now: string = NOW): C {
  return { type, data, metadata: { actor, now } } as C;
}

/** A typed builder of the events of one stream: the type string picks the data shape. */
export function eventsOf<E extends { readonly type: string; readonly data: object }>() {
  return <T extends E['type']>(type: T, data: Extract<E, { readonly type: T }>['data']): Extract<E, { readonly type: T }> =>
    ({ type, data, schemaVersion: 1 }) as unknown as Extract<E, { readonly type: T }>;
}

export const archiveItemEvent = eventsOf<ArchiveItemEvent>();

/** The stored content of each component; the hashes below are its real SHA-256. */
export const contents = { text: '关于做好2024年度安全生产工作的通知（正文）', attachment: '附件：检查表', signedDraft: '签发稿' } as const;

export const documentComponents = (): ArchiveComponent[] => [
  { componentId: 'c-text', role: 'text', fileName: '正文.ofd', format: 'ofd', hashAlgorithm: 'sha256', hash: componentDigest(contents.text) },
  { componentId: 'c-att', role: 'attachment', fileName: '附件1.pdf', format: 'pdf', hashAlgorithm: 'sha256', hash: componentDigest(contents.attachment) },
  { componentId: 'c-draft', role: 'signedDraft', fileName: '签发稿.pdf', format: 'pdf', hashAlgorithm: 'sha256', hash: componentDigest(contents.signedDraft) },
];

/** What the service recomputes from the stored files when nothing was tampered with. */
export const intactHashes = () => documentComponents().map(({ componentId, hash }) => ({ componentId, hash }));

export const documentSource = (): FilingSource => ({
  service: 'documents',
  sourceId: 'doc-42',
  sourceState: 'distributed',
  sourceEventId: 'evt-doc-42-9',
  sourceEventHash: componentDigest('evt-doc-42-9'),
});

export const candidateData = (overrides: Partial<RegisterFilingCandidate['data']> = {}): RegisterFilingCandidate['data'] => ({
  itemId: ITEM_ID,
  source: documentSource(),
  title: '关于做好2024年度安全生产工作的通知',
  date: '2024-05-10',
  secrecyLevel: 'none',
  responsibleParty: '某某县人民政府办公室',
  components: documentComponents(),
  ...overrides,
});

export const candidateRegistered = (overrides: Partial<RegisterFilingCandidate['data']> = {}) =>
  archiveItemEvent('FilingCandidateRegistered', { ...candidateData(overrides), registeredAt: '2025-01-10T02:00:00.000Z' });

export const fileData = (overrides: Partial<FileArchiveItem['data']> = {}): FileArchiveItem['data'] => ({
  itemId: ITEM_ID,
  fondsCode: 'Z109',
  categoryCode: 'WS',
  year: 2024,
  retention: 'Y',
  organisationCode: 'BGS',
  itemNumber: 1,
  pages: 12,
  recomputedHashes: intactHashes(),
  ...overrides,
});

export interface FiledOptions {
  readonly retention?: Retention;
  readonly secrecyLevel?: SecrecyLevel;
  readonly itemNumber?: number;
}

export const metadataOf = ({ retention = 'Y', secrecyLevel = 'none', itemNumber = 1 }: FiledOptions = {}): ArchiveItemMetadata => ({
  fondsCode: 'Z109',
  categoryCode: 'WS',
  year: 2024,
  retention,
  organisationCode: 'BGS',
  itemNumber,
  title: '关于做好2024年度安全生产工作的通知',
  responsibleParty: '某某县人民政府办公室',
  date: '2024-05-10',
  pages: 12,
  secrecyLevel,
});

export const itemFiled = (options: FiledOptions = {}, filedAt = '2025-03-01T01:00:00.000Z') => {
  const metadata = metadataOf(options);
  const years = { Y: undefined, D30: 30, D10: 10 }[metadata.retention];
  return archiveItemEvent('ArchiveItemFiled', {
    itemId: ITEM_ID,
    archivalCode: `Z109-WS·2024-${metadata.retention}-BGS-${String(metadata.itemNumber).padStart(4, '0')}`,
    metadata,
    filingStamp: filingStampOf(metadata),
    fourPropertiesReport: fourPropertiesCheck({ source: documentSource(), components: documentComponents(), recomputedHashes: intactHashes(), metadata }),
    late: false,
    filingDeadline: '2025-06-30',
    ...(years !== undefined ? { retentionEndsYear: 2024 + years } : {}),
    filedById: people.archivist.id,
    filedByName: people.archivist.name,
    filedAt,
  });
};

/** A filed item: a candidate registered and filed. */
export const filedItem = (options: FiledOptions = {}): ArchiveItemEvent[] => [candidateRegistered({ secrecyLevel: options.secrecyLevel ?? 'none' }), itemFiled(options)];
