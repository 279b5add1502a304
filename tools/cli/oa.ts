import 'reflect-metadata';
import { Command } from 'commander';
import { auditRebuildCommand } from './commands/audit-rebuild.command';
import { backupCommand } from './commands/backup.command';
import { directoryCommand } from './commands/directory.command';
import { filesCommand } from './commands/files.command';
import { inspectionPackageCommand } from './commands/inspection-package.command';
import { lagCommand } from './commands/lag.command';
import { restoreCommand } from './commands/restore.command';
import { mintTokenCommand } from './commands/mint-token.command';
import { rebuildReadModelCommand } from './commands/rebuild-read-model.command';
import { statusCommand } from './commands/status.command';
import { verifyCommand } from './commands/verify.command';

/** oa — 办公室后台核心的管理命令 (the administrators' command line). */
const program = new Command('oa')
  .description('办公室后台核心管理工具 (office back-office core administration)')
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
  .addCommand(rebuildReadModelCommand);

program.parseAsync().catch((error: unknown) => {
  console.error(`错误 (error): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
