import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { GC, NODE_CORE, STAGES, stageCosts, type StageCost } from './profile';

/**
 * Where a served request's time on a core goes, as Linux's perf sees it: every thread of this
 * process, the kernel included, sampled only while on a core (the cpu-clock event). V8's own
 * sampler cannot tell a thread that waits for a core from one that runs: on 2 shared cores it
 * charged the waits after a socket write (PostgreSQL's backend woken onto our core) to the
 * write, 17–24% of a request where perf measures 4–5%. Needs `perf` and this process started
 * with --perf-basic-prof (bench.sh), which names the JIT's code by function and script.
 */

// V8 writes the map perf reads as long as the process runs; nobody needs it after
if (process.execArgv.includes('--perf-basic-prof')) process.on('exit', () => rmSync(join(tmpdir(), `perf-${process.pid}.map`), { force: true }));

/** A sample every 0.5 ms on a core. */
const PERIOD_MILLIS = 0.5;
const SOCKET_WRITES = 'kernel: socket writes (TCP on loopback, to PostgreSQL, Kafka, the client)';
const SOCKET_READS = 'kernel: socket reads';
const OTHER_SYSCALLS = 'kernel: other system calls (epoll, futex, mmap)';
const HELPERS_GC = "other threads: the GC's helpers (parallel scavenges, concurrent marking, sweeping)";
const HELPERS_JIT = "other threads: V8's optimizing compilers";
const OTHER_THREADS = "other threads: libuv's pool and the rest";
const NATIVE = 'V8 and native code outside a script';

const SYSCALL = /entry_SYSCALL_64/;
const WRITES = /do_writev|ksys_write|__sys_sendto|__sys_sendmsg/;
const READS = /ksys_read|do_readv|__sys_recvfrom|__sys_recvmsg/;
const COLLECTOR = /v8::internal::(Heap::CollectGarbage|ScavengerCollector|MarkCompactCollector|MinorMarkSweep|Heap::PerformGarbageCollection)/;
const COLLECTOR_HELPER = /v8::internal::(Scaveng|ConcurrentMarking|MarkCompact|Sweeper|ArrayBufferSweeper|Heap|MemoryAllocator|BasicMemoryChunk|MemoryChunk|Evacuat|PointersUpdating|Marking)/;
const COMPILER = /v8::internal::(compiler::|maglev::|OptimizingCompileDispatcher|Compiler|baseline::)/;
/** A JIT frame as --perf-basic-prof names it: `JS:*name /path/file.js:12:3`. */
const SCRIPT_FRAME = /^JS:\S*(?: \S+)? (\/\S+):\d+:\d+$/;
const NODE_FRAME = /^JS:\S*(?: \S+)? node:/;

function stageOfSample(mainThread: boolean, frames: readonly string[]): string {
  if (!mainThread) {
    if (frames.some((frame) => COLLECTOR_HELPER.test(frame))) return HELPERS_GC;
    return frames.some((frame) => COMPILER.test(frame)) ? HELPERS_JIT : OTHER_THREADS;
  }
  // a system call's own time; an interrupt or page fault goes to the code it interrupted
  if (frames.some((frame) => SYSCALL.test(frame))) {
    if (frames.some((frame) => WRITES.test(frame))) return SOCKET_WRITES;
    if (frames.some((frame) => READS.test(frame))) return SOCKET_READS;
    return OTHER_SYSCALLS;
  }
  if (frames.some((frame) => COLLECTOR.test(frame))) return GC;
  let node = false;
  for (const frame of frames) {
    const script = SCRIPT_FRAME.exec(frame)?.[1];
    if (script) return STAGES.find(([, pattern]) => pattern.test(script))?.[0] ?? 'other';
    node ||= NODE_FRAME.test(frame) || frame.startsWith('llhttp') || frame.includes('node::');
  }
  return node ? NODE_CORE : NATIVE;
}

/**
 * Reads `perf script` of a recording: the stage of each sample of this process. The recording
 * also holds the processes this one started meanwhile (the load tool): perf follows children.
 */
async function stagesOfRecording(file: string): Promise<Map<string, number>> {
  const script = spawn('perf', ['script', '-i', file, '-F', 'pid,tid,ip,sym', '--no-inline'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const samples = new Map<string, number>();
  let thread: { pid: number; tid: number } | undefined;
  let frames: string[] = [];
  const close = () => {
    if (thread?.pid === process.pid) {
      const stage = stageOfSample(thread.tid === process.pid, frames);
      samples.set(stage, (samples.get(stage) ?? 0) + 1);
    }
    thread = undefined;
    frames = [];
  };
  for await (const line of createInterface({ input: script.stdout })) {
    const header = /^\s*(\d+)\/(\d+)\s*$/.exec(line);
    if (line === '') close();
    else if (header) thread = { pid: Number(header[1]), tid: Number(header[2]) };
    else frames.push(line.trim().replace(/^[0-9a-f]+ /, ''));
  }
  close();
  await once(script, 'close');
  return samples;
}

async function started(perf: ChildProcess): Promise<boolean> {
  // perf prints nothing when it starts; a refusal (no permission, no perf) ends it at once
  const ended = once(perf, 'exit').then(() => false, () => false);
  const failed = once(perf, 'error').then(() => false);
  const running = new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 500));
  return Promise.race([ended, failed, running]);
}

/**
 * Runs `load` under `perf record` of this process; undefined (and why, printed) when perf
 * cannot run here: the caller falls back on V8's profile.
 */
export async function perfStages(load: () => Promise<number>): Promise<StageCost[] | undefined> {
  if (!process.execArgv.includes('--perf-basic-prof')) return undefined;
  const directory = mkdtempSync(join(tmpdir(), 'bench-perf-'));
  const file = join(directory, 'perf.data');
  try {
    const perf = spawn('perf', ['record', '-q', '-e', 'cpu-clock', '-c', String(PERIOD_MILLIS * 1e6), '-g', '-p', String(process.pid), '-o', file], { stdio: 'ignore' });
    if (!(await started(perf))) {
      console.log('  (perf 无法运行，改用 V8 的采样 (perf cannot run here: the stages are V8 profile estimates))');
      return undefined;
    }
    const requests = await load();
    // perf may have died meanwhile: then there is no exit left to wait for
    if (perf.exitCode === null && perf.signalCode === null) {
      perf.kill('SIGINT');
      await once(perf, 'exit');
    }
    const samples = await stagesOfRecording(file);
    return stageCosts(new Map([...samples].map(([stage, count]) => [stage, count * PERIOD_MILLIS])), requests);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
