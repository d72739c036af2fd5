import type { Config, Network } from '@most/shared';
import { createOkSource } from './ok/source';
import { createTelegramSource } from './telegram/source';
import type { SocialSource } from './types';
import { VK_DEFAULT_RATE } from './vk/client';
import { createVkSource, VK_GROUPS_PER_REQUEST } from './vk/source';

/** Awaited before each request; the returned function (if any) is called once the answer arrived. */
export type Acquire = () => Promise<void | (() => void)>;

/**
 * Paces one credential's requests (across every worker process): given the secret the requests go
 * out under (never stored: the worker keys the pace by its fingerprint) and the budget.
 */
export type PaceFor = (secret: string, requestsPerSecond: number) => Acquire;

export interface ConfiguredSource {
  source: SocialSource;
  /** What requests go out under (a token, or the public host): alerts and pacing key on its fingerprint. */
  secret: string;
  requestsPerSecond: number;
}

/** What the crawler knows about a network: everything else is the adapter's business. */
export interface NetworkDefinition {
  /** As users and logs name it. */
  label: string;
  /** Accounts whose profiles one job reads (one request when the network reads many at once). */
  profilesPerJob: number;
  /** Whether the environment configures this network (the demo starts a simulator otherwise). */
  configured(config: Config): boolean;
  /** The adapter the environment configures; null when it does not. */
  fromConfig(config: Config, pace: PaceFor): ConfiguredSource | null;
  /** Networks read with tokens: the variable of the one token, and the one listing more (comma-separated) to pool with it. */
  tokenVariables?: { single: 'VK_TOKEN' | 'OK_ACCESS_TOKEN'; pool: 'VK_TOKENS' | 'OK_ACCESS_TOKENS' };
}

/** Every token the configuration gives a network (its single variable first, then the pooled ones), without repeats. */
export function configuredTokens(config: Config, definition: NetworkDefinition): string[] {
  if (!definition.tokenVariables) return [];
  const { single, pool } = definition.tokenVariables;
  const tokens = [config[single], ...(config[pool] ?? '').split(',')].map((token) => token?.trim() ?? '').filter(Boolean);
  return [...new Set(tokens)];
}

/**
 * The registry of networks. Adding one is an adapter (src/<network>), a simulator and an entry here
 * (plus its name in @most/shared's NETWORKS and its variables in the configuration).
 */
export const NETWORK_SOURCES: Record<Network, NetworkDefinition> = {
  vk: {
    label: 'VK',
    profilesPerJob: VK_GROUPS_PER_REQUEST,
    tokenVariables: { single: 'VK_TOKEN', pool: 'VK_TOKENS' },
    configured: (config) => Boolean(config.VK_TOKEN || config.VK_TOKENS),
    fromConfig(config, pace) {
      if (!config.VK_TOKEN) return null;
      const requestsPerSecond = config.VK_REQUESTS_PER_SECOND ?? VK_DEFAULT_RATE[config.VK_TOKEN_KIND];
      const acquire = pace(config.VK_TOKEN, requestsPerSecond);
      return {
        source: createVkSource({ token: config.VK_TOKEN, kind: config.VK_TOKEN_KIND, baseUrl: config.VK_API_URL, requestsPerSecond, acquire }),
        secret: config.VK_TOKEN,
        requestsPerSecond,
      };
    },
  },
  ok: {
    label: 'OK',
    profilesPerJob: 100,
    tokenVariables: { single: 'OK_ACCESS_TOKEN', pool: 'OK_ACCESS_TOKENS' },
    configured: (config) => Boolean((config.OK_ACCESS_TOKEN || config.OK_ACCESS_TOKENS) && config.OK_APPLICATION_KEY && config.OK_APPLICATION_SECRET_KEY),
    fromConfig(config, pace) {
      const { OK_ACCESS_TOKEN: accessToken, OK_APPLICATION_KEY: applicationKey, OK_APPLICATION_SECRET_KEY: applicationSecretKey } = config;
      if (!accessToken || !applicationKey || !applicationSecretKey) return null;
      const requestsPerSecond = config.OK_REQUESTS_PER_SECOND ?? 5;
      const acquire = pace(accessToken, requestsPerSecond);
      return { source: createOkSource({ applicationKey, applicationSecretKey, accessToken, baseUrl: config.OK_API_URL, requestsPerSecond, acquire }), secret: accessToken, requestsPerSecond };
    },
  },
  telegram: {
    label: 'Telegram',
    profilesPerJob: 1,
    configured: (config) => Boolean(config.TELEGRAM_PREVIEW_URL),
    fromConfig(config, pace) {
      if (!config.TELEGRAM_PREVIEW_URL) return null;
      const requestsPerSecond = config.TELEGRAM_REQUESTS_PER_SECOND ?? 1;
      const acquire = pace(config.TELEGRAM_PREVIEW_URL, requestsPerSecond);
      return { source: createTelegramSource({ baseUrl: config.TELEGRAM_PREVIEW_URL, requestsPerSecond, acquire }), secret: config.TELEGRAM_PREVIEW_URL, requestsPerSecond };
    },
  },
};
