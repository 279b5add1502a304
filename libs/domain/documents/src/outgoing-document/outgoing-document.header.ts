import { chineseDate } from '../document-dates';
import { renderSecrecyMarking, renderUrgencyMarking } from '../document-markings';
import { isClassified } from '../document.vocabulary';
import { notFound } from '../documents.rules';
import type { OutgoingDocumentState } from './outgoing-document.state';

/** The header fields of GB/T 9704 7.2 (and the 成文日期 of 7.3.5), as text ready to print. */
export interface DocumentHeader {
  /** 7.2.1 份号: printed per copy (6 digits) on classified documents. */
  readonly copyNumberRequired: boolean;
  /** 7.2.2 e.g. `机密★1年`. */
  readonly secrecyMarking?: string;
  /** 7.2.3 `特急` / `加急`. */
  readonly urgencyMarking?: string;
  /** 7.2.5 e.g. `国发〔2018〕1号`, once registered. */
  readonly documentNumber?: string;
  /** 7.2.6 签发人 of an upward document: the lead issuer's first, then the co-issuers'. */
  readonly signers?: readonly string[];
  /** 7.3.5.1 成文日期, e.g. `2024年7月1日`, once signed off. */
  readonly documentDate?: string;
}

/** DOC-6 / GB/T 9704: the header as the current state renders it. */
export function renderHeader(state: OutgoingDocumentState): DocumentHeader {
  if (state.status === 'empty') throw notFound('发文');
  const { content } = state;
  const signOff = 'signOff' in state ? state.signOff : undefined;
  const registration = 'registration' in state ? state.registration : undefined;
  const secrecyMarking = renderSecrecyMarking(content.secrecyLevel, content.secrecyPeriod);
  const urgencyMarking = renderUrgencyMarking(content.urgency);
  const leadSigner = signOff?.signerName ?? content.signerName;
  const coSigners = state.countersigns.filter((c) => c.party === 'coIssuer').map((c) => c.signerName);
  return {
    copyNumberRequired: isClassified(content.secrecyLevel),
    ...(secrecyMarking === undefined ? {} : { secrecyMarking }),
    ...(urgencyMarking === undefined ? {} : { urgencyMarking }),
    ...(registration === undefined ? {} : { documentNumber: registration.documentNumber }),
    ...(content.upward && leadSigner !== undefined ? { signers: [leadSigner, ...coSigners] } : {}),
    ...(signOff === undefined ? {} : { documentDate: chineseDate(signOff.documentDate) }),
  };
}
