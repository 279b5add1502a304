import { Command, InvalidArgumentError } from 'commander';
import { SECRECY_LEVELS, isSecrecyLevel } from '@oa/core';
import { ROLE_NAMES, TokenClaimsError, isRole, mintToken, parseLifetime, type Role } from '@oa/platform';

/** Exit code of a refused request (conflicting admin roles, unknown role, no secret): not a crash. */
const REFUSED = 2;

function refuse(message: string): never {
  console.error(message);
  process.exit(REFUSED);
}

export const mintTokenCommand = new Command('mint-token')
  .description('为指定用户签发访问令牌（HS256，密钥取自环境变量 JWT_SECRET） (mint a bearer token)')
  .requiredOption('--sub <id>', '用户标识 (subject)')
  .requiredOption('--name <name>', '姓名 (display name)')
  .requiredOption('--roles <roles>', `角色，逗号分隔 (comma-separated): ${ROLE_NAMES.join(', ')}`)
  .option('--clearance <level>', `密级授权 (clearance): ${SECRECY_LEVELS.join(', ')}`, 'none')
  .option('--org <orgUnit>', '所在部门 (org unit)')
  .option('--expires <span>', '有效期，如 30m、8h、7d (lifetime)', (text: string) => {
    const seconds = parseLifetime(text);
    if (seconds === undefined) throw new InvalidArgumentError('有效期须形如 30m、8h、7d');
    return seconds;
  }, 8 * 3600)
  .action(async (options: { sub: string; name: string; roles: string; clearance: string; org?: string; expires: number }) => {
    const secret = process.env['JWT_SECRET'];
    if (!secret || secret.length < 32) refuse('未配置 JWT_SECRET，或其少于 32 个字符 (JWT_SECRET missing or shorter than 32 characters)');
    const roles = options.roles.split(',').map((role) => role.trim()).filter(Boolean);
    const unknown = roles.filter((role) => !isRole(role));
    if (unknown.length > 0) refuse(`未知角色：${unknown.join('、')}（可用角色：${ROLE_NAMES.join(', ')}）`);
    if (!isSecrecyLevel(options.clearance)) refuse(`未知密级：${options.clearance}（可用：${SECRECY_LEVELS.join(', ')}）`);
    try {
      const token = await mintToken(
        { sub: options.sub, name: options.name, roles: roles as Role[], clearance: options.clearance, ...(options.org && { orgUnit: options.org }) },
        { secret, lifetimeSeconds: options.expires, ...(process.env['JWT_ISSUER'] && { issuer: process.env['JWT_ISSUER'] }) },
      );
      // The token alone on stdout, so that TOKEN=$(… mint-token …) works.
      console.log(token);
    } catch (error) {
      if (error instanceof TokenClaimsError) refuse(`拒绝签发：${error.problems.join('；')}`);
      throw error;
    }
  });
