-- Indexes for the dashboard's two slowest lists on bench:scale's data (bench/output/scale-explain.md):
-- both sorted every row of their table for a page of 50–100.
-- Recommendations, newest period first (listRecommendations without an account).
CREATE INDEX recommendations_recent_idx ON recommendations (period_start DESC, account_id, potential_points DESC, criterion_code);
-- The classification review queue across all pages, least confident first (classificationReviewQueue without an account).
CREATE INDEX comment_classifications_review_all_idx ON comment_classifications (confidence, comment_id) WHERE overridden_at IS NULL;
