import type { FactsContext, Requested } from '@oa/platform';
import {
  refuse,
  sealDecider,
  sealFactsOf,
  type DocumentSignOffFacts,
  type SealFacts,
  type SealUsageApplicationCommand,
  type SealUsageApplicationState,
} from '@oa/domain-seals';

interface SignOffRow {
  signer_id: string;
  signer_name: string;
  signed_off_at: Date;
  signed_off: boolean;
  document_number: string | null;
  copies: number | null;
  impressions_per_copy: number | null;
  registered_at: Date | null;
}

interface ElsewhereRow {
  approved: string;
  used: string;
}

/** The seal as its stream says at the append (decide stays pure; the append checks the seal did not move). */
async function sealFacts(context: FactsContext, sealId: string): Promise<SealFacts> {
  const facts = sealFactsOf((await context.fact(sealDecider, sealId)).state);
  if (!facts) throw refuse('SEAL.NOT_FOUND', 'notFound', `印章 ${sealId} 不存在`);
  return facts;
}

/**
 * SEAL-7 / DOC-7: the document's sign-off and registration as the seals service learnt them from
 * Kafka (never seen signed off is "not signed off"), and what the document's other applications
 * hold and have used, summed from the applications' read model: requested while pending, approved
 * while open or used up, used once cancelled or expired, nothing once rejected.
 */
async function documentFacts({ dataSource }: FactsContext, documentId: string, applicationId: string): Promise<DocumentSignOffFacts> {
  const [[row], [elsewhere]] = (await Promise.all([
    dataSource.query(
      `SELECT signer_id, signer_name, signed_off_at, signed_off, document_number, copies, impressions_per_copy, registered_at FROM "seals".signed_off_documents WHERE document_id = $1`,
      [documentId],
    ),
    dataSource.query(
      `SELECT COALESCE(SUM(CASE WHEN status = 'submitted' THEN impressions
                                WHEN status IN ('approved', 'fullyUsed') THEN approved_impressions
                                ELSE used_impressions END), 0) AS approved,
              COALESCE(SUM(used_impressions), 0) AS used
         FROM "seals".seal_usage_applications WHERE document_id = $1 AND id <> $2`,
      [documentId, applicationId],
    ),
  ])) as [SignOffRow[], ElsewhereRow[]];
  const counts = { impressionsApprovedElsewhere: Number(elsewhere?.approved ?? 0), impressionsUsedElsewhere: Number(elsewhere?.used ?? 0) };
  if (!row?.signed_off) return { documentId, signedOff: false, ...counts };
  const registration =
    row.document_number !== null && row.copies !== null && row.registered_at !== null
      ? { documentNumber: row.document_number, copies: row.copies, impressionsPerCopy: row.impressions_per_copy ?? 1, registeredAt: row.registered_at.toISOString() }
      : undefined;
  return {
    documentId,
    signedOff: true,
    signerId: row.signer_id,
    signerName: row.signer_name,
    signedOffAt: row.signed_off_at.toISOString(),
    ...(registration && { registration }),
    ...counts,
  };
}

/** The facts of a 用印申请 command: the seal it is for, and for an application the document's sign-off. */
export async function sealUsageApplicationFacts(
  request: Requested<SealUsageApplicationCommand, 'seal' | 'document'>,
  state: SealUsageApplicationState,
  context: FactsContext,
): Promise<SealUsageApplicationCommand> {
  switch (request.type) {
    case 'CancelSealUsageApplication':
    case 'CancelSealUsageApplicationForDocument':
    case 'ExpireSealUsageApplication':
      return request;
    case 'ApplyForSealUsage': {
      const { documentId, sealId, applicationId } = request.data;
      const [seal, document] = await Promise.all([sealFacts(context, sealId), documentId === undefined ? undefined : documentFacts(context, documentId, applicationId)]);
      return { ...request, data: { ...request.data, seal, ...(document && { document }) } };
    }
    case 'RecordSealUsage': {
      if (state.status === 'empty') throw refuse('SEAL_USAGE_APPLICATION.NOT_FOUND', 'notFound', `用印申请 ${request.data.applicationId} 不存在`);
      // SEAL-7 checked again at the usage: the sign-off still stands, the document is registered, the registration's impressions are not exceeded
      const [seal, document] = await Promise.all([sealFacts(context, state.sealId), state.documentId === undefined ? undefined : documentFacts(context, state.documentId, state.applicationId)]);
      return { ...request, data: { ...request.data, seal, ...(document && { document }) } };
    }
    default: {
      if (state.status === 'empty') throw refuse('SEAL_USAGE_APPLICATION.NOT_FOUND', 'notFound', `用印申请 ${request.data.applicationId} 不存在`);
      return { ...request, data: { ...request.data, seal: await sealFacts(context, state.sealId) } } as SealUsageApplicationCommand;
    }
  }
}
