import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  endsAt: number;
  hits: number;
}

/**
 * @nestjs/throttler's storage interface as a fixed window per key: one counter and one end time, so a request
 * costs the same at any limit. (The package's in-memory storage keeps one expiry per hit and filters them on
 * every request: at the ingest limit of thousands per minute that is thousands of comparisons per webhook.)
 * Blocking is not used: over the limit is refused until the window ends. Ended windows are dropped at most
 * once per window length, so keys of clients that went away do not accumulate.
 */
export class FixedWindowStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    if (now >= this.nextSweepAt) this.sweep(now, ttl);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { endsAt: now + ttl, hits: 0 };
      this.windows.set(key, window);
    }
    window.hits += 1;
    const timeToExpire = Math.ceil((window.endsAt - now) / 1000);
    return Promise.resolve({ totalHits: window.hits, timeToExpire, isBlocked: window.hits > limit, timeToBlockExpire: 0 });
  }

  /** How many keys have a window (ended ones until the next sweep). */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number, ttl: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    this.nextSweepAt = now + ttl;
  }
}
