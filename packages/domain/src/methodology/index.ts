export * from './types';
export { METHODOLOGY_V1 } from './v1';
export { applicableNetworks, featuresNeeded, NETWORK_LIMITS, networkLimitReasons, notApplicableReason, PAGE_FEATURES, type PageFeature } from './network-limits';
