import { defineConfig } from 'vitest/config';

/** Shared vitest settings: node environment, generous timeouts for real services, no retries. */
export const baseTestConfig = defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    passWithNoTests: false,
    retry: 0,
  },
});
