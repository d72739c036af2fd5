export * from './account-url';
export * from './registry-row';
