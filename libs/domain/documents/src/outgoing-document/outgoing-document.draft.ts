import { optional } from '../document-event';
import { recordedTitle } from '../document-title';
import { assertSecrecy, assertUrgency } from '../document-markings';
import { issuerCodeProblem } from '../document-number/document-number';
import {
  DOCUMENT_TYPES,
  assertContentHash,
  assertText,
  isDocumentType,
  type Attachment,
  type Recipient,
} from '../document.vocabulary';
import { invalidInput, refuse } from '../documents.rules';
import type { OutgoingDocumentDraftInput } from './outgoing-document.commands';
import type { OutgoingDocumentContent } from './outgoing-document.events';

const RECIPIENT_KINDS = ['organ', 'leader'];
const RELATIONS = ['superior', 'peer', 'subordinate', 'unrelated'];

function recipients(list: readonly Recipient[] | undefined, what: string): readonly Recipient[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw invalidInput(`${what}须为列表`);
  return list.map((recipient: Recipient) => {
    const name = assertText(recipient?.name, `${what}名称`);
    if (!RECIPIENT_KINDS.includes(recipient.kind)) throw invalidInput(`${what}“${name}”须注明是机关（organ）还是领导者个人（leader）`);
    if (!RELATIONS.includes(recipient.relation)) throw invalidInput(`${what}“${name}”须注明与发文机关的关系（superior、peer、subordinate 或 unrelated）`);
    return { name, kind: recipient.kind, relation: recipient.relation };
  });
}

function codes(list: readonly string[] | undefined, what: string): readonly string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw invalidInput(`${what}须为列表`);
  const trimmed = list.map((code) => assertText(code, what));
  const duplicate = trimmed.find((code, index) => trimmed.indexOf(code) !== index);
  // DOC-3 each party countersigns once; a duplicate would leave the list never complete or double-counted.
  if (duplicate !== undefined) throw refuse('DOC-3', 'invalid', `${what}“${duplicate}”重复列出`);
  return trimmed;
}

function attachments(list: readonly Attachment[] | undefined): readonly Attachment[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw invalidInput('附件须为列表');
  return list.map((attachment: Attachment) => ({
    name: assertText(attachment?.name, '附件名称'),
    hash: assertContentHash(attachment?.hash, '附件摘要'),
  }));
}

/** COMMON-3 the readers named with a draft: user ids, each once. */
export function normalizeReaders(readers: readonly string[] | undefined): readonly string[] {
  if (readers === undefined) return [];
  if (!Array.isArray(readers)) throw invalidInput('知悉人员须为用户标识列表');
  return [...new Set(readers.map((reader) => assertText(reader, '知悉人员')))];
}

/**
 * Checks a draft against the input rules and DOC-3, DOC-5, DOC-6 and returns it as recorded
 * (lists present, flags defaulted, optional keys left out). Used at drafting and at every revision,
 * so a document in the stream always satisfies them.
 */
export function normalizeDraft(input: OutgoingDocumentDraftInput, documentId: string): OutgoingDocumentContent {
  if (!isDocumentType(input.type)) {
    throw invalidInput(`文种须为《党政机关公文处理工作条例》第八条规定的15种之一（${Object.keys(DOCUMENT_TYPES).join('、')}），收到“${String(input.type)}”`);
  }
  const title = assertText(input.title, '标题');
  const issuerProblem = issuerCodeProblem(input.issuerCode);
  if (issuerProblem) throw refuse('DOC-4', 'invalid', issuerProblem);
  const mainRecipients = recipients(input.mainRecipients, '主送机关');
  const copyRecipients = recipients(input.copyRecipients, '抄送机关');
  assertSecrecy(input.secrecyLevel, input.secrecyPeriod);
  assertUrgency(input.urgency);
  const contentHash = assertContentHash(input.contentHash, '正文摘要');
  const countersignDepartments = codes(input.countersignDepartments, '会签部门');
  const coIssuers = codes(input.coIssuers, '联合发文机关');
  for (const coIssuer of coIssuers) {
    const problem = issuerCodeProblem(coIssuer);
    if (problem) throw refuse('DOC-3', 'invalid', `联合发文机关：${problem}`);
  }
  // DOC-4 a joint document uses the lead issuer's number, so the lead is not also a co-issuer.
  if (coIssuers.includes(input.issuerCode)) throw refuse('DOC-3', 'invalid', `主办机关“${input.issuerCode}”不能同时列为联合发文机关`);
  const upward = input.upward ?? false;
  const important = input.important ?? false;
  if (typeof upward !== 'boolean' || typeof important !== 'boolean') throw invalidInput('上行文和重要公文标记须为布尔值');
  const signerName = input.signerName === undefined ? undefined : assertText(input.signerName, '签发人');
  if (input.matterCount !== undefined && (!Number.isInteger(input.matterCount) || input.matterCount < 1)) {
    throw invalidInput('请示事项数须为正整数');
  }
  if (input.includesRequestItems !== undefined && typeof input.includesRequestItems !== 'boolean') throw invalidInput('是否夹带请示事项须为布尔值');

  if (input.type === 'request') {
    // DOC-5 the Regulation art. 15(3) and 16: 请示 is upward, 一文一事, one main recipient, no leader personally, no subordinates copied.
    if (!upward) throw refuse('DOC-5', 'invalid', '请示属于上行文，须标记为上行文');
    if (mainRecipients.length !== 1) throw refuse('DOC-5', 'invalid', `请示应当只主送一个上级机关，现主送${mainRecipients.length}个`);
    const [main] = mainRecipients as [Recipient];
    if (main.kind === 'leader') throw refuse('DOC-5', 'invalid', `请示不得直接送领导者个人（主送“${main.name}”）`);
    if ((input.matterCount ?? 1) !== 1) throw refuse('DOC-5', 'invalid', `请示应当一文一事，本件含${input.matterCount}项事项`);
    const subordinate = [...mainRecipients, ...copyRecipients].find((recipient) => recipient.relation === 'subordinate');
    if (subordinate) throw refuse('DOC-5', 'invalid', `请示不得抄送下级机关（“${subordinate.name}”）`);
  }
  if (input.type === 'report' && input.includesRequestItems === true) {
    // DOC-5 the Regulation art. 15(3): 报告不得夹带请示事项.
    throw refuse('DOC-5', 'invalid', '报告不得夹带请示事项，请示事项须另行请示');
  }
  // DOC-5 GB/T 9704 7.2.6 上行文应当标注签发人姓名.
  if (upward && signerName === undefined) throw refuse('DOC-5', 'invalid', '上行文须标注签发人姓名');

  return {
    type: input.type,
    // COMMON-3 from 秘密 up the events carry the title's digest; the service keeps the title
    ...recordedTitle(documentId, title, input.secrecyLevel),
    issuerCode: input.issuerCode,
    mainRecipients,
    copyRecipients,
    secrecyLevel: input.secrecyLevel,
    ...optional('secrecyPeriod', input.secrecyPeriod === undefined ? undefined : { unit: input.secrecyPeriod.unit, value: input.secrecyPeriod.value }),
    urgency: input.urgency,
    contentHash,
    attachments: attachments(input.attachments),
    countersignDepartments,
    coIssuers,
    upward,
    important,
    ...optional('signerName', signerName),
    ...optional('matterCount', input.matterCount),
    ...optional('includesRequestItems', input.includesRequestItems),
  };
}
