import type { OutgoingDocumentRegistered, OutgoingDocumentSignedOff } from '@oa/domain-documents';
import type { SealCheckoutApproved, SealCheckoutRequested, SealHandedOver, SealKeeperAssigned, SealReturned, SealUsageApplicationApproved, SealUsageApplicationSubmitted, SealUsageRecorded } from '@oa/domain-seals';
import { STREAM_TYPES } from './events';
import type { AnyEnvelope, AuditFinding, Envelope } from './finding';
import { byStream, finding, millis, ofType, upTo } from './finding';

/**
 * AUD-1, AUD-2, AUD-3 over the `seal` and `sealUsageApplication` streams.
 * - AUD-1: a SealUsageRecorded with no SealUsageApplicationApproved before it in its
 *   application's stream (or recorded at/after the approval's expiresAt), and the usage that
 *   takes the application's impressions beyond approvedImpressions; and, for an application that
 *   references an official document (SEAL-7), a usage recorded while the document's sign-off did
 *   not stand (voided at recheck, the document withdrawn or voided), before its registration, or
 *   taking all the document's usages beyond what the registration fixed (copies × impressions
 *   per copy; a version-1 registration fixed one per copy). Read from the outgoingDocument stream.
 * - AUD-2: an approved checkout (SealCheckoutRequested.expectedReturnAt + SealCheckoutApproved)
 *   with no SealReturned by expectedReturnAt at `now`, or returned after it.
 * - AUD-3: an application approved by its applicant, or by the keeper of the seal at the
 *   approval (from SealKeeperAssigned / SealHandedOver); a checkout approved by its requester.
 */
export function detectSealFindings(events: readonly AnyEnvelope[], now: string): AuditFinding[] {
  const trail = upTo(events, now);
  const keepers = keeperHistory(trail);
  return [...usageFindings(trail, keepers), ...documentUsageFindings(trail), ...checkoutFindings(trail, now)];
}

interface KeeperPeriod {
  readonly keeperId: string;
  readonly from: number;
  readonly event: AnyEnvelope;
}

/** Per seal, who kept it from when, in stream order. */
function keeperHistory(events: readonly AnyEnvelope[]): Map<string, KeeperPeriod[]> {
  const history = new Map<string, KeeperPeriod[]>();
  for (const event of events) {
    if (event.streamType !== STREAM_TYPES.seal) continue;
    let period: KeeperPeriod | undefined;
    let sealId: string | undefined;
    if (ofType<SealKeeperAssigned>(event, 'SealKeeperAssigned')) {
      sealId = event.data.sealId;
      period = { keeperId: event.data.keeperId, from: millis(event.data.assignedAt), event };
    } else if (ofType<SealHandedOver>(event, 'SealHandedOver')) {
      sealId = event.data.sealId;
      period = { keeperId: event.data.incomingKeeperId, from: millis(event.data.handedOverAt), event };
    }
    if (sealId === undefined || period === undefined) continue;
    history.set(sealId, [...(history.get(sealId) ?? []), period]);
  }
  return history;
}

function keeperAt(history: Map<string, KeeperPeriod[]>, sealId: string, instant: string): KeeperPeriod | undefined {
  const at = millis(instant);
  return (history.get(sealId) ?? []).filter((period) => period.from <= at).at(-1);
}

function usageFindings(events: readonly AnyEnvelope[], keepers: Map<string, KeeperPeriod[]>): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const stream of byStream(events, STREAM_TYPES.sealUsageApplication).values()) {
    let submitted: Envelope<SealUsageApplicationSubmitted> | undefined;
    let approved: Envelope<SealUsageApplicationApproved> | undefined;
    let used = 0;
    for (const event of stream) {
      if (ofType<SealUsageApplicationSubmitted>(event, 'SealUsageApplicationSubmitted')) {
        submitted = event;
      } else if (ofType<SealUsageApplicationApproved>(event, 'SealUsageApplicationApproved')) {
        approved = event;
        findings.push(...selfApproval(submitted, event, keepers));
      } else if (ofType<SealUsageRecorded>(event, 'SealUsageRecorded')) {
        const usage = event.data;
        if (approved === undefined) {
          findings.push(
            finding('AUD-1', 'critical', '无审批用印', `用印 ${usage.usageId}（印章 ${usage.sealId}，申请 ${usage.applicationId}）登记时该申请未经批准。`, [
              ...(submitted ? [submitted] : []),
              event,
            ]),
          );
          continue;
        }
        if (millis(usage.usedAt) >= millis(approved.data.expiresAt)) {
          findings.push(
            finding('AUD-1', 'critical', '审批失效后用印', `用印 ${usage.usageId} 于 ${usage.usedAt} 登记，申请 ${usage.applicationId} 的批准已于 ${approved.data.expiresAt} 失效。`, [
              approved,
              event,
            ]),
          );
        }
        const before = used;
        used += usage.impressions;
        if (used > approved.data.approvedImpressions && before <= approved.data.approvedImpressions) {
          findings.push(
            finding(
              'AUD-1',
              'critical',
              '超出批准次数用印',
              `申请 ${usage.applicationId} 批准用印 ${approved.data.approvedImpressions} 次，至用印 ${usage.usageId} 累计已用 ${used} 次。`,
              [approved, event],
            ),
          );
        }
      }
    }
  }
  return findings;
}

/** The sign-off's end on the documents' stream: after it no seal is used under that sign-off (SEAL-7). */
const SIGN_OFF_ENDS = new Set(['OutgoingDocumentSignOffVoided', 'OutgoingDocumentVoided', 'OutgoingDocumentWithdrawn']);

/** A version-1 registration fixed no impressions per copy: one on each copy. */
type PublishedRegistration = Omit<OutgoingDocumentRegistered['data'], 'impressionsPerCopy'> & { readonly impressionsPerCopy?: number };

/** AUD-1 for SEAL-7: the usages of all applications for one document against its sign-off and registration, in time order. */
function documentUsageFindings(events: readonly AnyEnvelope[]): AuditFinding[] {
  const documentOf = new Map<string, string>();
  for (const event of events) {
    if (ofType<SealUsageApplicationSubmitted>(event, 'SealUsageApplicationSubmitted') && event.data.documentId !== undefined) {
      documentOf.set(event.data.applicationId, event.data.documentId);
    }
  }
  const usagesOf = new Map<string, Array<Envelope<SealUsageRecorded>>>();
  for (const event of events) {
    if (!ofType<SealUsageRecorded>(event, 'SealUsageRecorded')) continue;
    const documentId = documentOf.get(event.data.applicationId);
    if (documentId !== undefined) usagesOf.set(documentId, [...(usagesOf.get(documentId) ?? []), event]);
  }
  const findings: AuditFinding[] = [];
  for (const [documentId, usages] of usagesOf) {
    const timeline = events.filter((event) => event.streamType === STREAM_TYPES.outgoingDocument && event.streamId === documentId);
    // the documents' stream not (yet) in the trail: nothing to compare with
    if (timeline.length === 0) continue;
    let used = 0;
    let exceeded = false;
    for (const usage of [...usages].sort((a, b) => millis(a.data.usedAt) - millis(b.data.usedAt))) {
      const at = millis(usage.data.usedAt);
      const before = timeline.filter((event) => millis(event.recordedAt) <= at);
      const signOff = before.filter((event) => event.type === 'OutgoingDocumentSignedOff' || SIGN_OFF_ENDS.has(event.type)).at(-1);
      const registration = before.filter((event) => ofType<OutgoingDocumentRegistered>(event, 'OutgoingDocumentRegistered')).at(-1) as Envelope<OutgoingDocumentRegistered> | undefined;
      const { usageId, applicationId } = usage.data;
      if (signOff === undefined || !ofType<OutgoingDocumentSignedOff>(signOff, 'OutgoingDocumentSignedOff')) {
        findings.push(
          finding('AUD-1', 'critical', '签发无效时用印', `用印 ${usageId}（申请 ${applicationId}）登记时公文 ${documentId} 未签发或签发已作废（凭签发稿用印）。`, [
            ...(signOff ? [signOff] : []),
            usage,
          ]),
        );
      } else if (registration === undefined) {
        findings.push(finding('AUD-1', 'high', '公文登记前用印', `用印 ${usageId}（申请 ${applicationId}）登记时公文 ${documentId} 尚未登记编号。`, [signOff, usage]));
      }
      used += usage.data.impressions;
      if (registration === undefined || exceeded) continue;
      const data = registration.data as PublishedRegistration;
      const fixed = data.copies * (data.impressionsPerCopy ?? 1);
      if (used > fixed) {
        exceeded = true;
        findings.push(
          finding(
            'AUD-1',
            'critical',
            '超出公文登记次数用印',
            `公文 ${data.documentNumber} 登记印制 ${data.copies} 份、每份用印 ${data.impressionsPerCopy ?? 1} 次，共 ${fixed} 次；至用印 ${usageId}（申请 ${applicationId}）累计已用 ${used} 次。`,
            [registration, usage],
          ),
        );
      }
    }
  }
  return findings;
}

function selfApproval(
  submitted: Envelope<SealUsageApplicationSubmitted> | undefined,
  approval: Envelope<SealUsageApplicationApproved>,
  keepers: Map<string, KeeperPeriod[]>,
): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const { approverId, applicationId, sealId, approvedAt } = approval.data;
  if (submitted !== undefined && submitted.data.applicantId === approverId) {
    findings.push(finding('AUD-3', 'high', '自批用印申请', `用印申请 ${applicationId} 由申请人 ${approverId} 本人批准。`, [submitted, approval]));
  }
  const keeper = keeperAt(keepers, sealId, approvedAt);
  if (keeper !== undefined && keeper.keeperId === approverId) {
    findings.push(
      finding('AUD-3', 'high', '保管人审批本人保管印章的用印', `用印申请 ${applicationId} 由印章 ${sealId} 的保管人 ${approverId} 批准。`, [keeper.event, approval]),
    );
  }
  return findings;
}

function checkoutFindings(events: readonly AnyEnvelope[], now: string): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const stream of byStream(events, STREAM_TYPES.seal).values()) {
    const requests = new Map<string, Envelope<SealCheckoutRequested>>();
    const approvals = new Map<string, Envelope<SealCheckoutApproved>>();
    const returns = new Map<string, Envelope<SealReturned>>();
    for (const event of stream) {
      if (ofType<SealCheckoutRequested>(event, 'SealCheckoutRequested')) requests.set(event.data.checkoutId, event);
      else if (ofType<SealCheckoutApproved>(event, 'SealCheckoutApproved')) approvals.set(event.data.checkoutId, event);
      else if (ofType<SealReturned>(event, 'SealReturned')) returns.set(event.data.checkoutId, event);
    }
    for (const [checkoutId, approval] of approvals) {
      const request = requests.get(checkoutId);
      if (request === undefined) continue;
      const { sealId, expectedReturnAt, requestedById } = request.data;
      if (requestedById === approval.data.approverId) {
        findings.push(finding('AUD-3', 'high', '自批印章外借', `印章 ${sealId} 的外借 ${checkoutId} 由申请人 ${requestedById} 本人批准。`, [request, approval]));
      }
      const returned = returns.get(checkoutId);
      if (returned === undefined) {
        if (millis(now) > millis(expectedReturnAt)) {
          findings.push(
            finding('AUD-2', 'high', '印章外借逾期未还', `印章 ${sealId} 的外借 ${checkoutId} 应于 ${expectedReturnAt} 归还，至 ${now} 仍未归还。`, [request, approval]),
          );
        }
      } else if (returned.data.late || millis(returned.data.returnedAt) > millis(expectedReturnAt)) {
        findings.push(
          finding(
            'AUD-2',
            'medium',
            '印章外借逾期归还',
            `印章 ${sealId} 的外借 ${checkoutId} 应于 ${expectedReturnAt} 归还，实际于 ${returned.data.returnedAt} 归还。`,
            [request, approval, returned],
          ),
        );
      }
    }
  }
  return findings;
}
