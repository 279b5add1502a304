export * from './seals.rules';
export * from './seals.config';
export * from './upcasters';

export * from './seal/seal.kinds';
export * from './seal/seal.commands';
export * from './seal/seal.events';
export * from './seal/seal.state';
export * from './seal/seal.decide';

export * from './seal-usage-application/seal-usage-application.commands';
export * from './seal-usage-application/seal-usage-application.events';
export * from './seal-usage-application/seal-usage-application.state';
export * from './seal-usage-application/seal-usage-application.decide';
export * from './seal-usage-application/seal-usage-register';
