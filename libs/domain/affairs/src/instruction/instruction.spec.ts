import { DeciderSpecification } from '@oa/core';
import { actors, commandOf } from '../affairs.fixtures';
import { instructionDecider, type InstructionCommand, type InstructionEvent } from './instruction';

const spec = DeciderSpecification.for(instructionDecider);
const command = commandOf<InstructionCommand>();
const system = { id: 'affairs', name: '办事服务', roles: [] };
// Thursday 3 December 2026, 10:00 Beijing: two working days later is Monday 7 December
const INSTRUCTED_AT = '2026-12-03T02:00:00.000Z';
const recorded: InstructionEvent = {
  type: 'InstructionRecorded',
  schemaVersion: 1,
  data: { instructionId: 'instr-41', documentId: 'doc-in-41', leader: { id: 'li.jianguo', name: '李建国' }, text: '请综合科牵头调研，月底前报告', instructedAt: INSTRUCTED_AT, dispositionDueOn: '2026-12-07' },
};

describe('领导批示 (instruction)', () => {
  it('SUP-3 records a leader’s instruction with the last working day to dispose of it (weekends skipped); a redelivery changes nothing', () => {
    const record = command('RecordInstruction', { instructionId: 'instr-41', documentId: 'doc-in-41', leader: { id: 'li.jianguo', name: '李建国' }, text: '请综合科牵头调研，月底前报告', instructedAt: INSTRUCTED_AT }, { actor: system, now: INSTRUCTED_AT });
    spec.given([]).when(record).then([recorded]);
    spec.given([recorded]).when(record).thenNothingHappens();
  });

  it('SUP-3 turns an instruction into a task on time, once', () => {
    const turn = (now: string) => command('TurnInstructionIntoTask', { taskId: 'dub-2026-017' }, { actor: actors.office, now });
    const turned: InstructionEvent = {
      type: 'InstructionTurnedIntoTask',
      schemaVersion: 1,
      data: { instructionId: 'instr-41', documentId: 'doc-in-41', taskId: 'dub-2026-017', late: false, by: { id: 'he.yulan', name: '何玉兰' }, at: '2026-12-07T09:00:00.000Z' },
    };
    // 17:00 Beijing on Monday 7 December: still the last day
    spec.given([recorded]).when(turn('2026-12-07T09:00:00.000Z')).then([turned]);
    spec.given([recorded, turned]).when(turn('2026-12-07T10:00:00.000Z')).thenThrows('SUP-3');
  });

  it('SUP-3 records that an instruction needs no task, with a reason; later than two working days is recorded late', () => {
    const none = (reason: string) => command('RecordInstructionNeedsNoTask', { reason }, { actor: actors.office, now: '2026-12-07T16:30:00.000Z' });
    spec.given([recorded]).when(none('')).thenThrows('SUP-3');
    spec
      .given([recorded])
      .when(none('批示为阅知，无具体任务'))
      .then([{ type: 'InstructionNeedsNoTask', schemaVersion: 1, data: { instructionId: 'instr-41', documentId: 'doc-in-41', reason: '批示为阅知，无具体任务', late: true, by: { id: 'he.yulan', name: '何玉兰' }, at: '2026-12-07T16:30:00.000Z' } }]);
  });
});
