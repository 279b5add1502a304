// What end-to-end tests and tools start or run: the service's definition, its module, and the bootstrap flow the CLI shares.
export { DirectoryModule } from './directory.module';
export { directoryService, personStream, unitStream, directoryBootstrapStream } from './directory.service-definition';
export { bootstrapDirectory, type DirectoryBootstrapInput, type DirectoryBootstrapped, type ExecuteCommand } from './application/directory-bootstrap';
export { identityIdOf } from './application/directory.facts';
export { directoryIsEmpty } from './infrastructure/read-models/directory-records';
