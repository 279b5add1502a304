import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropLocalDatabase, localServiceEnvironment, mintToken } from '@oa/platform';
import { testRun } from '@oa/testing';
import { eventually } from './reliability/support/stack';
import { freePort } from './reliability/support/process-stack';

const MB = 1024 * 1024;
const root = join(__dirname, '..');

/** The resident memory of a process, from the kernel's own account. */
const rssOf = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

/** `total` bytes of a PDF-headed pattern, produced as they are sent. */
async function* patterned(total: number): AsyncGenerator<Buffer> {
  const block = Buffer.alloc(64 * 1024, '公文附件');
  yield Buffer.from('%PDF-1.7\n');
  for (let sent = 9; sent < total; sent += block.length) yield block.subarray(0, Math.min(block.length, total - sent));
}

/**
 * FILE-1 a file is streamed in and out, never held whole: a 100 MB upload and download through
 * the documents service, run as its own process as an operator runs it, grow its resident memory
 * (the kernel's VmRSS, sampled every 20 ms) by less than 50 MB over what a 32 MB transfer left.
 */
describe('documents: a 100 MB file through the service in bounded memory (real PostgreSQL, real Kafka, a service process)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_file_memory`;
  const secret = randomBytes(32).toString('hex');
  let child: ChildProcess;
  let base: string;
  let token: string;
  let output = '';

  const draft = async (): Promise<string> => {
    const response = await fetch(`${base}/api/v1/outgoing-documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'notice', title: '关于大附件的通知', issuerCode: '县办发', mainRecipients: [{ name: '各乡镇', kind: 'organ', relation: 'subordinate' }], secrecyLevel: 'none', urgency: 'none', content: '正文' }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };

  /** Uploads `size` bytes and reads them back; answers the SHA-256 both ways. */
  const roundTrip = async (size: number): Promise<{ sent: string; received: string; length: number }> => {
    const id = await draft();
    const sent = createHash('sha256');
    async function* hashed(): AsyncGenerator<Buffer> {
      for await (const piece of patterned(size)) {
        sent.update(piece);
        yield piece;
      }
    }
    const uploaded = await fetch(`${base}/api/v1/outgoing-documents/${id}/files?role=attachment&name=${encodeURIComponent('大附件.pdf')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: hashed(),
      duplex: 'half',
    } as RequestInit);
    expect(uploaded.status).toBe(200);
    const sha256 = sent.digest('hex');
    const download = await fetch(`${base}/api/v1/outgoing-documents/${id}/files/${sha256}`, { headers: { authorization: `Bearer ${token}` } });
    expect(download.status).toBe(200);
    const received = createHash('sha256');
    let length = 0;
    for await (const piece of download.body as unknown as AsyncIterable<Uint8Array>) {
      received.update(piece);
      length += piece.length;
    }
    return { sent: sha256, received: received.digest('hex'), length };
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/documents/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        ...(await localServiceEnvironment(databaseName)),
        KAFKA_TOPIC_PREFIX: `${run.topicPrefix}filememory.`,
        JWT_SECRET: secret,
        LOG_LEVEL: 'error',
        SCHEDULE_INTERVAL_SECONDS: '0',
      },
    });
    child.stdout!.on('data', (chunk: Buffer) => (output = `${output}${chunk.toString()}`.slice(-20_000)));
    child.stderr!.on('data', (chunk: Buffer) => (output = `${output}${chunk.toString()}`.slice(-20_000)));
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`documents exited ${child.exitCode}:\n${output}`);
      return (await fetch(`${base}/health/live`).catch(() => undefined))?.status === 200 ? true : undefined;
    }, 'the documents service to start');
    token = await mintToken({ sub: 'u-big-file', name: '张拟', orgUnit: '办公室', roles: ['drafter'], clearance: 'none' }, { secret });
  }, 120_000);

  afterAll(async () => {
    child?.kill('SIGTERM');
    await new Promise((resolve) => child?.once('exit', resolve));
    await dropLocalDatabase(databaseName);
  });

  it('FILE-1 uploads and downloads 100 MB with the service growing by less than 50 MB', async () => {
    // what the first sustained transfer sets up once (code paths, pools, V8's young generation grown to its working size) is not what a file costs
    await roundTrip(32 * MB);
    const before = rssOf(child.pid!);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(child.pid!))), 20);
    let transfer: Awaited<ReturnType<typeof roundTrip>>;
    try {
      transfer = await roundTrip(100 * MB);
    } finally {
      clearInterval(sampler);
    }
    expect(transfer.length).toBe(100 * MB);
    expect(transfer.received).toBe(transfer.sent);
    console.log(`100 MB up and down: the service's RSS ${(before / MB).toFixed(0)} MB → peak ${(peak / MB).toFixed(0)} MB (+${((peak - before) / MB).toFixed(0)} MB)`);
    expect(peak - before).toBeLessThan(50 * MB);
  }, 300_000);
});
