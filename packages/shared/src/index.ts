export * from './app-error';
export * from './registry';
export * from './config';
export * from './post';
export * from './queue-status';
export * from './camel-keys';
