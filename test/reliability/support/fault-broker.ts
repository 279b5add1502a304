import { execFile } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execute = promisify(execFile);
const root = join(__dirname, '..', '..', '..');

/**
 * A Kafka broker of the scenario's own (tools/kafka/kafka.sh on other ports and another data
 * directory), so it can be killed: the shared broker on 9092 is never touched.
 */
export class FaultBroker {
  private readonly cacheDir: string;

  constructor(
    private readonly port: number,
    private readonly controllerPort: number,
    name: string,
  ) {
    this.cacheDir = join(root, '.cache', `kafka-${name}`);
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  private async script(...args: string[]): Promise<void> {
    await execute('bash', [join(root, 'tools/kafka/kafka.sh'), ...args], {
      cwd: root,
      env: { ...process.env, KAFKA_PORT: String(this.port), KAFKA_CONTROLLER_PORT: String(this.controllerPort), KAFKA_CACHE_DIR: this.cacheDir, KAFKA_START_TIMEOUT: '240' },
    });
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
}
