import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * Registers a resource for the calling test file or describe block: opened before its tests, closed
 * after them. The returned handle reads each property from the open resource (from beforeAll on),
 * so it can be declared where the tests see it. Fit for closure-based objects (no `this` in methods).
 */
export function useForTests<T extends object>(what: string, open: () => Promise<T>, close: (resource: T) => Promise<void>, openTimeoutMs?: number): T {
  let resource: T | undefined;
  beforeAll(async () => {
    resource = await open();
  }, openTimeoutMs);
  afterAll(async () => {
    if (resource) await close(resource);
  });
  return new Proxy({} as T, {
    get(_handle, key) {
      if (!resource) throw new Error(`${what} exists only while the tests run (from beforeAll on).`);
      return Reflect.get(resource, key);
    },
  });
}

/** Registers a fresh temporary directory for the calling tests (removed after them); its `path` is there from beforeAll on. */
export const useTempDir = (prefix: string): { readonly path: string } =>
  useForTests(
    'The temporary directory',
    async () => ({ path: await mkdtemp(join(tmpdir(), prefix)) }),
    ({ path }) => rm(path, { recursive: true, force: true }),
  );
export { pdfFonts, pdfText, requirePoppler } from './testing-pdf';
