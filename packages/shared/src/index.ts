export * from './app-error';
export * from './registry';
export * from './config';
export * from './camel-keys';
