import type { CommitteeState, MeetingState } from '@oa/domain-meetings';
import { INCOMING_STATUS_LABELS, OUTGOING_STATUS_LABELS, type IncomingDocumentState, type OutgoingDocumentState } from '@oa/domain-documents';
import type { PersonState, UnitState } from '@oa/domain-directory';
import type { SealState } from '@oa/domain-seals';
import type { SupervisionTaskState } from '@oa/domain-affairs';

/** What an inspector looks for by name: 印章, 会议, 公文, 人员, 督办事项, and the units and committees the lists are filtered by. */
export const CATALOG_KINDS = ['seal', 'meeting', 'document', 'person', 'supervision', 'unit', 'committee'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

/** One stream's line in a list: what it is called, where it belongs, where it stands. */
export interface CatalogSummary {
  readonly kind: CatalogKind;
  /** The seal's or unit's name, the meeting's or document's title (a classified document's is only a digest: empty), the person's name. */
  readonly title: string;
  /** The owning unit (seal, supervision task), the units a person holds an identity in, the sender (incoming document), the parent (unit). */
  readonly units: readonly string[];
  readonly status: string;
  /** The status in the office's words. */
  readonly statusLabel: string;
  /** 发文字号 / 来文字号. */
  readonly number?: string;
  readonly committeeId?: string;
  /** The meeting's start, the document's date (or its receipt), the seal's registration, the task's deadline day (from its Beijing midnight). */
  readonly date?: string;
}

type Summarize = (state: never) => CatalogSummary | undefined;

/** 状态 of the kinds whose domain has no labels of its own (the documents' have). */
const SEAL_STATUS_LABELS: Readonly<Record<string, string>> = { registered: '已登记', active: '启用中', suspended: '暂停使用', disabled: '已停用', surrendered: '已缴销' };
const MEETING_STATUS_LABELS: Readonly<Record<string, string>> = { scheduled: '已安排', inProgress: '进行中', closed: '已结束', cancelled: '已取消' };
const PERSON_STATUS_LABELS: Readonly<Record<string, string>> = { active: '在岗', departed: '已离岗' };
const UNIT_STATUS_LABELS: Readonly<Record<string, string>> = { active: '存续', dissolved: '已撤销' };
const COMMITTEE_STATUS_LABELS: Readonly<Record<string, string>> = { active: '存续' };
const SUPERVISION_STATUS_LABELS: Readonly<Record<string, string>> = { open: '办理中', awaitingAcceptance: '待验收', closed: '已办结' };
const summary = <S>(summarize: (state: S) => CatalogSummary | undefined): Summarize => summarize as Summarize;

/**
 * The summary of each catalogued stream type from the state its domain folds (the audit never
 * re-implements a rule): a stream not yet begun has none.
 */
export const CATALOGUED: Readonly<Record<string, Summarize>> = {
  seal: summary((state: SealState) =>
    state.status === 'empty' ? undefined : { kind: 'seal', title: state.name, units: [state.owningUnit], status: state.status, statusLabel: SEAL_STATUS_LABELS[state.status]!, date: state.registeredAt },
  ),
  meeting: summary((state: MeetingState) =>
    state.status === 'empty' ? undefined : { kind: 'meeting', title: state.title, units: [], status: state.status, statusLabel: MEETING_STATUS_LABELS[state.status]!, committeeId: state.committeeId, date: state.startsAt },
  ),
  outgoingDocument: summary((state: OutgoingDocumentState) => {
    if (state.status === 'empty') return undefined;
    const registration = 'registration' in state ? state.registration : undefined;
    const signOff = 'signOff' in state ? state.signOff : undefined;
    return {
      kind: 'document',
      title: state.content.title ?? '',
      units: [state.content.issuerCode],
      status: state.status,
      statusLabel: OUTGOING_STATUS_LABELS[state.status],
      ...(registration && { number: registration.documentNumber }),
      ...(signOff && { date: signOff.documentDate }),
    };
  }),
  incomingDocument: summary((state: IncomingDocumentState) =>
    state.status === 'empty'
      ? undefined
      : { kind: 'document', title: state.title ?? '', units: [state.sender], status: state.status, statusLabel: INCOMING_STATUS_LABELS[state.status], number: state.senderDocumentNumber, date: state.receivedAt },
  ),
  person: summary((state: PersonState) => {
    if (state.status === 'empty') return undefined;
    const identities = state.status === 'departed' ? state.endedByDeparture.identities : state.identities;
    return { kind: 'person', title: state.name, units: [...new Set([state.homeUnitId, ...identities.map((identity) => identity.unitId)])], status: state.status, statusLabel: PERSON_STATUS_LABELS[state.status]! };
  }),
  unit: summary((state: UnitState) =>
    state.status === 'empty' ? undefined : { kind: 'unit', title: state.name, units: state.parentUnitId === undefined ? [] : [state.parentUnitId], status: state.status, statusLabel: UNIT_STATUS_LABELS[state.status]! },
  ),
  // the affairs service's tasks (ADR 0018), by their requirement and owner unit
  supervision: summary((state: SupervisionTaskState) =>
    state.status === 'empty'
      ? undefined
      : { kind: 'supervision', title: state.requirement, units: [state.ownerUnit], status: state.status, statusLabel: SUPERVISION_STATUS_LABELS[state.status]!, date: `${state.deadline}T00:00:00+08:00` },
  ),
  committee: summary((state: CommitteeState) => (state.status === 'empty' ? undefined : { kind: 'committee', title: state.name, units: [], status: state.status, statusLabel: COMMITTEE_STATUS_LABELS[state.status]! })),
};
