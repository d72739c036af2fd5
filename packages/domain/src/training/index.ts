export * from './course-kind';
export * from './enrolment-state';
export * from './completion-rules';
export * from './snils';
export * from './certificate';
export * from './frdo';
export * from './coursework-access';
