import { DeciderSpecification, fold, type Actor } from '@oa/core';
import type { Retention } from '../archives.vocabulary';
import type { ArchivalCodeSequenceCommand } from './archival-code-sequence.commands';
import { archivalCodeSequenceDecider } from './archival-code-sequence.decide';
import type { ArchivalItemNumberAllocated, ArchivalItemNumberReleased } from './archival-code-sequence.events';
import { archivalCodeSequenceId, itemNumberHeldBy } from './archival-code-sequence.state';

const spec = DeciderSpecification.for(archivalCodeSequenceDecider);
const NOW = '2025-03-01T02:00:00.000Z';
const archivist: Actor = { id: 'u-archivist', name: '吴档案', roles: ['archivist'] };
const key = { fondsCode: 'Z109', year: 2024, retention: 'D10' as Retention, organisationCode: 'BGS' };

const allocate = (itemId: string, overrides: Partial<typeof key> = {}): ArchivalCodeSequenceCommand => ({
  type: 'AllocateArchivalItemNumber',
  data: { ...key, ...overrides, itemId },
  metadata: { actor: archivist, now: NOW },
});
const release = (itemId: string, reason = '四性检测未通过'): ArchivalCodeSequenceCommand => ({
  type: 'ReleaseArchivalItemNumber',
  data: { itemId, reason },
  metadata: { actor: archivist, now: NOW },
});
const allocated = (itemNumber: number, itemId: string): ArchivalItemNumberAllocated => ({
  type: 'ArchivalItemNumberAllocated',
  data: { ...key, itemNumber, archivalCode: `Z109-WS·2024-D10-BGS-${String(itemNumber).padStart(4, '0')}`, itemId, allocatedAt: NOW },
  schemaVersion: 1,
});
const released = (itemNumber: number, itemId: string): ArchivalItemNumberReleased => ({
  type: 'ArchivalItemNumberReleased',
  data: { ...key, itemNumber, archivalCode: `Z109-WS·2024-D10-BGS-${String(itemNumber).padStart(4, '0')}`, itemId, reason: '四性检测未通过', releasedAt: NOW },
  schemaVersion: 1,
});

describe('ArchivalCodeSequence: when empty', () => {
  it('ARC-2 allocates item number 1 first, as Z109-WS·2024-D10-BGS-0001', () => {
    spec.given([]).when(allocate('item-a')).then([allocated(1, 'item-a')]);
    expect(archivalCodeSequenceId(key)).toBe('Z109:WS:2024:D10:BGS');
  });

  it('ARC-2 refuses a key that cannot be written in an archival code, and a release', () => {
    spec.given([]).when(allocate('item-a', { fondsCode: 'Z-109' })).thenThrows('ARC-2');
    spec.given([]).when(allocate('item-a', { retention: 'D20' as Retention })).thenThrows('ARC-2');
    spec.given([]).when(allocate(' ')).thenThrows('ARC-2');
    spec.given([]).when(release('item-a')).thenThrows('ARC-2');
  });
});

describe('ArchivalCodeSequence: when numbers were allocated', () => {
  const two = () => [allocated(1, 'item-a'), allocated(2, 'item-b')];

  it('ARC-2 allocates the last number + 1, without gaps', () => {
    spec.given(two()).when(allocate('item-c')).then([allocated(3, 'item-c')]);
  });

  it('ARC-2 allocates nothing new for an item that already holds a number (a retried request)', () => {
    spec.given(two()).when(allocate('item-b')).thenNothingHappens();
    expect(itemNumberHeldBy(fold(archivalCodeSequenceDecider, two()), 'item-b')?.archivalCode).toBe('Z109-WS·2024-D10-BGS-0002');
  });

  it('ARC-2 refuses a number of another fonds, year, retention or organisation on this sequence', () => {
    spec.given(two()).when(allocate('item-c', { fondsCode: 'Z110' })).thenThrows('ARC-2');
    spec.given(two()).when(allocate('item-c', { year: 2025 })).thenThrows('ARC-2');
    spec.given(two()).when(allocate('item-c', { retention: 'D30' })).thenThrows('ARC-2');
    spec.given(two()).when(allocate('item-c', { organisationCode: 'ZZB' })).thenThrows('ARC-2');
  });

  it('ARC-2 releases only the last number, which then goes to the next item: still no gap', () => {
    spec.given(two()).when(release('item-a')).thenThrows('ARC-2');
    spec.given(two()).when(release('item-b', ' ')).thenThrows('ARC-2');
    spec.given(two()).when(release('item-b')).then([released(2, 'item-b')]);
    spec.given([...two(), released(2, 'item-b')]).when(allocate('item-c')).then([allocated(2, 'item-c')]);
  });

  it('ARC-2 refuses a five-digit item number', () => {
    const full = Array.from({ length: 9999 }, (_, i) => allocated(i + 1, `item-${i + 1}`));
    spec.given(full).when(allocate('item-10000')).thenThrows('ARC-2');
  });
});
