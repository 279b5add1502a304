export * from './test-run';
export * from './kafka-collector';
export * from './api-client';
export * from './sample-files';
export * from './superuser';
export * from './local-kafka';
