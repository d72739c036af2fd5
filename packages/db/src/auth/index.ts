export * from './tokens';
export * from './sessions';
export * from './throttle';
export * from './login';
export * from './account-tokens';
export * from './user-admin';
