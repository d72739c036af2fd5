export * from './types';
export { measureCriterion, type Measurement } from './measure';
export { isApplicable, scoreAccount, statusFor } from './score';
