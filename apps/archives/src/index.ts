// What end-to-end tests and tools start: the service's definition and its module.
export { ArchivesModule } from './archives.module';
export { archivesService } from './archives.service-definition';
