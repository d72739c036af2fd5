export * from './submit-report';
export * from './decide-report';
