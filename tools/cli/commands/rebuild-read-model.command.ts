import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { EventStore, SERVICES, UpcasterRegistry, openServiceDataSource, readModelsOf, rebuildReadModel } from '@oa/platform';
import { oneOf } from '../conventions';
import { databaseUrl } from '../infrastructure';
import { definitionOf } from '../service-definitions';

/**
 * 重建读模型 (rebuild-read-model): empties a service's inline read models and replays its event
 * store through their projections, with a progress bar — no Kafka needed (after a restore, or
 * when a projection was fixed). Each read model is rebuilt in one transaction.
 */
export const rebuildReadModelCommand = new Command('rebuild-read-model')
  .description('由事件库重放重建某服务的读模型（不依赖 Kafka）(rebuild a service read model from its event store)')
  .requiredOption('--service <name>', `服务 (service): ${SERVICES.join(', ')}`, oneOf('服务', SERVICES))
  .option('--read-model <name>', '只重建这一个读模型（默认全部）(one read model only)')
  .option('--quiet', '不显示进度条 (no progress bar)')
  .action(async (options: { service: string; readModel?: string; quiet?: boolean }) => {
    const definition = await definitionOf(options.service);
    const declared = readModelsOf(definition.streams ?? []);
    const readModels = declared.filter((model) => options.readModel === undefined || model.name === options.readModel);
    if (readModels.length === 0) {
      throw new Error(`${options.service} 没有${options.readModel ? `名为 ${options.readModel} 的` : '可由事件库重建的'}读模型（可选：${declared.map((model) => model.name).join('、') || '无'}）`);
    }
    const dataSource = await openServiceDataSource({ url: await databaseUrl(), schema: definition.service, entities: definition.entities ?? [], migrations: definition.migrations ?? [], poolSize: 2 });
    try {
      const store = new EventStore(dataSource, definition.service, 'sha256', new UpcasterRegistry(definition.upcasters ?? []));
      const [{ total }] = (await dataSource.query(`SELECT count(*)::int AS total FROM "${definition.service}".events`)) as Array<{ total: number }>;
      for (const readModel of readModels) {
        const bar = new SingleBar({ format: `重建 ${readModel.name} {bar} {value}/{total} 个事件`, hideCursor: true }, Presets.shades_classic);
        if (!options.quiet) bar.start(total, 0);
        const replayed = await rebuildReadModel(dataSource, store, readModel, (done) => {
          if (!options.quiet) bar.update(done);
        });
        if (!options.quiet) bar.stop();
        console.log(`已重建 ${options.service}/${readModel.name}：重放 ${replayed} 个事件 (rebuilt from ${replayed} events)`);
      }
    } finally {
      await dataSource.destroy();
    }
  });
