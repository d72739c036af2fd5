export * from './ranking';
export * from './unranked';
