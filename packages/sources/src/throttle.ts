/** Frees a slot taken by `acquire()` once the request has been answered (or failed). */
export type ReleaseSlot = () => void;

/**
 * An in-process limiter for one token: at most `requestsPerSecond` requests in any 1 s window as the
 * server sees them. A slot counts from the moment it is taken until one second after the request
 * finished: the server's arrival time lies between those two points whatever the network latency,
 * so its sliding window can never see more than the budget. Waiters are served in arrival order.
 */
export function createRequestThrottle(requestsPerSecond: number): () => Promise<ReleaseSlot> {
  if (!(requestsPerSecond > 0)) throw new Error('requestsPerSecond must be positive');
  const limit = Math.max(1, Math.floor(requestsPerSecond));
  const windowMs = (1000 * limit) / requestsPerSecond;
  /** End time of each slot: Infinity while its request is in flight. */
  const slots: number[] = [];
  let wakeInFlight: (() => void) | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const takeSlot = async (): Promise<ReleaseSlot> => {
    for (;;) {
      const now = performance.now();
      for (let i = slots.length - 1; i >= 0; i--) if ((slots[i] ?? 0) + windowMs <= now) slots.splice(i, 1);
      if (slots.length < limit) {
        slots.push(Number.POSITIVE_INFINITY);
        let released = false;
        return () => {
          if (released) return;
          released = true;
          // In-flight slots are interchangeable: mark any one of them finished now.
          const position = slots.indexOf(Number.POSITIVE_INFINITY);
          if (position >= 0) slots[position] = performance.now();
          wakeInFlight?.();
        };
      }
      const earliest = Math.min(...slots);
      await new Promise<void>((resolve) => {
        if (Number.isFinite(earliest)) setTimeout(resolve, Math.max(1, earliest + windowMs - now));
        else wakeInFlight = resolve;
      });
      wakeInFlight = null;
    }
  };
  return () => {
    const slot = queue.then(takeSlot);
    queue = slot;
    return slot;
  };
}
