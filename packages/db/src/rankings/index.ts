export * from './types';
export * from './editions';
export * from './view';
export * from './scores-source';
export * from './scorecard-pdf';
