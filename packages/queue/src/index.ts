export * from './jobs';
export * from './backend';
export * from './status';
export * from './schedules';
export * from './processors';
