import type { ArchivalCodeSequenceKey } from './archival-code-sequence.commands';

export interface ArchivalCodeSequenceEntry {
  readonly itemNumber: number;
  readonly archivalCode: string;
  readonly itemId: string;
}

/** One stream per fonds, year, retention and organisation: `archivalCodeSequenceId(key)`. */
export type ArchivalCodeSequenceState =
  | { readonly status: 'empty' }
  | (ArchivalCodeSequenceKey & {
      readonly status: 'open';
      /** The numbers held, 1 … n with no gap (ARC-2). */
      readonly entries: readonly ArchivalCodeSequenceEntry[];
    });

export const initialArchivalCodeSequenceState = (): ArchivalCodeSequenceState => ({ status: 'empty' });

export function archivalCodeSequenceId({ fondsCode, year, retention, organisationCode }: ArchivalCodeSequenceKey): string {
  return `${fondsCode}:WS:${year}:${retention}:${organisationCode}`;
}

/** The number held by an item, if any: what the service reads back after allocating. */
export function itemNumberHeldBy(state: ArchivalCodeSequenceState, itemId: string): ArchivalCodeSequenceEntry | undefined {
  return state.status === 'open' ? state.entries.find((entry) => entry.itemId === itemId) : undefined;
}
