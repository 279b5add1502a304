import { Session, type Profiler } from 'node:inspector/promises';

/**
 * Where a served request's CPU goes: this process's V8 sampling profile (what `node --cpu-prof`
 * writes, here around one load only) summed into the request path's stages.
 */

const NODE_CORE = 'Node core (http, net, streams, timers)';
const GC = '(garbage collector)';
const IDLE = '(idle: waiting on the socket, PostgreSQL)';
const PROGRAM = '(program: V8 and native code outside a script)';
/** The bench's own frames in this process (the profiler's session, the load's child process): not the service's. */
const BENCH = '(the bench itself: profiler, load driver)';
const NOT_THE_SERVICE = new Set([IDLE, BENCH]);
/** A write to a socket: on loopback the kernel delivers it to the reader inside the syscall, so it is I/O, whoever wrote. */
const SOCKET_WRITES = 'socket writes (the kernel on loopback: HTTP replies, PostgreSQL, Kafka)';
const WRITE_BINDINGS = new Set(['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String', 'writeAsciiString']);

/** A stage and the code it is: a pattern over a frame's script URL. The first that matches wins. */
const STAGES: ReadonlyArray<readonly [string, RegExp]> = [
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

/** Runs `load` under the sampling profiler; the profile of what the process did meanwhile. */
export async function profiled<T>(load: () => Promise<T>): Promise<{ result: T; profile: Profiler.Profile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const result = await load();
    const { profile } = await session.post('Profiler.stop');
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

/**
 * Each sample goes to the stage of the innermost frame that is a script of ours or a library's:
 * a native or Node-internal frame (JSON.parse) is charged to whoever called it, and only a stack
 * of Node's own frames (the HTTP parser, the event loop) is Node's; socket writes are their own.
 */
export function stagesOf(profile: Profiler.Profile, requests: number): StageCost[] {
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
  samples.forEach((id, index) => {
    const stage = WRITE_BINDINGS.has(byId.get(id)!.callFrame.functionName) ? SOCKET_WRITES : stageOf(id);
    millis.set(stage, (millis.get(stage) ?? 0) + (deltas[index] ?? 0) / 1000);
  });
  const busy = [...millis].filter(([stage]) => !NOT_THE_SERVICE.has(stage)).reduce((sum, [, value]) => sum + value, 0);
  return [...millis]
    .map(([stage, total]) => ({ stage, millisPerRequest: total / requests, share: NOT_THE_SERVICE.has(stage) ? 0 : total / busy }))
    .sort((a, b) => b.millisPerRequest - a.millisPerRequest);
}
