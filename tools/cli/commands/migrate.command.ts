import { Command } from 'commander';
import { SERVICES, grantRuntimeAccess, openServiceDataSource, runtimeRole, serviceMigrations } from '@oa/platform';
import { oneOf } from '../conventions';
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
