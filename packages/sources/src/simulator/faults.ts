import { rngFor } from './random';

/** What can go wrong on purpose (`errorN`: the network's error code N; OK: 2 service, 8 flood, 102 session expired). `hang` holds the request until the client gives up or the server closes. */
export const FAULT_KINDS = [
  'error2',
  'error5',
  'error6',
  'error8',
  'error9',
  'error10',
  'error14',
  'error29',
  'error102',
  'hang',
  'slow',
  'malformed_json',
  'bad_shape',
  'http500',
  'http502',
  'http503',
  'reset',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  /** Chance (0..1) that any request gets one of `kinds`. */
  probability?: number;
  kinds?: FaultKind[];
  /** Methods the random faults apply to (all when omitted). */
  methods?: string[];
  /** Extra delay of a `slow` answer, ms (default 2000). */
  slowMs?: number;
}

export class FaultPlan {
  private readonly queue: { kind: FaultKind | 'none'; method?: string }[] = [];
  private random: FaultOptions;
  private counter = 0;

  constructor(
    private readonly seed: string,
    options: FaultOptions = {},
  ) {
    this.random = options;
  }

  get slowMs(): number {
    return this.random.slowMs ?? 2000;
  }

  /** Queues faults for the next matching requests, in order ('none' lets one request through). */
  script(kinds: (FaultKind | 'none')[], method?: string): void {
    for (const kind of kinds) this.queue.push({ kind, method });
  }

  setRandom(options: FaultOptions): void {
    this.random = options;
  }

  clear(): void {
    this.queue.length = 0;
    this.random = {};
  }

  /** The fault for this request, if any. */
  next(method: string): FaultKind | null {
    const index = this.queue.findIndex((entry) => entry.method === undefined || entry.method === method);
    if (index >= 0) {
      const [entry] = this.queue.splice(index, 1);
      return entry && entry.kind !== 'none' ? entry.kind : null;
    }
    const { probability = 0, kinds = ['error10'], methods } = this.random;
    if (probability <= 0 || kinds.length === 0 || (methods && !methods.includes(method))) return null;
    const rng = rngFor(this.seed, 'fault', this.counter++);
    return rng.chance(probability) ? rng.pick(kinds) : null;
  }
}
