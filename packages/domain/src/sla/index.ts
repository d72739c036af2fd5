export * from './policy';
export * from './clock';
export * from './first-reply';
export * from './evaluate';
export * from './percentile';
export * from './aggregate';
export * from './period';
export * from './watch';
