import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execute = promisify(execFile);
const root = join(__dirname, '..', '..', '..', '..');

/**
 * A Kafka broker of a scenario's or a benchmark's own (tools/kafka/kafka.sh on other ports and
 * another data directory), so it can be killed: the shared broker on 9092 is never touched.
 */
export class LocalBroker {
  private readonly cacheDir: string;

  constructor(
    private readonly port: number,
    private readonly controllerPort: number,
    name: string,
    /** A cluster node's identity: KAFKA_NODE_ID, KAFKA_CONTROLLER_VOTERS, KAFKA_CLUSTER_ID, KAFKA_INTERNAL_REPLICATION. */
    private readonly node: NodeJS.ProcessEnv = {},
  ) {
    this.cacheDir = join(root, '.cache', `kafka-${name}`);
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  /** tools/kafka/kafka.sh for this broker; what it printed. */
  async script(...args: string[]): Promise<string> {
    const { stdout } = await execute('bash', [join(root, 'tools/kafka/kafka.sh'), ...args], {
      cwd: root,
      env: { ...process.env, ...this.node, KAFKA_PORT: String(this.port), KAFKA_CONTROLLER_PORT: String(this.controllerPort), KAFKA_CACHE_DIR: this.cacheDir, KAFKA_START_TIMEOUT: '240' },
    });
    return stdout;
  }

  async start(): Promise<void> {
    // the libraries the shared broker already downloaded, rather than a second download
    const shared = join(root, '.cache', 'kafka', '3.9.1');
    if (!existsSync(join(this.cacheDir, '3.9.1')) && existsSync(join(shared, '.libs-complete'))) cpSync(shared, join(this.cacheDir, '3.9.1'), { recursive: true });
    await this.script('start');
  }

  /** kill -9: a crash, no clean shutdown. */
  async kill(): Promise<void> {
    await this.script('stop', '--kill');
  }

  async stop(): Promise<void> {
    await this.script('stop');
  }

  /** SIGSTOP: hung, its ports held, nothing answered. */
  async pause(): Promise<void> {
    await this.script('pause');
  }

  async resume(): Promise<void> {
    await this.script('resume');
  }

  /** Its data gone: the next start formats a new log (a cluster's nodes must share one cluster id). */
  forget(): void {
    rmSync(join(this.cacheDir, 'data'), { recursive: true, force: true });
  }
}

/**
 * Three combined controller+broker nodes of a scenario's or a benchmark's own (ports `basePort`…+2, controllers
 * +100…+102), one KRaft quorum, internal topics replicated three times with two in sync: a node can
 * be killed while the other two keep the quorum and every partition.
 */
export class LocalCluster {
  readonly nodes: readonly LocalBroker[];

  constructor(basePort: number, name: string) {
    const ids = [1, 2, 3];
    const voters = ids.map((id) => `${id}@127.0.0.1:${basePort + 99 + id}`).join(',');
    const clusterId = randomBytes(16).toString('base64url');
    this.nodes = ids.map(
      (id) => new LocalBroker(basePort + id - 1, basePort + 99 + id, `${name}-${id}`, { KAFKA_NODE_ID: String(id), KAFKA_CONTROLLER_VOTERS: voters, KAFKA_CLUSTER_ID: clusterId, KAFKA_INTERNAL_REPLICATION: '3' }),
    );
  }

  get brokers(): string[] {
    return this.nodes.flatMap((node) => node.brokers);
  }

  /** A node by its KRaft id (what topic metadata names as a partition's leader). */
  node(id: number): LocalBroker {
    const node = this.nodes[id - 1];
    if (!node) throw new Error(`no node ${id} in the cluster`);
    return node;
  }

  /** A fresh cluster: the quorum forms only with a majority up, so the nodes start together. */
  async start(): Promise<void> {
    // a node an interrupted run left behind would write into the data removed here
    await Promise.all(this.nodes.map((node) => node.kill()));
    for (const node of this.nodes) node.forget();
    await Promise.all(this.nodes.map((node) => node.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
  }

  /** The node leading the KRaft quorum now (the active controller), as a live node reports it. */
  async activeController(through: LocalBroker): Promise<number> {
    const status = await through.script('tool', 'org.apache.kafka.tools.MetadataQuorumCommand', '--bootstrap-server', through.brokers[0]!, 'describe', '--status');
    const leader = /LeaderId:\s*(\d+)/.exec(status)?.[1];
    if (leader === undefined) throw new Error(`no quorum leader in: ${status}`);
    return Number(leader);
  }
}
