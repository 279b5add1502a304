export * from './archives.rules';
export * from './archives.config';
export * from './archives.vocabulary';
export * from './archival-code';

export * from './archive-item/archive-item.commands';
export * from './archive-item/archive-item.events';
export * from './archive-item/archive-item.state';
export * from './archive-item/archive-item.decide';
export * from './archive-item/archive-item.composition';
export * from './archive-item/archive-item.schedule';
export * from './archive-item/four-properties';
export * from './archive-item/transfer-manifest';

export * from './archival-code-sequence/archival-code-sequence.commands';
export * from './archival-code-sequence/archival-code-sequence.events';
export * from './archival-code-sequence/archival-code-sequence.state';
export * from './archival-code-sequence/archival-code-sequence.decide';
