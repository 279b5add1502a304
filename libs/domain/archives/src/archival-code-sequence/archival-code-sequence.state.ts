import type { ArchivalCodeSequenceKey } from './archival-code-sequence.commands';
import type { ArchivalCodeSequenceEvent } from './archival-code-sequence.events';

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

export function evolveArchivalCodeSequence(state: ArchivalCodeSequenceState, event: ArchivalCodeSequenceEvent): ArchivalCodeSequenceState {
  switch (event.type) {
    case 'ArchivalItemNumberAllocated': {
      const { fondsCode, year, retention, organisationCode, itemNumber, archivalCode, itemId } = event.data;
      const entries = state.status === 'open' ? state.entries : [];
      return { status: 'open', fondsCode, year, retention, organisationCode, entries: [...entries, { itemNumber, archivalCode, itemId }] };
    }
    case 'ArchivalItemNumberReleased':
      if (state.status === 'empty') return state;
      return { ...state, entries: state.entries.filter((entry) => entry.itemNumber !== event.data.itemNumber) };
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}
