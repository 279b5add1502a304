import { addWorkingDays, isIsoDate, localDateOf, workingDaysAfter, yearOf, type Decider } from '@oa/core';
import { assertInstant } from '../document-dates';
import { documentEvent, optional, unhandledCommand } from '../document-event';
import { assertFilingCopy, fileToAttach } from '../document-files';
import { assertSecrecy } from '../document-markings';
import { assertDocumentNumber } from '../document-number/document-number';
import { recordedTitle, titleFieldsOf } from '../document-title';
import {
  ROLES,
  SECRECY_LABELS,
  assertContentHash,
  assertText,
  clearanceAdmits,
  hasRole,
  isCopyNumber,
  isDocumentType,
  isSecrecyLevel,
  isUrgency,
  isUrgent,
} from '../document.vocabulary';
import { alreadyExists, illegalTransition, invalidInput, notFound, refuse } from '../documents.rules';
import type { CirculationReaderInput, IncomingDocumentCommand, Reply, ReplyDocumentFact, ReplyInput } from './incoming-document.commands';
import { DEFAULT_INCOMING_DOCUMENT_CONFIG, type IncomingDocumentConfig } from './incoming-document.config';
import type { IncomingDocumentEvent } from './incoming-document.events';
import { evolveIncomingDocument, INCOMING_STATUS_LABELS, type IncomingDocumentState, initialIncomingDocumentState } from './incoming-document.state';

type Existing = Exclude<IncomingDocumentState, { status: 'empty' }>;

function existing(state: IncomingDocumentState): Existing {
  if (state.status === 'empty') throw notFound('收文');
  return state;
}

function cannot(state: Existing, action: string) {
  return illegalTransition(INCOMING_STATUS_LABELS[state.status], action);
}

const CIRCULATING = ['initiallyReviewed', 'proposed', 'instructed', 'handling', 'completed'];

/** DOC-4 an outgoing document holds its number from registration on (a voided one never answers). */
const NUMBERED = ['registered', 'sealed', 'distributed', 'filed'];

/**
 * DOC-12 a reply (复文) is an outgoing document of this service, registered, named by its id: the
 * event records the link and the number the registration fixed. A number the handler writes must be that one.
 */
function replyOf(input: ReplyInput, fact: ReplyDocumentFact | undefined): Reply {
  const outgoingDocumentId = typeof input.outgoingDocumentId === 'string' ? input.outgoingDocumentId.trim() : '';
  if (!outgoingDocumentId) throw refuse('DOC-12', 'invalid', '复文须指明答复的本机关发文');
  if (input.documentNumber !== undefined) assertDocumentNumber(input.documentNumber);
  if (fact?.outgoingDocumentId !== outgoingDocumentId || fact.status === undefined) {
    throw refuse('DOC-12', 'unprocessable', `复文“${outgoingDocumentId}”不是本机关的发文`);
  }
  if (!NUMBERED.includes(fact.status) || fact.documentNumber === undefined) {
    throw refuse('DOC-12', 'conflict', `复文“${outgoingDocumentId}”尚未登记发文字号（或已作废），不能作为复文`);
  }
  if (input.documentNumber !== undefined && input.documentNumber !== fact.documentNumber) {
    throw refuse('DOC-12', 'conflict', `复文字号“${input.documentNumber}”与该发文登记的“${fact.documentNumber}”不符`);
  }
  return { documentNumber: fact.documentNumber, outgoingDocumentId };
}

export function decideIncomingDocument(
  command: IncomingDocumentCommand,
  state: IncomingDocumentState,
  config: IncomingDocumentConfig = DEFAULT_INCOMING_DOCUMENT_CONFIG,
): readonly IncomingDocumentEvent[] {
  const now = assertInstant(command.metadata.now);
  const today = localDateOf(now, config.utcOffsetMinutes);
  const actor = command.metadata.actor;
  switch (command.type) {
    case 'ReceiveIncomingDocument': {
      if (state.status !== 'empty') throw alreadyExists('收文');
      const data = command.data;
      const documentId = assertText(data.documentId, '公文标识');
      // DOC-8 签收 records sender, sender's number, secrecy level, copies and urgency.
      const sender = data.sender?.trim();
      if (!sender) throw refuse('DOC-8', 'invalid', '签收须登记来文机关');
      const senderDocumentNumber = data.senderDocumentNumber?.trim();
      if (!senderDocumentNumber) throw refuse('DOC-8', 'invalid', '签收须登记来文字号');
      if (!isSecrecyLevel(data.secrecyLevel)) throw refuse('DOC-8', 'invalid', '签收须登记密级（none、internal、mimi、jimi 或 juemi）');
      if (!Number.isInteger(data.copies) || data.copies < 1) throw refuse('DOC-8', 'invalid', '签收须登记份数（正整数）');
      if (!isUrgency(data.urgency)) throw refuse('DOC-8', 'invalid', '签收须登记紧急程度（none、urgent 或 extraUrgent）');
      if (data.secrecyPeriod !== undefined) assertSecrecy(data.secrecyLevel, data.secrecyPeriod);
      if (data.copyNumbers !== undefined) {
        // DOC-6 each copy of a classified document bears its own 6-digit number.
        if (data.copyNumbers.length !== data.copies) throw refuse('DOC-6', 'invalid', `收到${data.copies}份，须登记${data.copies}个份号`);
        const bad = data.copyNumbers.find((copyNumber) => !isCopyNumber(copyNumber));
        if (bad !== undefined) throw refuse('DOC-6', 'invalid', `份号“${bad}”须为6位阿拉伯数字`);
        if (new Set(data.copyNumbers).size !== data.copyNumbers.length) throw refuse('DOC-6', 'invalid', '份号重复');
      }
      if (data.type !== undefined && !isDocumentType(data.type)) throw invalidInput(`文种“${String(data.type)}”不是15种法定文种之一`);
      if (data.replyDue !== undefined && typeof data.replyDue !== 'boolean') throw invalidInput('是否需要答复须为布尔值');
      return [
        documentEvent('IncomingDocumentReceived', {
          documentId,
          sender,
          senderDocumentNumber,
          // COMMON-3 from 秘密 up the event carries the title's digest; the service keeps the title
          ...recordedTitle(documentId, assertText(data.title, '标题'), data.secrecyLevel),
          ...optional('type', data.type),
          secrecyLevel: data.secrecyLevel,
          ...optional('secrecyPeriod', data.secrecyPeriod === undefined ? undefined : { unit: data.secrecyPeriod.unit, value: data.secrecyPeriod.value }),
          copies: data.copies,
          ...optional('copyNumbers', data.copyNumbers === undefined ? undefined : [...data.copyNumbers]),
          urgency: data.urgency,
          ...optional('contentHash', data.contentHash === undefined ? undefined : assertContentHash(data.contentHash, '正文摘要')),
          replyDue: data.replyDue ?? false,
          receivedAt: now,
        }, 2),
      ];
    }

    case 'RegisterIncomingDocument': {
      const document = existing(state);
      if (document.status !== 'received') throw cannot(document, '登记');
      const { year, sequence } = command.data;
      // DOC-8 a gapless yearly sequence: the service allocates it; here, the year and the form.
      if (year !== yearOf(today)) throw refuse('DOC-8', 'invalid', `收文编号的年度应为登记年度${yearOf(today)}，收到${year}`);
      if (!Number.isInteger(sequence) || sequence < 1) throw refuse('DOC-8', 'invalid', '收文编号须为从1开始的正整数');
      return [documentEvent('IncomingDocumentRegistered', { documentId: document.documentId, year, sequence, registeredAt: now })];
    }

    case 'ReviewIncomingDocumentInitially': {
      const document = existing(state);
      if (document.status !== 'registered') throw cannot(document, '初审');
      const notes = command.data.notes?.trim() || undefined;
      const reviewer = { documentId: document.documentId, reviewerId: actor.id, reviewerName: actor.name };
      if (command.data.outcome === 'accept') {
        return [documentEvent('IncomingDocumentInitiallyReviewed', { ...reviewer, ...optional('notes', notes), reviewedAt: now })];
      }
      if (command.data.outcome !== 'return') throw invalidInput('初审结论须为 accept（通过）或 return（退文）');
      // DOC-9 退文 only with a reason and, unless the office configured otherwise, the office director's approval.
      const reason = command.data.reason?.trim();
      if (!reason) throw refuse('DOC-9', 'invalid', '退文须说明理由');
      let approval: { approvedById: string; approvedByName: string } | undefined;
      if (config.returnNeedsOfficeDirectorApproval) {
        const given = command.data.officeDirectorApproval;
        if (hasRole(actor, ROLES.officeDirector)) approval = { approvedById: actor.id, approvedByName: actor.name };
        else if (given?.approverId && given.approverName) approval = { approvedById: given.approverId, approvedByName: given.approverName };
        else throw refuse('DOC-9', 'forbidden', '退文须经办公室主任同意');
      }
      return [
        documentEvent('IncomingDocumentReturnedToSender', {
          ...reviewer,
          sender: document.sender,
          senderDocumentNumber: document.senderDocumentNumber,
          reason,
          ...(approval ?? {}),
          returnedAt: now,
        }),
      ];
    }

    case 'ProposeIncomingDocumentHandling': {
      const document = existing(state);
      if (document.status !== 'initiallyReviewed') throw cannot(document, '拟办');
      const proposal = assertText(command.data.proposal, '拟办意见');
      return [documentEvent('IncomingDocumentHandlingProposed', { documentId: document.documentId, proposal, proposedById: actor.id, proposedByName: actor.name, proposedAt: now })];
    }

    case 'InstructIncomingDocument': {
      const document = existing(state);
      if (document.status !== 'proposed' && document.status !== 'instructed' && document.status !== 'handling') throw cannot(document, '批办');
      if (!hasRole(actor, ROLES.leader) && !hasRole(actor, ROLES.signer)) throw refuse('DOC.NOT_PERMITTED', 'forbidden', '只有领导可以批办');
      const instruction = assertText(command.data.instruction, '批办意见');
      return [
        documentEvent('IncomingDocumentInstructed', {
          documentId: document.documentId,
          instruction,
          leaderId: actor.id,
          leaderName: actor.name,
          ...optional('replyDue', command.data.replyDue === true ? true : undefined),
          instructedAt: now,
        }),
      ];
    }

    case 'AssignIncomingDocumentHandling': {
      const document = existing(state);
      if (document.status !== 'instructed' && document.status !== 'handling') throw cannot(document, '交办承办（须先拟办、批办）');
      const units = Array.isArray(command.data.units) ? command.data.units : [];
      // DOC-10 exactly one lead unit (主办), the others assist (协办).
      const leads = units.filter((u) => u.role === 'lead');
      if (leads.length !== 1) throw refuse('DOC-10', 'invalid', `承办须有且只有一个主办单位，现有${leads.length}个`);
      if (units.some((u) => u.role !== 'lead' && u.role !== 'assist')) throw invalidInput('承办单位的角色须为 lead（主办）或 assist（协办）');
      const names = units.map((u) => assertText(u.unit, '承办单位'));
      if (new Set(names).size !== names.length) throw refuse('DOC-10', 'invalid', '同一单位不能重复列为承办单位');
      const leadUnit = leads[0]!.unit.trim();
      const assistingUnits = units.filter((u) => u.role === 'assist').map((u) => u.unit.trim());
      const handlerId = command.data.handlerId?.trim();
      const handlerName = command.data.handlerName?.trim();
      if (!handlerId || !handlerName) throw refuse('DOC-10', 'invalid', '承办须明确承办人');
      const chaserId = command.data.chaserId?.trim() || undefined;
      const chaserName = command.data.chaserName?.trim() || undefined;
      // DOC-10 the Regulation art. 24: an urgent document is chased by a named person.
      if (isUrgent(document.urgency) && (!chaserId || !chaserName)) {
        throw refuse('DOC-10', 'invalid', `${document.urgency === 'extraUrgent' ? '特急' : '加急'}公文须明确专人催办`);
      }
      if ((chaserId === undefined) !== (chaserName === undefined)) throw invalidInput('催办人须同时给出标识和姓名');
      const explicit = command.data.deadline;
      if (explicit !== undefined && (!isIsoDate(explicit) || explicit < today)) {
        throw refuse('DOC-10', 'invalid', `办理时限须为不早于今天（${today}）的日期（YYYY-MM-DD）`);
      }
      // DOC-10 default deadlines by urgency, in working days (configuration).
      const deadline = explicit ?? addWorkingDays(today, config.deadlineWorkingDays[document.urgency], config.calendar);
      return [
        documentEvent('IncomingDocumentHandlingAssigned', {
          documentId: document.documentId,
          leadUnit,
          assistingUnits,
          handlerId,
          handlerName,
          deadline,
          deadlineDefaulted: explicit === undefined,
          ...optional('chaserId', chaserId),
          ...optional('chaserName', chaserName),
          assignedAt: now,
        }),
      ];
    }

    case 'RemindOverdueIncomingDocument': {
      const document = existing(state);
      // The scheduled job sweeps every document: outside handling there is nothing to chase.
      if (document.status !== 'handling') return [];
      const { assignment } = document;
      if (today <= assignment.deadline) return [];
      const overdueWorkingDays = workingDaysAfter(assignment.deadline, today, config.calendar);
      const base = { documentId: document.documentId, deadline: assignment.deadline, overdueWorkingDays, leadUnit: assignment.leadUnit, handlerId: assignment.handlerId };
      const events: IncomingDocumentEvent[] = [];
      // DOC-10 催办 once per deadline, then 督办 to the office director past the second threshold.
      if (assignment.remindedFor !== assignment.deadline) {
        events.push(documentEvent('IncomingDocumentReminderRaised', { ...base, ...optional('chaserId', assignment.chaserId), remindedAt: now }));
      }
      if (overdueWorkingDays >= config.escalateAfterOverdueWorkingDays && assignment.escalatedFor !== assignment.deadline) {
        events.push(documentEvent('IncomingDocumentEscalated', { ...base, escalatedTo: 'officeDirector' as const, escalatedAt: now }));
      }
      return events;
    }

    case 'CirculateIncomingDocument': {
      const document = existing(state);
      if (!CIRCULATING.includes(document.status)) throw cannot(document, '传阅');
      const readers: readonly CirculationReaderInput[] = Array.isArray(command.data.readers) ? command.data.readers : [];
      if (readers.length === 0) throw refuse('DOC-11', 'invalid', '传阅须列明阅文人');
      const onList = new Set(document.circulation?.readers.map((r) => r.readerId));
      const added: CirculationReaderInput[] = [];
      for (const reader of readers) {
        const readerId = assertText(reader?.readerId, '阅文人标识');
        const readerName = assertText(reader.readerName, '阅文人姓名');
        if (!isSecrecyLevel(reader.clearance)) throw invalidInput(`阅文人${readerName}的知悉权限须为密级之一`);
        // DOC-11 / COMMON-3 a classified document goes only to readers cleared for its level.
        if (!clearanceAdmits(reader.clearance, document.secrecyLevel)) {
          throw refuse('DOC-11', 'forbidden', `${readerName}的知悉权限（${SECRECY_LABELS[reader.clearance]}）低于公文密级（${SECRECY_LABELS[document.secrecyLevel]}），不能传阅`);
        }
        if (onList.has(readerId)) continue;
        onList.add(readerId);
        added.push({ readerId, readerName, clearance: reader.clearance, ...(reader.clearanceGrantId !== undefined && { clearanceGrantId: reader.clearanceGrantId }) });
      }
      if (added.length === 0) return [];
      return [documentEvent('IncomingDocumentCirculated', { documentId: document.documentId, readers: added, sentAt: now })];
    }

    case 'MarkIncomingDocumentRead': {
      const document = existing(state);
      const readers = document.circulation?.readers ?? [];
      const reader = readers.find((r) => r.readerId === actor.id);
      // DOC-11 only those on the circulation list read it.
      if (!reader) throw refuse('DOC-11', 'forbidden', '您不在本文的传阅名单中');
      if (reader.readAt !== undefined) return [];
      const read = documentEvent('IncomingDocumentRead', { documentId: document.documentId, readerId: actor.id, readerName: reader.readerName, readAt: now });
      const othersAllRead = readers.every((r) => r.readerId === actor.id || r.readAt !== undefined);
      // DOC-11 circulation is complete when all have read.
      return othersAllRead
        ? [read, documentEvent('IncomingDocumentCirculationCompleted', { documentId: document.documentId, readerCount: readers.length, completedAt: now })]
        : [read];
    }

    case 'CompleteIncomingDocument': {
      const document = existing(state);
      // A document sent for reading only (阅件) is complete once its circulation is.
      const readOnly = document.status === 'instructed' && document.circulation?.completedAt !== undefined;
      if (document.status !== 'handling' && !readOnly) {
        if (document.status === 'instructed' && document.circulation) throw refuse('DOC-11', 'conflict', '传阅尚未完毕，不能办结');
        throw cannot(document, '办结');
      }
      // DOC-12 办结 needs the handling result, and the reply when one is due.
      const result = command.data.result?.trim();
      if (!result) throw refuse('DOC-12', 'invalid', '办结须填写办理结果');
      const replyInput = command.data.reply;
      if (document.replyDue && replyInput === undefined) throw refuse('DOC-12', 'invalid', '来文需要答复，须复文后方可办结');
      const reply = replyInput === undefined ? undefined : replyOf(replyInput, command.data.replyDocument);
      return [documentEvent('IncomingDocumentCompleted', { documentId: document.documentId, result, ...optional('reply', reply), completedAt: now })];
    }

    case 'AttachIncomingDocumentFile': {
      const document = existing(state);
      if (document.status === 'returned' || document.status === 'completed' || document.status === 'filed') throw cannot(document, '上传正文或附件（办结前上传）');
      const file = fileToAttach(document.files, command.data, ['text', 'attachment']);
      if (!file) return [];
      return [documentEvent('IncomingDocumentFileAttached', { documentId: document.documentId, ...file, attachedById: actor.id, attachedAt: now })];
    }

    case 'ReleaseIncomingDocumentFilingCopy': {
      const document = existing(state);
      if (document.status !== 'filed') throw cannot(document, '向档案部门提供文件（移交归档后方可）');
      assertFilingCopy(document.files, document.contentHash, command.data.sha256);
      return [documentEvent('IncomingDocumentFilingCopyReleased', { documentId: document.documentId, sha256: command.data.sha256, releasedToId: actor.id, releasedAt: now })];
    }

    case 'HandOffIncomingDocumentForFiling': {
      const document = existing(state);
      if (document.status !== 'completed') throw cannot(document, '移交归档');
      const number = document.incomingNumber!;
      return [
        documentEvent('IncomingDocumentHandedOffForFiling', {
          documentId: document.documentId,
          year: number.year,
          sequence: number.sequence,
          sender: document.sender,
          senderDocumentNumber: document.senderDocumentNumber,
          ...titleFieldsOf(document),
          ...optional('type', document.type),
          secrecyLevel: document.secrecyLevel,
          ...optional('secrecyPeriod', document.secrecyPeriod),
          ...optional('contentHash', document.contentHash),
          receivedAt: document.receivedAt,
          result: document.result,
          ...optional('reply', document.reply),
          files: document.files,
          handedOffAt: now,
        }, 2),
      ];
    }

    default:
      return unhandledCommand(command);
  }
}

/**
 * 收文 (DOC-8..DOC-12), configured per office: `createIncomingDocumentDecider({ deadlineWorkingDays: {...} })`.
 * Unset options take the defaults of DOMAIN.md.
 */
export function createIncomingDocumentDecider(
  overrides: Partial<IncomingDocumentConfig> = {},
): Decider<IncomingDocumentCommand, IncomingDocumentEvent, IncomingDocumentState> & { readonly config: IncomingDocumentConfig } {
  const config: IncomingDocumentConfig = { ...DEFAULT_INCOMING_DOCUMENT_CONFIG, ...overrides };
  return {
    streamType: 'incomingDocument',
    config,
    initialState: initialIncomingDocumentState,
    decide: (command, state) => decideIncomingDocument(command, state, config),
    evolve: evolveIncomingDocument,
  };
}

export const incomingDocumentDecider = createIncomingDocumentDecider();
