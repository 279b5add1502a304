export * from './test-run';
export * from './kafka-collector';
