import fc from 'fast-check';
import {
  DELIVERY_BASE_DELAY_MS, DELIVERY_MAX_DELAY_MS, DELIVERY_WINDOW_MS, deliveryOffsetsMs, deliveryRetryDelayMs, nextDeliveryAttempt,
} from '../../domain/webhooks/delivery-schedule';
import { signingSecrets } from '../../domain/webhooks/signing-secrets';

const HOUR = 3_600_000;

describe('outbound delivery backoff', () => {
  it('doubles from 10 s up to a 6 h cap', () => {
    expect([1, 2, 3, 4].map(deliveryRetryDelayMs)).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(deliveryRetryDelayMs(12)).toBe(10_000 * 2 ** 11); // 5.7 h, still under the cap
    expect(deliveryRetryDelayMs(13)).toBe(6 * HOUR);
    expect(deliveryRetryDelayMs(1_000_000)).toBe(6 * HOUR);
    expect(() => deliveryRetryDelayMs(0)).toThrow(RangeError);
  });

  it('never waits less after more failures, and always within [base, cap]', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => {
      const d = deliveryRetryDelayMs(n);
      expect(d).toBeGreaterThanOrEqual(DELIVERY_BASE_DELAY_MS);
      expect(d).toBeLessThanOrEqual(DELIVERY_MAX_DELAY_MS);
      expect(deliveryRetryDelayMs(n + 1)).toBeGreaterThanOrEqual(d);
    }));
  });

  it('schedules no attempt past 3 days after the first, and gives up only when the next would be', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: DELIVERY_WINDOW_MS }), (n, first, elapsed) => {
      const now = first + elapsed;
      const next = nextDeliveryAttempt(n, first, now);
      if ('retryAt' in next) {
        expect(next.retryAt).toBe(now + deliveryRetryDelayMs(n));
        expect(next.retryAt).toBeLessThanOrEqual(first + DELIVERY_WINDOW_MS);
      } else {
        expect(now + deliveryRetryDelayMs(n)).toBeGreaterThan(first + DELIVERY_WINDOW_MS);
      }
    }));
  });

  it('a delivery that always fails is tried 23 times over (just under) 3 days, then given up', () => {
    const offsets = deliveryOffsetsMs();
    expect(offsets[0]).toBe(0);
    expect(offsets.slice(1, 4)).toEqual([10_000, 30_000, 70_000]);
    expect(offsets.at(-1)!).toBeLessThanOrEqual(DELIVERY_WINDOW_MS);
    expect(offsets.at(-1)!).toBeGreaterThan(DELIVERY_WINDOW_MS - 6 * HOUR); // the last slot is used
    expect(offsets.length).toBe(23);
    offsets.slice(1).forEach((o, i) => expect(o).toBeGreaterThan(offsets[i]));
  });
});

describe('signing secrets during a rotation', () => {
  it('signs with the previous secret too until it expires, newest first', () => {
    const s = { secret: 'whsec_new', previousSecret: 'whsec_old', previousSecretExpiresAt: 1_000 };
    expect(signingSecrets(s, 999)).toEqual(['whsec_new', 'whsec_old']);
    expect(signingSecrets(s, 1_000)).toEqual(['whsec_new']);
    expect(signingSecrets({ secret: 'whsec_new', previousSecret: null, previousSecretExpiresAt: null }, 0)).toEqual(['whsec_new']);
  });
});
