import { isClassified, isSecrecyLevel, type Command } from '@oa/core';
import { appendToLedger, type FactsContext, type FileStore, type Requested } from '@oa/platform';
import {
  archivalCodeSequenceId,
  itemNumberHeldBy,
  type ArchiveItemCommand,
  type ArchiveItemState,
  type CheckArchiveItemFourProperties,
  type FileArchiveItem,
  type RecomputedHash,
} from '@oa/domain-archives';
import { archivalCodeSequenceStream, archiveItemStream } from '../archives.service-definition';

/** 归档 as requested: without its number (ARC-2) and category, nor the digests: those are recomputed here from the stored copies (ARC-4). */
export type FilingRequest = Command<'FileArchiveItem', Omit<FileArchiveItem['data'], 'categoryCode' | 'itemNumber' | 'recomputedHashes'>>;

/** 四性检测 as requested: the digests are the stored copies', recomputed here. */
export type FourPropertiesCheckRequest = Command<'CheckArchiveItemFourProperties', Omit<CheckArchiveItemFourProperties['data'], 'recomputedHashes'>>;

/** The archive item commands as routes, reactions and jobs send them. */
export type ArchiveItemRequest =
  | Requested<Exclude<ArchiveItemCommand, FileArchiveItem | CheckArchiveItemFourProperties>, 'borrowerClearance'>
  | FilingRequest
  | FourPropertiesCheckRequest;

/**
 * ARC-4 every digest and format recomputed from the copies this service stores (FILE-4): a
 * component without a copy is left out (integrity fails: missing), a sealed copy whose chunks
 * were changed cannot be read back (authenticity fails: its digest is not the recorded one).
 */
async function storedDigests(state: ArchiveItemState, files: FileStore | undefined): Promise<RecomputedHash[]> {
  if (state.status === 'empty' || !files) return [];
  const recomputed: RecomputedHash[] = [];
  for (const copy of state.copies) {
    const component = state.components.find((candidate) => candidate.componentId === copy.componentId);
    const file = await files.find(copy.sha256, isClassified(state.secrecyLevel));
    if (!component || !file) continue;
    const digests = await files.recompute(file).catch(() => undefined);
    const hash = digests === undefined ? 'unreadable' : component.hashAlgorithm === 'sm3' ? (digests.sm3 ?? '') : digests.sha256;
    recomputed.push({ componentId: component.componentId, hash, format: file.format });
  }
  return recomputed;
}

/**
 * ARC-1 归档: the 四性检测 (ARC-4) and every other check of the filing run first, on a
 * provisional number, so a refused candidate spends no number; then the number is allocated
 * on its sequence (ARC-2). An item that is not a candidate gets none: the decider refuses it.
 */
async function filingFacts(request: FilingRequest, state: ArchiveItemState, { commands, files }: FactsContext): Promise<FileArchiveItem> {
  const { data } = request;
  const filing = (itemNumber: number, hashes: readonly RecomputedHash[]): FileArchiveItem => ({
    ...request,
    data: { ...data, categoryCode: 'WS', itemNumber, recomputedHashes: hashes },
  });
  if (state.status !== 'candidate') return filing(0, []);
  const provisional = filing(1, await storedDigests(state, files));
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
    case 'CheckArchiveItemFourProperties':
      return { ...request, data: { ...request.data, recomputedHashes: await storedDigests(state, context.files) } };
    case 'RequestArchiveItemLoan': {
      // ARC-5 the borrower's clearance is the actor's: the directory's once it is in force (DIR-2), the token's before
      const { clearance } = request.metadata.actor;
      return { ...request, data: { ...request.data, borrowerClearance: isSecrecyLevel(clearance) ? clearance : 'none' } };
    }
    default:
      return request;
  }
}
