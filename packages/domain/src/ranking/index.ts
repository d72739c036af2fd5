export * from './ranking';
export * from './unranked';
export * from './edition-view';
export * from './insights';
export * from './insight-schemas';
export * from './movers';
export * from './organization-scores';
