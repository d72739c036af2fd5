import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT_ASSET = /\.(?:js|css|svg|json)$/;

/**
 * Writes `<file>.br` and `<file>.gz` beside each text build file, at the highest levels, once per
 * build: the server sends them as they are (no compression work per request).
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'most-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle(_options, bundle) {
      const writes: Promise<void>[] = [];
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!TEXT_ASSET.test(fileName)) continue;
        const content = output.type === 'chunk' ? Buffer.from(output.code) : Buffer.from(output.source);
        if (content.byteLength < 1024) continue;
        const path = join(outDir, fileName);
        writes.push(writeFile(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })));
        writes.push(writeFile(`${path}.gz`, gzipSync(content, { level: 9 })));
      }
      await Promise.all(writes);
    },
  };
}
