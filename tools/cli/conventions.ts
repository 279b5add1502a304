import { InvalidArgumentError } from 'commander';

/** oa's exit codes, the same in every command (printed by `oa --help`). */
export const EXIT = {
  ok: 0,
  /** a dependency (database, Kafka, a service) unreachable, or the command failed */
  failed: 1,
  /** the command line itself: a missing or unknown option, a value not allowed */
  usage: 2,
  /** a check found the data not as recorded: a broken chain, a file not matching its digests, a rebuild that differs */
  different: 3,
} as const;

export const EXIT_CODES_HELP = `
退出码 (exit codes)：
  0  成功 (ok)
  1  依赖不可达或执行失败：数据库、Kafka 或服务连不上 (a dependency unreachable, or the command failed)
  2  用法错误：选项缺失、未知选项或取值不合法 (usage: a missing or unknown option, a value not allowed)
  3  检查发现不符：断链、文件与摘要不符、重建结果不同 (a check found the data not as recorded)

连接 (where it looks)：DATABASE_URL 与 KAFKA_BROKERS；未设置时使用 npm start 在本机运行的 PostgreSQL 与 Kafka，
不安装、不启动、不建库，除非加 --local（或 OA_LOCAL=1）。每个命令先在标准错误输出上说明所检查的库与 Kafka。`;

/** A failure the command explains: a Chinese message, a stable code, and its exit code. */
export class CliFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
  }
}

/** An option value that must be one of `allowed` (a service, a format): a usage error in Chinese otherwise. */
export function oneOf(label: string, allowed: readonly string[]): (value: string) => string {
  return (value) => {
    if (!allowed.includes(value)) throw new InvalidArgumentError(`未知${label} ${value}（可选：${allowed.join('、')}）`);
    return value;
  };
}
