export * from './ranking';
export * from './unranked';
export * from './insights';
