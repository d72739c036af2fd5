/**
 * CPU and memory of PostgreSQL server processes, read from /proc (pg_stat_statements needs
 * shared_preload_libraries, which this machine's server does not load). Only the backends of one
 * database are counted (pg_stat_activity.datname, including its autovacuum workers): other
 * databases on the same server belong to other work. Backends are sampled while a phase runs, so a
 * backend that starts and ends inside it is counted up to its last sample.
 */
import { readFileSync } from 'node:fs';
import type { Sql } from '@most/db';

const TICKS_PER_SECOND = 100;

/** utime + stime of a process in ms, or null when it is gone. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Peak resident set of a process in kB (VmHWM), or null when it is gone. */
export function processPeakRssKb(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export interface BackendMeter {
  /** Starts a phase: CPU from now on is counted. */
  start(): Promise<void>;
  /** Ends the phase: CPU ms of the database's backends since start. */
  stop(): Promise<number>;
  /** The largest VmHWM seen among the database's backends, in MB. */
  peakRssMb(): number;
}

export function meterBackends(sql: Sql, database: string, sampleMs = 1_000): BackendMeter {
  let baseline = new Map<number, number>();
  let last = new Map<number, number>();
  let peakKb = 0;
  let timer: NodeJS.Timeout | undefined;
  const sample = async (initial = false) => {
    const rows = await sql<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = ${database}`;
    for (const { pid } of rows) {
      const cpu = processCpuMs(pid);
      if (cpu === null) continue;
      // Backends already running count from now; those started during the phase from zero.
      if (!baseline.has(pid)) baseline.set(pid, initial ? cpu : 0);
      last.set(pid, cpu);
      peakKb = Math.max(peakKb, processPeakRssKb(pid) ?? 0);
    }
  };
  return {
    async start() {
      baseline = new Map();
      last = new Map();
      await sample(true);
      timer = setInterval(() => void sample().catch(() => {}), sampleMs);
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await sample();
      let total = 0;
      for (const [pid, cpu] of last) total += cpu - (baseline.get(pid) ?? 0);
      return total;
    },
    peakRssMb: () => peakKb / 1024,
  };
}
