import { isSecrecyLevel, type Command } from '@oa/core';
import { appendToLedger, type FactsContext, type Requested } from '@oa/platform';
import {
  archivalCodeSequenceId,
  itemNumberHeldBy,
  type ArchiveItemCommand,
  type ArchiveItemState,
  type FileArchiveItem,
  type RecomputedHash,
} from '@oa/domain-archives';
import { archivalCodeSequenceStream, archiveItemStream } from '../archives.service-definition';

/** 归档 as requested: without its number (ARC-2) and category; hashes recomputed by the archivist's workstation, by default those of the copies this service holds. */
export type FilingRequest = Command<
  'FileArchiveItem',
  Omit<FileArchiveItem['data'], 'categoryCode' | 'itemNumber' | 'recomputedHashes'> & { readonly recomputedHashes?: readonly RecomputedHash[] }
>;

/** The archive item commands as routes, reactions and jobs send them. */
export type ArchiveItemRequest = Requested<Exclude<ArchiveItemCommand, FileArchiveItem>, 'borrowerClearance'> | FilingRequest;

/**
 * ARC-1 归档: the 四性检测 (ARC-4) and every other check of the filing run first, on a
 * provisional number, so a refused candidate spends no number; then the number is allocated
 * on its sequence (ARC-2). An item that is not a candidate gets none: the decider refuses it.
 */
async function filingFacts(request: FilingRequest, state: ArchiveItemState, { commands }: FactsContext): Promise<FileArchiveItem> {
  const { recomputedHashes, ...data } = request.data;
  const filing = (itemNumber: number, hashes: readonly RecomputedHash[]): FileArchiveItem => ({
    ...request,
    data: { ...data, categoryCode: 'WS', itemNumber, recomputedHashes: hashes },
  });
  if (state.status !== 'candidate') return filing(0, recomputedHashes ?? []);
  const provisional = filing(1, recomputedHashes ?? state.components.map(({ componentId, hash }) => ({ componentId, hash })));
  archiveItemStream.decider.decide(provisional, state);
  const { fondsCode, year, retention, organisationCode, itemId } = data;
  const { itemNumber } = await appendToLedger(
    commands,
    {
      stream: archivalCodeSequenceStream,
      streamId: archivalCodeSequenceId(data),
      command: { type: 'AllocateArchivalItemNumber', data: { fondsCode, year, retention, organisationCode, itemId }, metadata: request.metadata },
    },
    (sequence) => itemNumberHeldBy(sequence, itemId),
  );
  return filing(itemNumber, provisional.data.recomputedHashes);
}

/** The facts of an archive item command: the filing's number, and for a loan the borrower's clearance. */
export async function archiveItemFacts(request: ArchiveItemRequest, state: ArchiveItemState, context: FactsContext): Promise<ArchiveItemCommand> {
  switch (request.type) {
    case 'FileArchiveItem':
      return filingFacts(request, state, context);
    case 'RequestArchiveItemLoan': {
      // ARC-5 the borrower's clearance is the actor's: the directory's once it is in force (DIR-2), the token's before
      const { clearance } = request.metadata.actor;
      return { ...request, data: { ...request.data, borrowerClearance: isSecrecyLevel(clearance) ? clearance : 'none' } };
    }
    default:
      return request;
  }
}
