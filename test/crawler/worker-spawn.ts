import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  /** Tells the loaded process to start its worker; resolves once it takes jobs. */
  start(): Promise<void>;
}

/** Spawns the worker process and waits until its modules are loaded (it does not take jobs yet). */
export function loadWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/crawler/worker-process.ts'], {
    cwd: ROOT,
    // Only the networks the test configures: none inherited from the shell running the tests.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VK|OK|TELEGRAM)_/.test(name))), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const waitFor = (marker: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker did not print "${marker}" within 60 s:\n${output}`)), 60_000);
      const check = () => {
        if (output.includes(marker)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`worker exited with ${code}:\n${output}`));
      });
      check();
    });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return waitFor('loaded').then(() => ({
    child,
    start: () => {
      child.stdin!.write('start\n');
      return waitFor('ready');
    },
  }));
}

export const killed = (child: ChildProcess) => new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_, signal) => resolve(signal)));

