export * from './fresh-pass';
export * from './fair-share';
