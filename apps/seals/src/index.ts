// What end-to-end tests and tools start: the service's definition and its module.
export { SealsModule } from './seals.module';
export { sealsService } from './seals.service-definition';
