export * from './types';
export * from './reasons';
export * from './text';
export { measureCriterion, type Measurement } from './measure';
export { findBacklink, type BacklinkResult, type BacklinkTarget } from './backlink';
export { applyOverrides, isApplicable, pointsFor, scoreAccount, statusFor, type CriterionOverride } from './score';
export * from './verdict';
export * from './engagement';
