/** Job ids must not contain ':' (BullMQ on Redis); external ids come from the network, so keep them tame. */
const safe = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_');

/** Deterministic job ids (no ':'): re-enqueueing the same step of the same run is a no-op. */
export const crawlJobIds = {
  fanout: (part: string, network: string, runAt: number, afterId: number) => `crawl-fanout-${network}-${part}-${runAt}-${afterId}`,
  vkProfile: (accountId: number, runAt: number) => `vk-profile-${accountId}-${runAt}`,
  /** A batch of a profile run, named by its first and last account id. */
  vkProfiles: (firstAccountId: number, lastAccountId: number, runAt: number) => `vk-profiles-${firstAccountId}-${lastAccountId}-${runAt}`,
  vkPosts: (accountId: number, runAt: number, page: number) => `vk-posts-${accountId}-${runAt}-${page}`,
  vkComments: (accountId: number, postExternalId: string, runAt: number) => `vk-comments-${accountId}-${safe(postExternalId)}-${runAt}`,
};
