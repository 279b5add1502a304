import { Command } from 'commander';
import { DEFAULT_PORTS } from '@oa/platform';

interface Health {
  status?: string;
  details?: Record<string, { status: string; published?: number; active?: boolean }>;
}

/** 服务状态 (status): each service's readiness (database, Kafka, relay) from its /health. */
export const statusCommand = new Command('status')
  .description('查看各服务状态 (readiness of every service)')
  .option('--host <host>', '服务所在主机 (host)', '127.0.0.1')
  .action(async (options: { host: string }) => {
    let down = 0;
    for (const [service, port] of Object.entries(DEFAULT_PORTS)) {
      const url = process.env[`OA_${service.toUpperCase()}_URL`] ?? `http://${options.host}:${port}`;
      try {
        const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(3000) });
        const health = (await response.json()) as Health;
        const parts = Object.entries(health.details ?? {}).map(([name, detail]) => `${name}=${detail.status}`);
        const relay = health.details?.['relay'];
        console.log(`${response.ok ? '✓' : '✗'} ${service.padEnd(10)} ${url}  ${parts.join(' ')}${relay?.published !== undefined ? `  已转发 ${relay.published}` : ''}`);
        if (!response.ok) down += 1;
      } catch (error) {
        down += 1;
        console.log(`✗ ${service.padEnd(10)} ${url}  无法连接 (unreachable): ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (down > 0) process.exitCode = 1;
  });
