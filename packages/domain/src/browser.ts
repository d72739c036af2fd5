/**
 * The browser-safe part of the domain: vocabulary and rules with no Node import, so the dashboard
 * imports them instead of copying them. Add here only modules whose imports are browser-safe too.
 */
export * from '@most/shared/vocabulary';
export * from './training/enrolment-rules';
export * from './criteria/verdict';
export * from './page-report';
