/** The VK API simulator: test infrastructure and demo data. Production code must never import this entry. */
export { startVkSimulator } from './server';
export type { SimulatorStats, SimulatorTokenKind, TokenStats, VkSimulator, VkSimulatorOptions } from './server';
export type { SimulatorClock } from './clock';
export { FAULT_KINDS, type FaultKind, type FaultOptions } from './faults';
export type { CommunityOverride, CommunityState, PostingPattern } from './world';
export { startOkSimulator, OK_SIMULATOR_APPLICATION, type OkSimulator, type OkSimulatorOptions } from './ok-server';
export { startTelegramSimulator, TELEGRAM_PREVIEW_PAGE, type TelegramSimulator, type TelegramSimulatorOptions } from './telegram-server';
export type { NetworkSimulatorStats } from './http';
export { NETWORK_SIMULATORS, type DemoSimulatorOptions, type RunningSimulator } from './networks';
export { startTelegramBotServer, type TelegramBotServer } from './telegram-bot-server';
