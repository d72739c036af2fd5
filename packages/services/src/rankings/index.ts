export * from './types';
export * from './editions';
export * from './view';
export * from './scores-source';
export * from './insights';
export * from './scorecard-pdf';
