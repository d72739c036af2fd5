import type { Config, Network } from '@most/shared';
import { startOkSimulator, OK_SIMULATOR_APPLICATION } from './ok-server';
import { startVkSimulator } from './server';
import { startTelegramSimulator } from './telegram-server';

export interface RunningSimulator {
  url: string;
  close(): Promise<void>;
  /** The configuration that points the platform at this simulator. */
  config: Partial<Config>;
}

export interface DemoSimulatorOptions {
  seed: string;
  now: Date;
  /** The clock follows the wall clock (a demo that runs for hours). */
  realTime: boolean;
}

/** Simulators by network, for the embedded demo (a network without credentials is read from its simulator). */
export const NETWORK_SIMULATORS: Record<Network, (options: DemoSimulatorOptions) => Promise<RunningSimulator>> = {
  async vk(options) {
    // The demo reads its own simulator faster than a real service token allows VK to be read.
    const rate = 20;
    const simulator = await startVkSimulator({ ...options, requestsPerSecond: rate });
    return { url: simulator.url, close: simulator.close, config: { VK_API_URL: simulator.url, VK_TOKEN: 'demo-simulator', VK_TOKEN_KIND: 'service', VK_REQUESTS_PER_SECOND: rate } };
  },
  async ok(options) {
    const rate = 10;
    const simulator = await startOkSimulator({ ...options, requestsPerSecond: rate });
    return {
      url: simulator.url,
      close: simulator.close,
      config: {
        OK_API_URL: simulator.url,
        OK_APPLICATION_KEY: OK_SIMULATOR_APPLICATION.key,
        OK_APPLICATION_SECRET_KEY: OK_SIMULATOR_APPLICATION.secretKey,
        OK_ACCESS_TOKEN: 'demo-simulator',
        OK_REQUESTS_PER_SECOND: rate,
      },
    };
  },
  async telegram(options) {
    const simulator = await startTelegramSimulator({ ...options, requestsPerSecond: 4 });
    return { url: simulator.url, close: simulator.close, config: { TELEGRAM_PREVIEW_URL: simulator.url, TELEGRAM_REQUESTS_PER_SECOND: 2 } };
  },
};
