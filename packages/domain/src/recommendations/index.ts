export { buildRecommendations, type Recommendation, type RecommendationContext } from './build';
export { numberRu, percentRu, pluralRu } from './plural';
export * from './status';
