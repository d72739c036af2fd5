import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { closeOnce } from './lifecycle';

const LIFECYCLE = fileURLToPath(new URL('./lifecycle.ts', import.meta.url));

/** A process that stops through `closeOnSignals`; its close takes 300 ms and fails when asked. */
function run(options: { fail: boolean; signals: number }): Promise<{ code: number | null; lines: string[] }> {
  const script = `
    const { closeOnSignals } = await import(${JSON.stringify(LIFECYCLE)});
    const log = (level) => (fields, message) => console.log(JSON.stringify({ level, message, ...fields, err: fields.err?.message }));
    closeOnSignals({ logger: { info: log('info'), error: log('error') }, close: async () => {
      await new Promise((r) => setTimeout(r, 300));
      console.log(JSON.stringify({ message: 'closed' }));
      if (${options.fail}) throw new Error('database would not close');
    } });
    console.log(JSON.stringify({ message: 'ready' }));
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let sent = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    // One signal at a time: the second only once the first is being handled (signals do not queue).
    if ((sent === 0 && out.includes('"ready"')) || (sent === 1 && sent < options.signals && out.includes('shutting down'))) {
      sent++;
      child.kill('SIGTERM');
    }
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, lines: out.trim().split('\n') })));
}

describe('process lifecycle', () => {
  it('closes once on SIGTERM, logs it and exits 0', async () => {
    const { code, lines } = await run({ fail: false, signals: 1 });
    expect(code).toBe(0);
    expect(lines.map((l) => JSON.parse(l).message)).toEqual(['ready', 'shutting down', 'closed']);
  });

  it('exits 1 and logs the reason when closing fails', async () => {
    const { code, lines } = await run({ fail: true, signals: 1 });
    expect(code).toBe(1);
    expect(lines.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ level: 'error', message: 'shutdown failed', err: 'database would not close' }));
  });

  it('a second signal forces exit before the close finishes', async () => {
    const { code, lines } = await run({ fail: false, signals: 2 });
    expect(code).toBe(1);
    expect(lines.map((l) => JSON.parse(l).message)).not.toContain('closed');
  });

  it('closeOnce runs the shutdown a single time however often it is called', async () => {
    let runs = 0;
    const close = closeOnce(async () => {
      runs++;
    });
    await Promise.all([close(), close(), close()]);
    expect(runs).toBe(1);
  });
});
