import { Command } from 'commander';
import { Client } from 'pg';
import { SERVICES, grantRuntimeAccess, openServiceDataSource, runtimeRole, serviceMigrations } from '@oa/platform';
import { CliFailure, oneOf } from '../conventions';
import { databaseUrl } from '../infrastructure';
import { definitionOf } from '../service-definitions';

/**
 * 迁移 (migrate): the one-shot migration job of an install or an upgrade. As the owner role it
 * brings every service schema to this version and grants each service's runtime role
 * (oa_<service>) what it needs; the services themselves, started without DATABASE_OWNER_URL,
 * never migrate and refuse a schema behind their code.
 */
export const migrateCommand = new Command('migrate')
  .description('以所有者角色迁移各服务的数据库结构，并授予各服务运行角色所需权限 (migrate as the owner; grant the runtime roles)')
  .option('--service <name>', `只迁移这一个服务 (one service only): ${SERVICES.join(', ')}`, oneOf('服务', SERVICES))
  .action(async (options: { service?: string }) => {
    const url = await databaseUrl();
    await refuseSuperuser(url);
    for (const service of options.service ? [options.service] : SERVICES) {
      const definition = await definitionOf(service);
      const owner = await openServiceDataSource({ url, schema: service, entities: definition.entities ?? [], migrations: serviceMigrations(definition), poolSize: 1 });
      try {
        await grantRuntimeAccess(owner, service, runtimeRole(service));
        console.log(`${service}: 已迁移到本版本，运行角色 ${runtimeRole(service)} 已授权 (migrated, runtime role granted)`);
      } finally {
        await owner.destroy();
      }
    }
  });

/** Schemas a superuser creates are the superuser's: the owner role could never migrate them again. */
async function refuseSuperuser(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ role: string; superuser: boolean }>('SELECT current_user AS role, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user');
    if (rows[0]?.superuser) throw new CliFailure('DATABASE.SUPERUSER', `${rows[0].role} 是超级用户：迁移须以所有者角色（oa_owner）执行，否则结构归超级用户所有 (migrate as the owner role, not a superuser)`);
  } finally {
    await client.end();
  }
}
