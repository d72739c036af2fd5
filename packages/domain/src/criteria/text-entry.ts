/** Browser-safe entry (no zod): the criterion text generator and the reason texts. */
export * from './text';
export { criterionReasonRu, isCriterionReason, CRITERION_REASONS, type CriterionReason } from './reasons';
