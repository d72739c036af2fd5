export { SYSTEM_ACTOR, type ScoringActor } from './actor';
export { loadMethodology, saveMethodology, lockMethodology, type StoredMethodology } from './methodology';
export { CLASSIFIER_VERSION, classifyPendingComments, classificationReviewQueue } from './classify';
export { reviewContexts, type ReviewContext, type ReviewThreadItem } from './review-context';
export { measureQuestions, MEASUREMENT_HORIZON_DAYS, type MeasureScope } from './measure';
export {
  loadAccounts,
  loadBacklinks,
  loadManual,
  loadOverrides,
  loadPosts,
  loadQuestionEvidence,
  loadSla,
  loadSnapshots,
  loadStoredTotals,
  refreshStatistics,
  scoredVersions,
  sectorPeers,
  settleRecommendations,
  siblingIds,
  toMs,
  writeAccountScores,
  writeOrganizationScores,
  writeRecommendations,
  type AccountRow,
  type AccountTotal,
  type SectorPeers,
  type SlaRow,
} from './score-rows';
export { listRecommendations, recommendationStatusOf, writeRecommendationStatus, writeRecommendationText, type StoredRecommendation, type RecommendationStatus } from './recommendations';
export {
  excludeQuestion,
  insertDispute,
  listDisputes,
  lockDispute,
  writeCriterionOverride,
  writeDisputeDecision,
  type CorrectedStatus,
  type DisputeForDecision,
  type DisputeItem,
  type DisputePeriodKind,
  type DisputeReason,
} from './disputes';
export { recordWebsiteCheck } from './website-checks';
export { headAccountUrl, profileInput } from './inputs';
export { listOpenQuestions, organizationSlaDistribution, listManualScoringAccounts, listAccountManualAssessments, type OpenQuestion, type ManualScoringAccount } from './watch';
export { slaWatch, type SlaWatch, type WatchPage } from './sla-watch';
export { loadPageStates, UNREAD_PAGE } from './page-state';
export { accountsChangedSince, loadWatermark, readScoreClock, saveWatermark, type ScoreClock, type Watermark, type WatermarkKey } from './watermarks';
export { markPartitionPurged, purgeCommentRange, purgedPartitionNames, recordCommentPurge, type PublishedRange } from './comment-purges';
export { effectiveClassification, loadCommentRef, writeClassificationOverride, writeResponseMark, type CommentRef } from './comment-decisions';
export { insertManualAssessment } from './manual-assessments';
