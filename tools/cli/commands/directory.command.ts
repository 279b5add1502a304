import { Command, InvalidArgumentError } from 'commander';
import { randomUUID } from 'node:crypto';
import { isRuleViolation } from '@oa/core';
import { bootstrapDirectory, directoryIsEmpty } from '@oa/app-directory';
import { EXIT } from '../conventions';
import { cliCall, installer, openDirectory } from './directory-store';
import { EXAMPLE_ROSTER, seedExampleOrganisation } from './directory-example';

/** `<id>:<姓名>` */
function administrator(text: string): { personId: string; name: string } {
  const at = text.indexOf(':');
  const personId = text.slice(0, at).trim();
  const name = text.slice(at + 1).trim();
  if (at < 1 || personId === '' || name === '') throw new InvalidArgumentError('须形如 <编号>:<姓名>，如 yang.guangming:杨光明');
  return { personId, name };
}

const bootstrap = new Command('bootstrap')
  .description('目录初始化：创建初始系统管理员和安全保密管理员（须为两人，DIR-3；仅限一次）(bootstrap the directory)')
  .requiredOption('--sys-admin <id:姓名>', '初始系统管理员 (first sysAdmin)', administrator)
  .requiredOption('--security-admin <id:姓名>', '初始安全保密管理员 (first securityAdmin)', administrator)
  .requiredOption('--reason <text>', '理由 (reason)')
  .option('--home-unit <uuid>', '初始管理员所在机构的编号（缺省新生成；系统管理员随后以此编号登记该机构）')
  .action(async (options: { sysAdmin: { personId: string; name: string }; securityAdmin: { personId: string; name: string }; reason: string; homeUnit?: string }) => {
    const directory = await openDirectory();
    try {
      const done = await bootstrapDirectory(
        directory.execute,
        { sysAdmin: options.sysAdmin, securityAdmin: options.securityAdmin, homeUnitId: options.homeUnit ?? randomUUID(), reason: options.reason },
        cliCall(installer()),
      );
      console.log(`目录已初始化 (bootstrapped)：系统管理员 ${done.sysAdmin.name}（${done.sysAdmin.personId}），安全保密管理员 ${done.securityAdmin.name}（${done.securityAdmin.personId}）`);
      console.log(`初始管理员所在机构编号 (home unit id): ${done.homeUnitId} —— 系统管理员以此编号登记该机构：POST /api/v1/units {"unitId": "${done.homeUnitId}", …}`);
      console.log(`签发令牌 (mint a token): npx oa mint-token --sub ${done.sysAdmin.personId}`);
    } catch (error) {
      if (!isRuleViolation(error)) throw error;
      console.error(`拒绝 (refused) ${error.code}: ${error.detail}`);
      process.exitCode = EXIT.usage;
    } finally {
      await directory.close();
    }
  });

const example = new Command('example')
  .description('在空目录中登记示例组织（某县委办公室等），并列出每人的令牌签发命令；目录非空时只列出 (seed the example organisation once)')
  .action(async () => {
    const directory = await openDirectory();
    try {
      if (await directoryIsEmpty(directory.dataSource, directory.store)) {
        await seedExampleOrganisation(directory);
        console.log('    已登记示例组织 (example organisation seeded)：某某县委、县委办公室、县委巡察办、县人民政府、县政府办公室');
      } else {
        console.log('    目录已有数据，未重复登记示例组织 (directory not empty: nothing seeded)');
      }
      const rows = (await directory.dataSource.query(
        `SELECT person_id, name, state->'roles' AS roles, state->'clearance'->>'level' AS clearance FROM "directory".people WHERE status = 'active' ORDER BY person_id`,
      )) as Array<{ person_id: string; name: string; roles: Array<{ role: string }> | null; clearance: string | null }>;
      const what = new Map(EXAMPLE_ROSTER.map((person) => [person.id, person.what]));
      const order = (id: string) => (EXAMPLE_ROSTER.findIndex((person) => person.id === id) + EXAMPLE_ROSTER.length + 1) % (EXAMPLE_ROSTER.length + 1);
      console.log('    签发令牌 (mint a token; roles and clearance are the directory’s):');
      for (const row of [...rows].sort((a, b) => order(a.person_id) - order(b.person_id))) {
        const roles = (row.roles ?? []).map((held) => held.role).join(', ') || '无角色';
        const line = `npx oa mint-token --sub ${row.person_id}`;
        console.log(`      ${line.padEnd(44)} # ${row.name}${what.has(row.person_id) ? ` ${what.get(row.person_id)}` : ''}：${roles}${row.clearance ? `，${row.clearance}` : ''}`);
      }
    } finally {
      await directory.close();
    }
  });

/** oa directory — 组织与人员 (the directory's bootstrap and example). */
export const directoryCommand = new Command('directory').description('组织与人员：初始化与示例组织 (the directory)').addCommand(bootstrap).addCommand(example);
