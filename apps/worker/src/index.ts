export * from './worker';
export type { CrawlOptions, NetworkCrawl } from './crawl/options';
export { crawledNetworks, crawlOptionsFromConfig, crawlScheduleFromConfig, resolvePseudonymKey } from './crawl/runtime';
export { scheduleCrawls, unscheduleCrawls, startCrawlRun, CRAWL_SCHEDULER_IDS, crawlSchedulerId, type CrawlSchedule } from './crawl/schedule';
export { createPseudonymiser, fingerprint, loadOrCreatePseudonymKey, PSEUDONYM_KEY_FILE, type Pseudonymise } from './crawl/pseudonym';
export { crawlJobIds } from './crawl/job-ids';
export { createRequestPacer, createLocalPacer, type RequestPacer } from './crawl/request-pacer';
