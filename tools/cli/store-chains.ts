import type { Client } from 'pg';
import { verifyChain, type EventEnvelope } from '@oa/core';
import { STORED_EVENT_COLUMNS, rowToEnvelope } from '@oa/platform';

export interface StoreChains {
  readonly streams: number;
  readonly events: number;
  readonly broken: ReadonlyArray<{ readonly streamId: string; readonly problems: readonly string[] }>;
}

/** How many streams a service's store holds (the progress bar's total). */
export async function countStreams(client: Client, schema: string): Promise<number> {
  const { rows } = await client.query<{ streams: string }>(`SELECT count(DISTINCT stream_id)::text AS streams FROM "${schema}".events`);
  return Number(rows[0]?.streams ?? 0);
}

/** Recomputes every stream's hash chain in one ordered pass; `onStream` after each stream. */
export async function verifyStoreChains(client: Client, schema: string, onStream: (broken: number) => void = () => undefined): Promise<StoreChains> {
  const broken: Array<{ streamId: string; problems: string[] }> = [];
  let streams = 0;
  let events = 0;
  let current: EventEnvelope[] = [];
  const finish = () => {
    if (current.length === 0) return;
    const breaks = verifyChain(current);
    if (breaks.length > 0) broken.push({ streamId: current[0]!.streamId, problems: breaks.map((b) => ('streamVersion' in b ? `${b.kind}@${b.streamVersion}` : b.kind)) });
    current = [];
    streams += 1;
    onStream(broken.length);
  };
  // a stream's events are contiguous in this order
  const { rows } = await client.query(`SELECT ${STORED_EVENT_COLUMNS} FROM "${schema}".events ORDER BY stream_id, stream_version`);
  for (const row of rows) {
    const event = rowToEnvelope(row);
    if (current.length > 0 && current[0]!.streamId !== event.streamId) finish();
    current.push(event);
    events += 1;
  }
  finish();
  return { streams, events, broken };
}

/** A schema name as the services use it: it goes into SQL text, so nothing else passes. */
export function checkedSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`schema 名称不合法：${schema}`);
  return schema;
}
