import { readFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector/promises';

/**
 * Where a served request's CPU goes: this process's V8 sampling profile (what `node --cpu-prof`
 * writes, here around one load only) summed into the request path's stages.
 */

export const NODE_CORE = 'Node core (http, net, streams, timers)';
export const GC = '(garbage collector)';
const IDLE = '(idle: waiting on the socket, PostgreSQL)';
const PROGRAM = '(program: V8 and native code outside a script)';
/** The bench's own frames in this process (the profiler's session, the load's child process): not the service's. */
const BENCH = '(the bench itself: profiler, load driver)';
/**
 * Time the service's thread was ready to run but another process had the core (2 cores shared
 * with PostgreSQL, Kafka and the load tool). V8 takes no sample then and charges the gap to
 * the next one: mostly a socket write, as writing to PostgreSQL wakes its backend on our core.
 */
const WAITING = '(waiting for a core: PostgreSQL, Kafka, the load tool ran)';
const NOT_THE_SERVICE = new Set([IDLE, BENCH, WAITING]);
/** A write to a socket: on loopback the kernel delivers it to the reader inside the syscall, so it is I/O, whoever wrote. */
const SOCKET_WRITES = 'socket writes (the kernel on loopback: HTTP replies, PostgreSQL, Kafka)';
const WRITE_BINDINGS = new Set(['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String', 'writeAsciiString']);

/** A stage and the code it is: a pattern over a frame's script URL. The first that matches wins. */
export const STAGES: ReadonlyArray<readonly [string, RegExp]> = [
  ['JWT (jose)', /\/node_modules\/jose\//],
  ['validation (class-validator, class-transformer)', /\/node_modules\/(class-validator|class-transformer|validator|libphonenumber-js)\//],
  ['logging (pino)', /\/node_modules\/(pino|pino-http|nestjs-pino|pino-std-serializers|sonic-boom|fast-redact|quick-format-unescaped|thread-stream)\//],
  ['metrics (prom-client)', /\/node_modules\/(prom-client|tdigest|bintrees)\//],
  ['Fastify (routing, body parsing, replies)', /\/node_modules\/(fastify|@fastify\/[^/]+|find-my-way|light-my-request|avvio|fast-json-stringify|fast-querystring|secure-json-parse|toad-cache|abstract-logging|process-warning|path-to-regexp|content-type|proxy-addr|fast-decode-uri-component|ret|safe-regex2)\//],
  ['NestJS and RxJS (routing, guards, interceptors, pipes, CQRS)', /\/node_modules\/(@nestjs|rxjs|reflect-metadata|tslib)\//],
  ['TypeORM', /\/node_modules\/typeorm\//],
  ['pg driver', /\/node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-array|postgres-date|postgres-interval|postgres-bytea|buffer-writer|packet-reader)\//],
  ['Kafka relay (KafkaJS)', /\/node_modules\/kafkajs\//],
  ['event store (hash chain, append, read)', /\/libs\/common\/platform\/src\/event-store\//],
  ['domain (decide, evolve)', /\/libs\/domain\//],
  ['our HTTP pipeline (guards, interceptors, filters, rate limit, directory)', /\/libs\/common\/platform\/src\/(nest|auth|observability|directory)\//],
  ['our command path (facts, handler, outbox)', /\/libs\/common\/(platform|core)\/src\//],
  ['the seals service', /\/apps\/seals\//],
  [BENCH, /\/bench\/src\//],
  ['other libraries', /\/node_modules\//],
];

export interface StageCost {
  readonly stage: string;
  /** CPU milliseconds per request. */
  readonly millisPerRequest: number;
  readonly share: number;
}

/** Milliseconds the main thread spent on a core and waiting in the run queue for one. */
export interface ThreadTimes {
  readonly onCore: number;
  readonly waiting: number;
}

/** The main thread's counters from Linux's schedstat (its task id is the process id); undefined elsewhere. */
function mainThreadTimes(): ThreadTimes | undefined {
  try {
    const [onCore, waiting] = readFileSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return { onCore: onCore! / 1e6, waiting: waiting! / 1e6 };
  } catch {
    return undefined;
  }
}

/** Runs `load` under the sampling profiler; the profile of what the process did meanwhile, and its main thread's times. */
export async function profiled<T>(load: () => Promise<T>): Promise<{ result: T; profile: Profiler.Profile; thread?: ThreadTimes }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const before = mainThreadTimes();
    const result = await load();
    const after = mainThreadTimes();
    const { profile } = await session.post('Profiler.stop');
    const thread = before && after && { onCore: after.onCore - before.onCore, waiting: after.waiting - before.waiting };
    return { result, profile, ...(thread && { thread }) };
  } finally {
    session.disconnect();
  }
}

/**
 * Each sample goes to the stage of the innermost frame that is a script of ours or a library's:
 * a native or Node-internal frame (JSON.parse) is charged to whoever called it, and only a stack
 * of Node's own frames (the HTTP parser, the event loop) is Node's; socket writes are their own.
 *
 * With the thread's times, a busy sample weighs its share of the time on a core (V8 samples a
 * running thread at a steady rate), and the run queue's wait is a line of its own; without
 * them, each sample weighs the time since the one before, waits included.
 */
export function stagesOf(profile: Profiler.Profile, requests: number, thread?: ThreadTimes): StageCost[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const stageOfNode = new Map<number, string>();
  const stageOf = (id: number): string => {
    const known = stageOfNode.get(id);
    if (known) return known;
    const { callFrame } = byId.get(id)!;
    let stage: string | undefined;
    if (callFrame.functionName === '(garbage collector)') stage = GC;
    else if (callFrame.functionName === '(idle)') stage = IDLE;
    else if (callFrame.functionName === '(program)') stage = PROGRAM;
    else if (callFrame.url && !callFrame.url.startsWith('node:')) stage = STAGES.find(([, pattern]) => pattern.test(callFrame.url))?.[0] ?? 'other';
    const parent = parentOf.get(id);
    stage ??= parent === undefined ? NODE_CORE : stageOf(parent);
    stageOfNode.set(id, stage);
    return stage;
  };
  const millis = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const stages = samples.map((id) => (WRITE_BINDINGS.has(byId.get(id)!.callFrame.functionName) ? SOCKET_WRITES : stageOf(id)));
  const perBusySample = thread && thread.onCore / stages.filter((stage) => stage !== IDLE).length;
  stages.forEach((stage, index) => {
    const weight = perBusySample !== undefined && stage !== IDLE ? perBusySample : (deltas[index] ?? 0) / 1000;
    millis.set(stage, (millis.get(stage) ?? 0) + weight);
  });
  if (thread) millis.set(WAITING, thread.waiting);
  return stageCosts(millis, requests);
}

/** Milliseconds by stage as a table per request, largest first; a share is of the service's own time. */
export function stageCosts(millis: ReadonlyMap<string, number>, requests: number): StageCost[] {
  const busy = [...millis].filter(([stage]) => !NOT_THE_SERVICE.has(stage)).reduce((sum, [, value]) => sum + value, 0);
  return [...millis]
    .map(([stage, total]) => ({ stage, millisPerRequest: total / requests, share: NOT_THE_SERVICE.has(stage) ? 0 : total / busy }))
    .sort((a, b) => b.millisPerRequest - a.millisPerRequest);
}
