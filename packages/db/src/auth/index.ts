export * from './tokens';
export * from './sessions';
export * from './throttle';
export * from './user-admin';
