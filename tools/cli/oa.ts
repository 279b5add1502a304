import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { auditRebuildCommand } from './commands/audit-rebuild.command';
import { backupCommand } from './commands/backup.command';
import { directoryCommand } from './commands/directory.command';
import { filesCommand } from './commands/files.command';
import { inspectionPackageCommand } from './commands/inspection-package.command';
import { lagCommand } from './commands/lag.command';
import { migrateCommand } from './commands/migrate.command';
import { restoreCommand } from './commands/restore.command';
import { mintTokenCommand } from './commands/mint-token.command';
import { rebuildReadModelCommand } from './commands/rebuild-read-model.command';
import { statusCommand } from './commands/status.command';
import { verifyCommand } from './commands/verify.command';
import { CliFailure, EXIT, EXIT_CODES_HELP } from './conventions';

/** oa — 办公室后台核心的管理命令 (the administrators' command line). */
const program = new Command('oa')
  .description('办公室后台核心管理工具 (office back-office core administration)')
  .option('--local', '数据库或 Kafka 未配置时，在本机安装、启动并建库 (provision local PostgreSQL and Kafka when not configured)')
  .addHelpText('after', EXIT_CODES_HELP)
  .hook('preAction', () => {
    if (program.opts<{ local?: boolean }>().local) process.env['OA_LOCAL'] = '1';
  })
  .addCommand(statusCommand)
  .addCommand(lagCommand)
  .addCommand(verifyCommand)
  .addCommand(filesCommand)
  .addCommand(mintTokenCommand)
  .addCommand(directoryCommand)
  .addCommand(auditRebuildCommand)
  .addCommand(backupCommand)
  .addCommand(restoreCommand)
  .addCommand(inspectionPackageCommand)
  .addCommand(rebuildReadModelCommand)
  .addCommand(migrateCommand);

/** Every command answers a usage error itself (usageMessage), with exit code 2 rather than commander's own exit 1. */
function conventional(command: Command): void {
  command.exitOverride().configureOutput({ outputError: () => undefined });
  command.commands.forEach(conventional);
}
conventional(program);

/** commander's usage errors, said in Chinese with its stable code. */
function usageMessage(error: CommanderError): string {
  const quoted = [...error.message.matchAll(/'([^']+)'/g)].map((match) => match[1]);
  const said: Record<string, () => string> = {
    'commander.invalidArgument': () => `选项 ${quoted[0]} 的取值不合法：${error.message.split(' is invalid. ')[1] ?? quoted[1]}`,
    'commander.missingMandatoryOptionValue': () => `缺少必填选项 ${quoted[0]}`,
    'commander.optionMissingArgument': () => `选项 ${quoted[0]} 缺少取值`,
    'commander.missingArgument': () => `缺少参数 ${quoted[0]}`,
    'commander.unknownOption': () => `未知选项 ${quoted[0]}`,
    'commander.unknownCommand': () => `未知命令 ${quoted[0]}`,
    'commander.excessArguments': () => '多余的参数',
  };
  return `用法错误 (${error.code}): ${said[error.code]?.() ?? error.message.replace(/^error: /, '')}（oa --help 查看用法）`;
}

program.parseAsync().catch((error: unknown) => {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) process.exit(EXIT.ok);
    console.error(usageMessage(error));
    process.exit(EXIT.usage);
  }
  if (error instanceof CliFailure) {
    console.error(`错误 (${error.code}): ${error.message}`);
    process.exit(error.exitCode);
  }
  console.error(`错误 (error): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(EXIT.failed);
});
