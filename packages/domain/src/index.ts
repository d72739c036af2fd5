export * from './account-url';
export * from './registry-row';
export * from './sla';
export * from './training';
export * from './bulletin';
export * from './question';
export * from './ranking';
