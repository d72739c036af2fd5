export * from './types';
export { classifyComment } from './classify';
export { isMeToo, ME_TOO_REASON } from './me-too';
export { INTERMEDIATE_REPLY, looksIntermediate } from './reply-kind';
import { EVAL_HOLDOUT } from './eval-holdout';
import { EVAL_SET, type LabelledComment } from './eval-set';

/** The whole labelled evaluation set (development part + hold-out), for benches and reports. */
export const QUESTION_EVAL_SET: readonly LabelledComment[] = [...EVAL_SET, ...EVAL_HOLDOUT];
export type { LabelledComment };
