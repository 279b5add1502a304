export * from './command-handling/handle-command';
export * from './config/service-config';
export * from './database/data-source';
export * from './environment/resolve-environment';
export * from './event-store/event-store';
export * from './event-store/event-store.migration';
export * from './kafka/topics';
export * from './relay/relay';
