import { Command, InvalidArgumentError } from 'commander';
import { TokenClaimsError, isRole, mintToken, parseLifetime, type Role } from '@oa/platform';
import { isSecrecyLevel } from '@oa/core';
import { EXIT } from '../conventions';
import { openDirectory } from './directory-store';

/** A refused request (not in the directory, departed, no role, no secret) is a usage error: not a crash. */
function refuse(message: string): never {
  console.error(message);
  process.exit(EXIT.usage);
}

interface PersonRow {
  name: string;
  status: string;
  roles: Array<{ role: string }> | null;
  clearance: string | null;
  home_unit: string | null;
}

/**
 * 签发令牌 for a person in the directory (DIR-4): the token names them, and carries the name,
 * roles and clearance the directory holds for them now — never roles typed on the command line.
 */
export const mintTokenCommand = new Command('mint-token')
  .description('为目录中的人员签发访问令牌（HS256，密钥取自 JWT_SECRET；姓名、角色、涉密等级取自目录）(mint a bearer token for a person in the directory)')
  .requiredOption('--sub <personId>', '人员编号 (the person’s id in the directory)')
  .option('--expires <span>', '有效期，如 30m、8h、7d (lifetime)', (text: string) => {
    const seconds = parseLifetime(text);
    if (seconds === undefined) throw new InvalidArgumentError('有效期须形如 30m、8h、7d');
    return seconds;
  }, 8 * 3600)
  .action(async (options: { sub: string; expires: number }) => {
    const secret = process.env['JWT_SECRET'];
    if (!secret || secret.length < 32) refuse('未配置 JWT_SECRET，或其少于 32 个字符 (JWT_SECRET missing or shorter than 32 characters)');
    const directory = await openDirectory();
    let person: PersonRow | undefined;
    try {
      [person] = (await directory.dataSource.query(
        `SELECT p.name, p.status, p.state->'roles' AS roles, p.state->'clearance'->>'level' AS clearance, u.name AS home_unit
           FROM "directory".people p LEFT JOIN "directory".units u ON u.unit_id = p.home_unit_id
          WHERE p.person_id = $1`,
        [options.sub],
      )) as PersonRow[];
    } finally {
      await directory.close();
    }
    if (person === undefined) refuse(`目录中没有人员 ${options.sub}（先由系统管理员登记，或运行 oa directory bootstrap）`);
    if (person.status !== 'active') refuse(`${person.name}（${options.sub}）已离职，不再签发令牌`);
    const roles = (person.roles ?? []).map((held) => held.role).filter(isRole) as Role[];
    if (roles.length === 0) refuse(`${person.name}（${options.sub}）在目录中没有角色，无法签发令牌（由系统管理员授予角色）`);
    const clearance = isSecrecyLevel(person.clearance) ? person.clearance : 'none';
    try {
      const token = await mintToken(
        { sub: options.sub, name: person.name, roles, clearance, ...(person.home_unit && { orgUnit: person.home_unit }) },
        { secret, lifetimeSeconds: options.expires, ...(process.env['JWT_ISSUER'] && { issuer: process.env['JWT_ISSUER'] }) },
      );
      // The token alone on stdout, so that TOKEN=$(… mint-token …) works.
      console.log(token);
    } catch (error) {
      if (error instanceof TokenClaimsError) refuse(`拒绝签发：${error.problems.join('；')}`);
      throw error;
    }
  });
