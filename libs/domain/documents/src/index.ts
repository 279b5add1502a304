export * from './documents.rules';
export * from './document.vocabulary';
export * from './document-files';
export * from './document-event';
export * from './document-title';
export * from './document-markings';
export * from './document-dates';
export * from './upcasters';

export * from './document-number/document-number';
export * from './document-number/document-number-ledger.commands';
export * from './document-number/document-number-ledger.events';
export * from './document-number/document-number-ledger.state';
export * from './document-number/document-number-ledger.decide';

export * from './outgoing-document/outgoing-document.commands';
export * from './outgoing-document/outgoing-document.events';
export * from './outgoing-document/outgoing-document.state';
export * from './outgoing-document/outgoing-document.draft';
export * from './outgoing-document/outgoing-document.decide';
export * from './outgoing-document/outgoing-document.header';

export * from './incoming-document/incoming-document.commands';
export * from './incoming-document/incoming-document.events';
export * from './incoming-document/incoming-document.state';
export * from './incoming-document/incoming-document.config';
export * from './incoming-document/incoming-document.decide';
