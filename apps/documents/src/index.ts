// What end-to-end tests and tools start: the service's definition and its module.
export { DocumentsModule } from './documents.module';
export { documentsService } from './documents.service-definition';
