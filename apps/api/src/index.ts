export * from './app';
export * from './platform';
export * from './server';
export * from './logger';
