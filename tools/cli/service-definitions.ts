import { SERVICES, type ServiceDefinition } from '@oa/platform';

/** A service's definition, loaded only for the commands that need it (it brings the service's code). */
export async function definitionOf(service: string): Promise<ServiceDefinition> {
  const definitions: Record<string, () => Promise<ServiceDefinition>> = {
    documents: async () => (await import('@oa/app-documents')).documentsService,
    meetings: async () => (await import('@oa/app-meetings')).meetingsService,
    archives: async () => (await import('@oa/app-archives')).archivesService,
    seals: async () => (await import('@oa/app-seals')).sealsService,
    audit: async () => (await import('@oa/app-audit')).auditService,
    directory: async () => (await import('@oa/app-directory')).directoryService,
    affairs: async () => (await import('@oa/app-affairs')).affairsService,
  };
  const load = definitions[service];
  if (!load) throw new Error(`未知的服务：${service}（可选 ${SERVICES.join('、')}）`);
  return load();
}
