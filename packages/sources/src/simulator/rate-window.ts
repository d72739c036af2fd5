/** Sliding one-second windows per token: enforces the limit and remembers the busiest second seen. */
export class SlidingWindow {
  private accepted: number[] = [];
  private arrived: number[] = [];
  maxArrivalsPerSecond = 0;

  /** Records an arrival at `nowMs`; returns false when `limit` requests were already accepted in the last second. */
  admit(nowMs: number, limit: number | null): boolean {
    const since = nowMs - 1000;
    this.arrived = this.arrived.filter((t) => t > since);
    this.arrived.push(nowMs);
    this.maxArrivalsPerSecond = Math.max(this.maxArrivalsPerSecond, this.arrived.length);
    this.accepted = this.accepted.filter((t) => t > since);
    if (limit !== null && this.accepted.length >= limit) return false;
    this.accepted.push(nowMs);
    return true;
  }
}
