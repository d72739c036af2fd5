export * from './types';
export { METHODOLOGY_V1 } from './v1';
