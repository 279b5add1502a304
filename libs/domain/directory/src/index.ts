export * from './directory.rules';
export * from './directory.config';
export * from './directory.vocabulary';
export * from './directory.actor';
export * from './directory.events';

export * from './unit/unit.commands';
export * from './unit/unit.events';
export * from './unit/unit.state';
export * from './unit/unit.decide';

export * from './person/person.commands';
export * from './person/person.events';
export * from './person/person.state';
export * from './person/person.decide';

export * from './directory-bootstrap/directory-bootstrap.commands';
export * from './directory-bootstrap/directory-bootstrap.events';
export * from './directory-bootstrap/directory-bootstrap.state';
export * from './directory-bootstrap/directory-bootstrap.decide';

export * from './authority/authority.projection';
export * from './authority/directory-ledger';
