export * from './canonical-json';
export * from './clearance';
export * from './decider';
export * from './decider-specification';
export * from './envelope';
export * from './hash-chain';
export * from './rule-violation';
export * from './merkle';
