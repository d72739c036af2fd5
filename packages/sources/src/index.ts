export * from './types';
export { createRequestThrottle } from './throttle';
export { createVkSource, VK_GROUP_FIELDS, VK_GROUPS_PER_REQUEST, type VkSource, type VkSourceOptions } from './vk/source';
export { VK_DEFAULT_RATE, type VkTokenKind } from './vk/client';
export { vkErrorToSourceError } from './vk/errors';
export { createOkSource, OK_GROUP_FIELDS, type OkSourceOptions } from './ok/source';
export { okSignature } from './ok/signature';
export { createTelegramSource, type TelegramSourceOptions } from './telegram/source';
export { parseCount as parseTelegramCount } from './telegram/parse';
