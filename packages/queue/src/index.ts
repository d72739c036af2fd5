export * from './jobs';
export * from './backend';
