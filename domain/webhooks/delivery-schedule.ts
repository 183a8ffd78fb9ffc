/**
 * When an outbound event is sent again to a registered endpoint that did not take it. The first attempt goes at
 * once; after the n-th failed attempt the next waits
 *
 *     delay(n) = min(BASE · 2^(n−1), CAP)      BASE = 10 s, CAP = 6 h   (10 s, 20 s, 40 s, … 5.7 h, 6 h, 6 h …)
 *
 * as long as that attempt is due within WINDOW (3 days) of the delivery's first attempt. A delivery with no
 * attempt left in the window has failed for good, and its endpoint is marked `failing` (re-enabled by the API).
 * Pure: the caller passes the times.
 */

/** The wait after the first failed attempt. */
export const DELIVERY_BASE_DELAY_MS = 10_000;
/** The longest wait between two attempts. */
export const DELIVERY_MAX_DELAY_MS = 6 * 3_600_000;
/** How long after its first attempt a delivery is still tried. */
export const DELIVERY_WINDOW_MS = 3 * 86_400_000;

/** The wait after `failedAttempts` (≥ 1) failed attempts. */
export function deliveryRetryDelayMs(failedAttempts: number): number {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) throw new RangeError(`failedAttempts must be a positive integer, not ${failedAttempts}`);
  // 2^30 · 10 s is far past the cap: stop doubling there so the number stays finite.
  return Math.min(DELIVERY_BASE_DELAY_MS * 2 ** Math.min(failedAttempts - 1, 30), DELIVERY_MAX_DELAY_MS);
}

/** What to do after a failed attempt: try again at `retryAt` (epoch ms), or give up (the window is over). */
export type NextDelivery = { retryAt: number } | { giveUp: true };

/** The next attempt after `failedAttempts` failures, the last one at `now`, the first at `firstAttemptAt`. */
export function nextDeliveryAttempt(failedAttempts: number, firstAttemptAt: number, now: number): NextDelivery {
  const retryAt = now + deliveryRetryDelayMs(failedAttempts);
  return retryAt > firstAttemptAt + DELIVERY_WINDOW_MS ? { giveUp: true } : { retryAt };
}

/** The whole schedule of a delivery that always fails at once: the offsets from its first attempt (for docs and tests). */
export function deliveryOffsetsMs(): number[] {
  const offsets = [0];
  for (let n = 1; ; n++) {
    const next = nextDeliveryAttempt(n, 0, offsets[offsets.length - 1]);
    if ('giveUp' in next) return offsets;
    offsets.push(next.retryAt);
  }
}
