/** The simulator's notion of "now": data exists only up to it, so moving it makes late posts and replies appear. */
export interface SimulatorClock {
  now(): Date;
  /** Unix seconds, as the VK API counts. */
  unix(): number;
  set(time: Date | number): void;
  advance(ms: number): void;
}

/**
 * A clock frozen at `start` unless `realTime` is set, in which case it also follows the wall clock
 * (handy for a demo that runs for hours).
 */
export function createClock(start: Date, realTime = false): SimulatorClock {
  let base = start.getTime();
  let realAnchor = Date.now();
  const nowMs = (): number => base + (realTime ? Date.now() - realAnchor : 0);
  return {
    now: () => new Date(nowMs()),
    unix: () => Math.floor(nowMs() / 1000),
    set: (time) => {
      base = typeof time === 'number' ? time : time.getTime();
      realAnchor = Date.now();
    },
    advance: (ms) => {
      base += ms;
    },
  };
}
