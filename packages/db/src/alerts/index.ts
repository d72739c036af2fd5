export * from './settings';
export * from './plan';
export * from './deliver';
export * from './inbox';
