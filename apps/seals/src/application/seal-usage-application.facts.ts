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
}

/** The seal as its stream says now (decide stays pure). */
async function sealFacts({ store }: FactsContext, sealId: string): Promise<SealFacts> {
  const facts = sealFactsOf((await store.currentState(sealDecider, sealId)).state);
  if (!facts) throw refuse('SEAL.NOT_FOUND', 'notFound', `印章 ${sealId} 不存在`);
  return facts;
}

/** SEAL-7 / DOC-7: the document's sign-off as the seals service learnt it from Kafka; never seen signed off is "not signed off". */
async function signOffFacts({ dataSource }: FactsContext, documentId: string): Promise<DocumentSignOffFacts> {
  const [row] = (await dataSource.query(`SELECT signer_id, signer_name, signed_off_at, signed_off FROM "seals".signed_off_documents WHERE document_id = $1`, [documentId])) as SignOffRow[];
  if (!row?.signed_off) return { documentId, signedOff: false };
  return { documentId, signedOff: true, signerId: row.signer_id, signerName: row.signer_name, signedOffAt: row.signed_off_at.toISOString() };
}

/** The facts of a 用印申请 command: the seal it is for, and for an application the document's sign-off. */
export async function sealUsageApplicationFacts(
  request: Requested<SealUsageApplicationCommand, 'seal' | 'document'>,
  state: SealUsageApplicationState,
  context: FactsContext,
): Promise<SealUsageApplicationCommand> {
  switch (request.type) {
    case 'CancelSealUsageApplication':
    case 'ExpireSealUsageApplication':
      return request;
    case 'ApplyForSealUsage': {
      const { documentId, sealId } = request.data;
      const document = documentId === undefined ? undefined : await signOffFacts(context, documentId);
      return { ...request, data: { ...request.data, seal: await sealFacts(context, sealId), ...(document && { document }) } };
    }
    default: {
      if (state.status === 'empty') throw refuse('SEAL_USAGE_APPLICATION.NOT_FOUND', 'notFound', `用印申请 ${request.data.applicationId} 不存在`);
      return { ...request, data: { ...request.data, seal: await sealFacts(context, state.sealId) } } as SealUsageApplicationCommand;
    }
  }
}
