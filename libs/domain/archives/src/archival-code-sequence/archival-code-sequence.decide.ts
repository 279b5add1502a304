import { isBlank, nowOf, type Decider } from '@oa/core';
import { fondsCodeProblem, formatArchivalCode, organisationCodeProblem } from '../archival-code';
import { refuse } from '../archives.rules';
import { isRetention } from '../archives.vocabulary';
import type { AllocateArchivalItemNumber, ArchivalCodeSequenceCommand, ReleaseArchivalItemNumber } from './archival-code-sequence.commands';
import type { ArchivalCodeSequenceEvent } from './archival-code-sequence.events';
import { evolveArchivalCodeSequence, initialArchivalCodeSequenceState, itemNumberHeldBy, type ArchivalCodeSequenceState } from './archival-code-sequence.state';

export const archivalCodeSequenceStreamType = 'archivalCodeSequence';

export type ArchivalCodeSequenceDecider = Decider<ArchivalCodeSequenceCommand, ArchivalCodeSequenceEvent, ArchivalCodeSequenceState> & {
  readonly streamType: typeof archivalCodeSequenceStreamType;
};

/** Four digits (ARC-2): a sequence ends at 9999. */
export const MAX_ITEM_NUMBER = 9999;

const event = <E extends ArchivalCodeSequenceEvent>(type: E['type'], data: E['data']): E => ({ type, data, schemaVersion: 1 }) as E;

export function decideArchivalCodeSequence(command: ArchivalCodeSequenceCommand, state: ArchivalCodeSequenceState): ArchivalCodeSequenceEvent[] {
  nowOf(command.metadata.now);
  switch (command.type) {
    case 'AllocateArchivalItemNumber':
      return allocate(command, state);
    case 'ReleaseArchivalItemNumber':
      return release(command, state);
    default: {
      const unexpected: never = command;
      throw new TypeError(`unknown archival code sequence command ${(unexpected as { type: string }).type}`);
    }
  }
}

function allocate(command: AllocateArchivalItemNumber, state: ArchivalCodeSequenceState): ArchivalCodeSequenceEvent[] {
  const { fondsCode, year, retention, organisationCode, itemId } = command.data;
  if (isBlank(itemId)) throw refuse('ARC-2', 'invalid', '分配件号须指明档案');
  const problem =
    fondsCodeProblem(fondsCode) ??
    organisationCodeProblem(organisationCode) ??
    (Number.isInteger(year) && year >= 1000 && year <= 9999 ? undefined : `年度须为四位整数，收到 ${String(year)}`) ??
    (isRetention(retention) ? undefined : `保管期限“${String(retention)}”无效`);
  if (problem) throw refuse('ARC-2', 'invalid', problem);
  if (
    state.status === 'open' &&
    (state.fondsCode !== fondsCode || state.year !== year || state.retention !== retention || state.organisationCode !== organisationCode)
  ) {
    throw refuse('ARC-2', 'invalid', `此件号序列属于 ${state.fondsCode}·${state.year}-${state.retention}-${state.organisationCode}，不能分配其他全宗、年度、保管期限或机构的件号`);
  }
  // Idempotent for a retried request: an item holds at most one number.
  if (itemNumberHeldBy(state, itemId)) return [];
  // ARC-2 gapless: 1, 2, 3 … within fonds, year, retention and organisation
  const itemNumber = (state.status === 'open' ? state.entries.length : 0) + 1;
  if (itemNumber > MAX_ITEM_NUMBER) throw refuse('ARC-2', 'conflict', `件号已达上限 ${MAX_ITEM_NUMBER}`);
  const archivalCode = formatArchivalCode({ fondsCode, categoryCode: 'WS', year, retention, organisationCode, itemNumber });
  return [event('ArchivalItemNumberAllocated', { fondsCode, year, retention, organisationCode, itemNumber, archivalCode, itemId, allocatedAt: command.metadata.now })];
}

function release(command: ReleaseArchivalItemNumber, state: ArchivalCodeSequenceState): ArchivalCodeSequenceEvent[] {
  if (state.status === 'empty') throw refuse('ARC-2', 'conflict', '件号序列尚未分配任何件号');
  const { itemId } = command.data;
  const reason = command.data.reason?.trim();
  if (!reason) throw refuse('ARC-2', 'invalid', '释放件号须说明理由');
  const held = itemNumberHeldBy(state, itemId);
  if (!held) throw refuse('ARC-2', 'conflict', `档案 ${itemId} 未持有此序列的件号`);
  // Releasing an earlier number would leave a gap.
  if (held.itemNumber !== state.entries.length) throw refuse('ARC-2', 'conflict', `只能释放最后分配的件号，${held.archivalCode} 之后已有件号`);
  const { fondsCode, year, retention, organisationCode } = state;
  return [
    event('ArchivalItemNumberReleased', {
      fondsCode,
      year,
      retention,
      organisationCode,
      itemNumber: held.itemNumber,
      archivalCode: held.archivalCode,
      itemId,
      reason,
      releasedAt: command.metadata.now,
    }),
  ];
}

/** 件号序列: the gapless item numbers of one fonds, year, retention and organisation (ARC-2). */
export const archivalCodeSequenceDecider: ArchivalCodeSequenceDecider = {
  streamType: archivalCodeSequenceStreamType,
  initialState: initialArchivalCodeSequenceState,
  decide: decideArchivalCodeSequence,
  evolve: evolveArchivalCodeSequence,
};
