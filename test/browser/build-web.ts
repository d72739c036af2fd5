/**
 * Builds apps/web when dist is missing or older than its sources. Run under `flock` by the
 * browser tests so parallel test files never build over each other.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WEB = join(ROOT, 'apps/web');
const BUILT = join(WEB, 'dist/index.html');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export function webBuildIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const sources = ['src', 'index.html', 'vite.config.ts', 'precompress.ts', 'package.json'].map((name) => join(WEB, name)).filter((path) => existsSync(path));
  return Math.max(...sources.map(newestMtime)) > statSync(BUILT).mtimeMs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (webBuildIsStale()) {
    execFileSync('npm', ['run', 'build', '-w', '@most/web'], { cwd: ROOT, stdio: 'inherit' });
  }
}
