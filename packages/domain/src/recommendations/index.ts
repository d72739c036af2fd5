export { buildRecommendations, type Recommendation, type RecommendationContext } from './build';
export { countRu, numberRu, percentRu, pluralRu } from './plural';
export * from './status';
