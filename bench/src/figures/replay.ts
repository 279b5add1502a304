import { randomUUID } from 'node:crypto';
import { EMPTY_STREAM, EventStore, historyOf } from '@oa/platform';
import { sealDecider, sealStreamType, type SealEvent } from '@oa/domain-seals';
import type { BenchContext } from '../context';
import { latencies, median, now } from '../measure';
import { benchMetadata } from '../workload';

const HOUR = 3600_000;

/** A seal's life of `count` events: registered, keeper assigned, activated, then suspended and resumed in turn. */
function sealLife(sealId: string, count: number, start: number): Array<{ event: SealEvent; at: string }> {
  const at = (n: number) => new Date(start + n * HOUR).toISOString();
  const life: SealEvent[] = [
    { type: 'SealRegistered', data: { sealId, kind: 'office', name: '某某办公室印章', owningUnit: '办公室', engravingApprovalReference: '某公安备〔2026〕12号', impressionImageHash: 'sha256:0f3a9c', registeredAt: at(0) } } as SealEvent,
    { type: 'SealKeeperAssigned', data: { sealId, keeperId: 'u-keeper', keeperName: '李四', assignedAt: at(1) } } as SealEvent,
    { type: 'SealActivated', data: { sealId, activatedAt: at(2) } } as SealEvent,
  ];
  for (let n = life.length; n < count; n += 1) {
    life.push((n % 2 === 1 ? { type: 'SealSuspended', data: { sealId, reason: '送修', suspendedAt: at(n) } } : { type: 'SealResumed', data: { sealId, resumedAt: at(n) } }) as SealEvent);
  }
  return life.map((event, n) => ({ event, at: at(n) }));
}

/**
 * Figure 6: what an auditor or a service asks of one long stream — its whole history, and
 * its state as of an instant (folded by the seal decider) — as the seals queries do.
 */
export async function replayFigure(context: BenchContext): Promise<void> {
  const { options } = context;
  const dataSource = await context.store('replay', 4);
  const store = new EventStore(dataSource, 'bench');
  const sealId = randomUUID();
  const start = Date.parse('2025-01-01T00:00:00.000Z');
  let head = EMPTY_STREAM;
  for (const { event, at } of sealLife(sealId, options.replayEvents, start)) {
    head = EventStore.headOf(await store.append({ streamType: sealStreamType, streamId: sealId, expected: head, events: [event], metadata: benchMetadata, recordedAt: at }));
  }
  const asOf = new Date(start + Math.floor(options.replayEvents / 2) * HOUR + HOUR / 2).toISOString();
  const historyP99: number[] = [];
  const firstHistoryP99: number[] = [];
  const stateP99: number[] = [];
  for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
    const history: number[] = [];
    const firstHistory: number[] = [];
    const state: number[] = [];
    for (let n = 0; n < options.replayOps; n += 1) {
      // read again (the store keeps the stream) and as the first read of a process (a store that kept nothing)
      for (const [reader, times] of [[store, history], [new EventStore(dataSource, 'bench'), firstHistory]] as const) {
        const begin = now();
        const { events } = await reader.foldStream(sealDecider, sealId);
        if (historyOf(events).length !== options.replayEvents) throw new Error('replay: incomplete history');
        times.push(now() - begin);
      }
      const begin = now();
      const asOfState = await store.foldStream(sealDecider, sealId, { asOf });
      if (asOfState.version !== Math.floor(options.replayEvents / 2) + 1) throw new Error(`replay: state as of ${asOf} at version ${asOfState.version}`);
      state.push(now() - begin);
    }
    historyP99.push(latencies(history).p99);
    firstHistoryP99.push(latencies(firstHistory).p99);
    stateP99.push(latencies(state).p99);
  }
  const stateFigure = median(stateP99);
  for (const [label, p99s] of [['read again (kept)', historyP99], ['first read in a process', firstHistoryP99]] as const) {
    const p99 = median(p99s);
    context.report({ figure: '6', measurement: `history of a ${options.replayEvents}-event stream, ${label}, p99`, value: p99, unit: 'ms', goal: '< 20 ms', met: p99 < 20 });
  }
  context.report({ figure: '6', measurement: `state as of an instant (${Math.floor(options.replayEvents / 2) + 1} events folded), p99`, value: stateFigure, unit: 'ms', goal: '< 20 ms', met: stateFigure < 20 });
  await dataSource.destroy();
}
