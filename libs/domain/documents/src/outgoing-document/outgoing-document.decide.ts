import { canonicalJson, localDateOf, postHeld, yearOf, type Decider } from '@oa/core';
import { LEADER_POST_KINDS } from '@oa/domain-directory';
import { assertInstant } from '../document-dates';
import { documentEvent, optional, unhandledCommand } from '../document-event';
import { DOCUMENT_FILE_ROLES, assertFilingCopy, fileToAttach } from '../document-files';
import { assertDocumentNumber } from '../document-number/document-number';
import { titleFieldsOf } from '../document-title';
import { ROLES, assertContentHash, assertText, hasRole, isClassified, isCopyNumber } from '../document.vocabulary';
import { alreadyExists, illegalTransition, invalidInput, notFound, refuse } from '../documents.rules';
import type { Delivery, OutgoingDocumentCommand } from './outgoing-document.commands';
import { normalizeDraft, normalizeReaders } from './outgoing-document.draft';
import type { OutgoingDocumentContent, OutgoingDocumentEvent } from './outgoing-document.events';
import { evolveOutgoingDocument, initialOutgoingDocumentState, isPreparing, OUTGOING_STATUS_LABELS, type OutgoingDocumentState, pendingCountersigns, type RegisteredOutgoingDocument } from './outgoing-document.state';

type Existing = Exclude<OutgoingDocumentState, { status: 'empty' }>;

function existing(state: OutgoingDocumentState): Existing {
  if (state.status === 'empty') throw notFound('发文');
  return state;
}

function cannot(state: Existing, action: string) {
  return illegalTransition(OUTGOING_STATUS_LABELS[state.status], action);
}

function isRegistered(state: Existing): state is RegisteredOutgoingDocument {
  return state.status === 'registered' || state.status === 'sealed' || state.status === 'distributed' || state.status === 'filed';
}

const PARTY_LABELS = { department: '会签部门', coIssuer: '联合发文机关' } as const;

/** GB/T 9704 10.3: 纪要 bears no seal, so it is distributed straight after registration. */
function isSealExempt(content: OutgoingDocumentContent): boolean {
  return content.type === 'summary';
}

export function decideOutgoingDocument(command: OutgoingDocumentCommand, state: OutgoingDocumentState): readonly OutgoingDocumentEvent[] {
  const now = assertInstant(command.metadata.now);
  const actor = command.metadata.actor;
  switch (command.type) {
    case 'DraftOutgoingDocument': {
      if (state.status !== 'empty') throw alreadyExists('发文');
      const documentId = assertText(command.data.documentId, '公文标识');
      const content = normalizeDraft(command.data, documentId);
      const readers = normalizeReaders(command.data.readers);
      return [
        documentEvent('OutgoingDocumentDrafted', { ...content, readers, documentId, revision: 1 as const, drafterId: actor.id, drafterName: actor.name, draftedAt: now }, 3),
      ];
    }

    case 'AttachOutgoingDocumentFile': {
      const document = existing(state);
      const file = fileToAttach(document.files, command.data, DOCUMENT_FILE_ROLES);
      if (!file) return [];
      const attached = { documentId: document.documentId, ...file, attachedById: actor.id, attachedAt: now };
      if (file.role === 'signedDraft') {
        if (!('signOff' in document) || document.status === 'withdrawn' || document.status === 'voided' || document.status === 'filed') throw cannot(document, '上传签发稿（签发后、归档前上传）');
        return [documentEvent('OutgoingDocumentFileAttached', attached)];
      }
      if (!isPreparing(document)) throw cannot(document, '上传正文或附件（签发后的修改经复核处理）');
      if (document.status === 'underReview') throw cannot(document, '上传正文或附件，请由核稿人退回后修改');
      return [documentEvent('OutgoingDocumentFileAttached', { ...attached, revision: document.revision + 1 })];
    }

    case 'ReviseOutgoingDocumentDraft': {
      const document = existing(state);
      if (!isPreparing(document)) throw cannot(document, '修改文稿（签发后的修改经复核处理）');
      if (document.status === 'underReview') throw cannot(document, '修改文稿，请由核稿人退回后修改');
      const content = normalizeDraft(command.data, document.documentId);
      const readers = normalizeReaders(command.data.readers);
      // Saving the same text again is not a change: it must not cost the document its review.
      if (canonicalJson(content) === canonicalJson(document.content)) return [];
      return [
        documentEvent(
          'OutgoingDocumentDraftRevised',
          { ...content, readers, documentId: document.documentId, revision: document.revision + 1, revisedById: actor.id, revisedAt: now },
          3,
        ),
      ];
    }

    case 'SubmitOutgoingDocumentForReview': {
      const document = existing(state);
      if (document.status === 'underReview') return [];
      const changedSinceReview = isPreparing(document) && document.revision !== document.reviewedRevision;
      // DOC-2 a draft changed after its last review goes back to review before it can be signed.
      if (document.status !== 'draft' && !(isPreparing(document) && changedSinceReview)) throw cannot(document, '送核稿');
      return [documentEvent('OutgoingDocumentSubmittedForReview', { documentId: document.documentId, revision: document.revision, submittedAt: now })];
    }

    case 'ReviewOutgoingDocument': {
      const document = existing(state);
      if (document.status !== 'underReview') throw cannot(document, '核稿');
      // DOC-1 核稿 by a reviewer, never by the drafter.
      if (!hasRole(actor, ROLES.reviewer)) throw refuse('DOC-1', 'forbidden', '只有核稿人可以核稿');
      if (actor.id === document.drafterId) throw refuse('DOC-1', 'forbidden', '拟稿人不能核自己起草的文稿，须由其他核稿人审核');
      const { decision } = command.data;
      const base = { documentId: document.documentId, revision: document.revision, reviewerId: actor.id, reviewerName: actor.name };
      if (decision === 'approve') {
        const comments = command.data.comments?.trim() || undefined;
        return [documentEvent('OutgoingDocumentReviewApproved', { ...base, ...optional('comments', comments), reviewedAt: now })];
      }
      if (decision === 'return') {
        if (!command.data.comments?.trim()) throw refuse('DOC-1', 'invalid', '退回修改须写明核稿意见');
        return [documentEvent('OutgoingDocumentReturnedToDrafter', { ...base, comments: command.data.comments.trim(), returnedAt: now })];
      }
      throw invalidInput('核稿结论须为 approve（通过）或 return（退回修改）');
    }

    case 'CountersignOutgoingDocument': {
      const document = existing(state);
      if (document.status !== 'countersigning') throw cannot(document, '会签');
      const { party } = command.data;
      if (party !== 'department' && party !== 'coIssuer') throw invalidInput('会签方须为 department（会签部门）或 coIssuer（联合发文机关）');
      const code = assertText(command.data.code, PARTY_LABELS[party]);
      const named = party === 'department' ? document.content.countersignDepartments : document.content.coIssuers;
      if (!named.includes(code)) throw refuse('DOC-3', 'invalid', `“${code}”不是本文列明的${PARTY_LABELS[party]}`);
      // DOC-3 a department countersigns through its own people.
      if (party === 'department' && actor.orgUnit !== code) throw refuse('DOC-3', 'forbidden', `只有${code}的人员可以代表该部门会签`);
      // DOC-3 / DIR-5 a co-issuer's leader countersigns by their own action: once the directory is in force,
      // the actor holds a leader post of the organ whose code the document names (never a name a clerk types)
      const leaderPost = party === 'coIssuer' ? postHeld(actor, (post) => post.unitCode === code && (LEADER_POST_KINDS as readonly string[]).includes(post.postKind)) : undefined;
      if (party === 'coIssuer' && actor.authority && leaderPost === undefined) {
        throw refuse('DOC-3', 'forbidden', `联合发文机关${code}须由其领导本人会签，组织与人员目录中${actor.name}不担任该机关的领导职务`);
      }
      if (document.countersigns.some((c) => c.party === party && c.code === code)) return [];
      const opinion = command.data.opinion?.trim();
      if (!opinion) throw refuse('DOC-3', 'invalid', '会签须签署意见');
      return [
        documentEvent('OutgoingDocumentCountersigned', {
          documentId: document.documentId,
          party,
          code,
          signerId: actor.id,
          signerName: actor.name,
          ...(leaderPost !== undefined && { signedUnder: leaderPost }),
          opinion,
          countersignedAt: now,
          countersignedOn: localDateOf(now),
        }),
      ];
    }

    case 'SignOffOutgoingDocument': {
      const document = existing(state);
      // DOC-1 no sign-off without an approving review.
      if (document.status === 'draft' || document.status === 'underReview') {
        throw refuse('DOC-1', 'conflict', '文稿未经核稿通过，不能签发');
      }
      if (document.status === 'countersigning') {
        const pending = pendingCountersigns(document).map((p) => `${PARTY_LABELS[p.party]}${p.code}`);
        throw refuse('DOC-3', 'conflict', `尚待会签：${pending.join('、')}，会签完毕后方可签发`);
      }
      if (document.status !== 'awaitingSignOff') throw cannot(document, '签发');
      // DOC-2 only a signer; important and upward documents by the principal leader; after a voided sign-off, the original signer.
      if (!hasRole(actor, ROLES.signer)) throw refuse('DOC-2', 'forbidden', '只有具有签发权的领导可以签发');
      if (document.returnedToSigner && document.returnedToSigner.id !== actor.id) {
        throw refuse('DOC-2', 'forbidden', `复核发现实质性修改，须退回原签发人${document.returnedToSigner.name}重新签发`);
      }
      const { signerIsPrincipalLeader } = command.data;
      if (typeof signerIsPrincipalLeader !== 'boolean') throw invalidInput('须注明签发人是否为主要负责人');
      if ((document.content.important || document.content.upward) && !signerIsPrincipalLeader) {
        throw refuse('DOC-2', 'forbidden', `${document.content.upward ? '上行文' : '重要公文'}须由机关主要负责人签发`);
      }
      if (document.revision !== document.reviewedRevision) {
        throw refuse('DOC-2', 'conflict', '文稿在最后一次核稿后又有修改，须重新核稿后方可签发');
      }
      const opinion = command.data.opinion?.trim();
      if (!opinion) throw refuse('DOC-2', 'invalid', '签发须签署意见');
      // DOC-5 GB/T 9704 7.2.6 the 签发人 printed on an upward document is the one who signs it.
      if (document.content.upward && document.content.signerName !== actor.name) {
        throw refuse('DOC-5', 'conflict', `上行文标注的签发人为${document.content.signerName}，与实际签发人${actor.name}不一致，须先修改文稿`);
      }
      const signedOffOn = localDateOf(now);
      // DOC-6 成文日期: the sign-off date; a joint document takes the last signer's date.
      const documentDate = [signedOffOn, ...document.countersigns.filter((c) => c.party === 'coIssuer').map((c) => c.countersignedOn)].sort().at(-1) ?? signedOffOn;
      const { content } = document;
      return [
        documentEvent('OutgoingDocumentSignedOff', {
          documentId: document.documentId,
          ...titleFieldsOf(content),
          type: content.type,
          issuerCode: content.issuerCode,
          coIssuers: content.coIssuers,
          secrecyLevel: content.secrecyLevel,
          urgency: content.urgency,
          upward: content.upward,
          important: content.important,
          signerId: actor.id,
          signerName: actor.name,
          signerIsPrincipalLeader,
          opinion,
          signedOffAt: now,
          signedOffOn,
          documentDate,
          contentHash: content.contentHash,
          revision: document.revision,
        }, 2),
      ];
    }

    case 'RecheckOutgoingDocument': {
      const document = existing(state);
      if (document.status !== 'signedOff') throw cannot(document, '复核');
      const contentHash = command.data.contentHash === undefined ? undefined : assertContentHash(command.data.contentHash, '正文摘要');
      const notes = command.data.notes?.trim() || undefined;
      const checker = { documentId: document.documentId, checkerId: actor.id, checkerName: actor.name };
      if (command.data.substantiveChange === true) {
        // DOC-2 a substantive change voids the sign-off and returns the document to its original signer.
        if (notes === undefined) throw refuse('DOC-2', 'invalid', '实质性修改须写明修改内容');
        if (contentHash === undefined || contentHash === document.content.contentHash) {
          throw refuse('DOC-2', 'invalid', '实质性修改须提交修改后的正文摘要');
        }
        return [
          documentEvent('OutgoingDocumentSignOffVoided', {
            ...checker,
            reason: notes,
            contentHash,
            revision: document.revision + 1,
            returnedToSignerId: document.signOff.signerId,
            returnedToSignerName: document.signOff.signerName,
            voidedAt: now,
          }),
        ];
      }
      return [
        documentEvent('OutgoingDocumentRechecked', {
          ...checker,
          contentHash: contentHash ?? document.content.contentHash,
          ...optional('notes', notes),
          recheckedAt: now,
        }),
      ];
    }

    case 'RegisterOutgoingDocument': {
      const document = existing(state);
      // DOC-4 the number is fixed at registration, after recheck.
      if (document.status === 'signedOff') throw refuse('DOC-4', 'conflict', '公文须经复核后方可登记编号');
      if (document.status !== 'rechecked') throw cannot(document, '登记编号');
      const documentNumber = command.data.documentNumber;
      const { issuerCode, year, sequence } = assertDocumentNumber(documentNumber);
      // DOC-4 a joint document uses the lead issuer's number.
      if (issuerCode !== document.content.issuerCode) {
        throw refuse('DOC-4', 'invalid', `发文字号${documentNumber}的机关代字应为主办机关的“${document.content.issuerCode}”`);
      }
      const registrationYear = yearOf(localDateOf(now));
      if (year !== registrationYear) throw refuse('DOC-4', 'invalid', `发文字号${documentNumber}的年份应为登记年份${registrationYear}`);
      const { copies, impressionsPerCopy = 1 } = command.data;
      if (!Number.isInteger(copies) || copies < 1) throw invalidInput('印制份数须为正整数');
      if (!Number.isInteger(impressionsPerCopy) || impressionsPerCopy < 1) throw invalidInput('每份用印次数须为正整数');
      // DOC-6 six-digit copy numbers: no more than 999999 copies of a classified document.
      if (isClassified(document.content.secrecyLevel) && copies > 999_999) throw refuse('DOC-6', 'invalid', '涉密公文份号为6位，印制份数不能超过999999');
      return [documentEvent('OutgoingDocumentRegistered', { documentId: document.documentId, documentNumber, issuerCode, year, sequence, copies, impressionsPerCopy, registeredAt: now }, 2)];
    }

    case 'MarkOutgoingDocumentSealed': {
      const document = existing(state);
      const sealUsageId = assertText(command.data.sealUsageId, '用印登记标识');
      const sealId = assertText(command.data.sealId, '印章标识');
      // DOC-7 先签发后用印: the seals service checks it; this stream refuses the fact if it ever arrives early.
      if (isPreparing(document)) throw refuse('DOC-7', 'conflict', '公文尚未签发，不能用印');
      if (document.status === 'withdrawn' || document.status === 'voided') throw refuse('DOC-7', 'conflict', `公文${OUTGOING_STATUS_LABELS[document.status]}，不能用印`);
      if (!isRegistered(document)) throw cannot(document, '用印，须先登记发文字号');
      if (document.sealUsageIds.includes(sealUsageId)) return [];
      if (document.status !== 'registered' && document.status !== 'sealed') throw cannot(document, '再用印');
      return [
        documentEvent('OutgoingDocumentSealed', {
          documentId: document.documentId,
          documentNumber: document.registration.documentNumber,
          sealUsageId,
          sealId,
          sealedAt: now,
        }),
      ];
    }

    case 'DistributeOutgoingDocument': {
      const document = existing(state);
      const ready = document.status === 'sealed' || (document.status === 'registered' && isSealExempt(document.content));
      if (!ready || (document.status !== 'sealed' && document.status !== 'registered')) {
        throw cannot(document, document.status === 'registered' ? '核发，须先用印' : '核发');
      }
      const deliveries = checkDeliveries(command.data.deliveries, isClassified(document.content.secrecyLevel), document.registration.copies);
      return [
        documentEvent('OutgoingDocumentDistributed', {
          documentId: document.documentId,
          documentNumber: document.registration.documentNumber,
          deliveries,
          distributedAt: now,
        }),
      ];
    }

    case 'HandOffOutgoingDocumentForFiling': {
      const document = existing(state);
      if (document.status !== 'distributed') throw cannot(document, '移交归档');
      const { content } = document;
      return [
        documentEvent('OutgoingDocumentHandedOffForFiling', {
          documentId: document.documentId,
          documentNumber: document.registration.documentNumber,
          type: content.type,
          ...titleFieldsOf(content),
          issuerCode: content.issuerCode,
          coIssuers: content.coIssuers,
          secrecyLevel: content.secrecyLevel,
          ...optional('secrecyPeriod', content.secrecyPeriod),
          documentDate: document.signOff.documentDate,
          contentHash: content.contentHash,
          attachments: content.attachments,
          files: document.files,
          handedOffAt: now,
        }, 2),
      ];
    }

    case 'ReleaseOutgoingDocumentFilingCopy': {
      const document = existing(state);
      if (document.status !== 'filed') throw cannot(document, '向档案部门提供文件（移交归档后方可）');
      assertFilingCopy(document.files, document.content.contentHash, command.data.sha256);
      return [documentEvent('OutgoingDocumentFilingCopyReleased', { documentId: document.documentId, sha256: command.data.sha256, releasedToId: actor.id, releasedAt: now })];
    }

    case 'WithdrawOutgoingDocument': {
      const document = existing(state);
      if (!isPreparing(document)) throw cannot(document, document.status === 'withdrawn' ? '再次撤回' : '撤回（已签发的公文只能作废）');
      if (actor.id !== document.drafterId) throw refuse('DOC.NOT_PERMITTED', 'forbidden', '只有拟稿人可以撤回文稿');
      const reason = assertText(command.data.reason, '撤回理由');
      return [documentEvent('OutgoingDocumentWithdrawn', { documentId: document.documentId, reason, withdrawnAt: now })];
    }

    case 'VoidOutgoingDocument': {
      const document = existing(state);
      if (document.status !== 'signedOff' && document.status !== 'rechecked' && document.status !== 'registered' && document.status !== 'sealed') {
        throw cannot(document, isPreparing(document) ? '作废（未签发的文稿请撤回）' : '作废');
      }
      const reason = assertText(command.data.reason, '作废理由');
      const documentNumber = 'registration' in document ? document.registration.documentNumber : undefined;
      return [documentEvent('OutgoingDocumentVoided', { documentId: document.documentId, reason, ...optional('documentNumber', documentNumber), voidedAt: now })];
    }

    default:
      return unhandledCommand(command);
  }
}

/** DOC-6 every copy of a classified document goes out under its own 6-digit copy number, each once. */
function checkDeliveries(deliveries: readonly Delivery[], classified: boolean, printed: number): readonly Delivery[] {
  if (!Array.isArray(deliveries) || deliveries.length === 0) throw invalidInput('核发须列明分送单位');
  const used = new Set<string>();
  let total = 0;
  const checked = deliveries.map((delivery: Delivery) => {
    const recipient = assertText(delivery?.recipient, '分送单位');
    if (!Number.isInteger(delivery.copies) || delivery.copies < 1) throw invalidInput(`分送“${recipient}”的份数须为正整数`);
    total += delivery.copies;
    if (delivery.copyNumbers === undefined) {
      if (classified) throw refuse('DOC-6', 'invalid', `涉密公文分送“${recipient}”须逐份标注6位份号`);
      return { recipient, copies: delivery.copies };
    }
    if (delivery.copyNumbers.length !== delivery.copies) throw refuse('DOC-6', 'invalid', `分送“${recipient}”${delivery.copies}份，须对应${delivery.copies}个份号`);
    for (const copyNumber of delivery.copyNumbers) {
      if (!isCopyNumber(copyNumber)) throw refuse('DOC-6', 'invalid', `份号“${copyNumber}”须为6位阿拉伯数字，如 000001`);
      if (Number(copyNumber) > printed) throw refuse('DOC-6', 'invalid', `份号${copyNumber}超出印制份数${printed}`);
      if (used.has(copyNumber)) throw refuse('DOC-6', 'invalid', `份号${copyNumber}重复分送`);
      used.add(copyNumber);
    }
    return { recipient, copies: delivery.copies, copyNumbers: [...delivery.copyNumbers] };
  });
  if (total > printed) throw invalidInput(`分送共${total}份，超出印制份数${printed}`);
  return checked;
}

/** 发文: one stream per outgoing document, from 拟稿 to 归档 (DOC-1..DOC-7). */
export const outgoingDocumentDecider: Decider<OutgoingDocumentCommand, OutgoingDocumentEvent, OutgoingDocumentState> = {
  streamType: 'outgoingDocument',
  initialState: initialOutgoingDocumentState,
  decide: decideOutgoingDocument,
  evolve: evolveOutgoingDocument,
};
