import fc from 'fast-check';
import { FixedWindowStorage } from '../../services/gateway/ingress/fixed-window-storage';

describe('FixedWindowStorage (the rate limit counter)', () => {
  it('counts hits per key within a window and refuses above the limit until the window ends', async () => {
    let now = 1_000;
    const storage = new FixedWindowStorage(() => now);
    const hit = (key: string) => storage.increment(key, 60_000, 2);
    expect(await hit('a')).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    expect((await hit('a')).isBlocked).toBe(false);
    now += 30_000;
    expect(await hit('a')).toMatchObject({ totalHits: 3, timeToExpire: 30, isBlocked: true });
    expect(await hit('b')).toMatchObject({ totalHits: 1, isBlocked: false }); // another client is not affected
    now = 61_000; // the window of `a` ends: counting starts again
    expect(await hit('a')).toMatchObject({ totalHits: 1, timeToExpire: 60, isBlocked: false });
  });

  it('drops ended windows, so keys of clients that went away do not accumulate', async () => {
    let now = 0;
    const storage = new FixedWindowStorage(() => now);
    for (let i = 0; i < 100; i++) await storage.increment(`client-${i}`, 1_000, 10);
    now = 5_000;
    await storage.increment('late', 1_000, 10);
    expect(storage.size).toBe(1);
  });

  it('agrees with counting every hit of the current window (any sequence of hits)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('a', 'b'), fc.integer({ min: 0, max: 700 })), { maxLength: 60 }), async (steps) => {
      let now = 0;
      const storage = new FixedWindowStorage(() => now);
      const windows = new Map<string, { start: number; hits: number }>();
      for (const [key, gap] of steps) {
        now += gap;
        const open = windows.get(key);
        const window = open && now < open.start + 1_000 ? open : { start: now, hits: 0 };
        window.hits += 1;
        windows.set(key, window);
        const record = await storage.increment(key, 1_000, 3);
        expect(record.totalHits).toBe(window.hits);
        expect(record.isBlocked).toBe(window.hits > 3);
        expect(record.timeToExpire).toBe(Math.ceil((window.start + 1_000 - now) / 1000));
      }
    }));
  });
});
