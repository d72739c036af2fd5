export * from './text';
export * from './accounts';
export * from './snapshots';
export * from './posts';
export * from './comments';
export * from './health';
export * from './runs';
export * from './partitions';
