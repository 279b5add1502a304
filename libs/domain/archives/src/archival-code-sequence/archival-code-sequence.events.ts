import type { DomainEvent } from '@oa/core';
import type { ArchivalCodeSequenceKey } from './archival-code-sequence.commands';

type SequenceEventOf<Type extends string, Data extends object> = DomainEvent<Type, Data> & { readonly schemaVersion: 1 };

export type ArchivalItemNumberAllocated = SequenceEventOf<
  'ArchivalItemNumberAllocated',
  ArchivalCodeSequenceKey & {
    readonly itemNumber: number;
    readonly archivalCode: string;
    readonly itemId: string;
    readonly allocatedAt: string;
  }
>;

export type ArchivalItemNumberReleased = SequenceEventOf<
  'ArchivalItemNumberReleased',
  ArchivalCodeSequenceKey & {
    readonly itemNumber: number;
    readonly archivalCode: string;
    readonly itemId: string;
    readonly reason: string;
    readonly releasedAt: string;
  }
>;

export type ArchivalCodeSequenceEvent = ArchivalItemNumberAllocated | ArchivalItemNumberReleased;

export const archivalCodeSequenceEventTypes: readonly ArchivalCodeSequenceEvent['type'][] = ['ArchivalItemNumberAllocated', 'ArchivalItemNumberReleased'];
