import fc from 'fast-check';
import { MAX_RETRIES, SMART_WINDOWS, type RetryPolicy } from '../../domain/automation';
import { isHardDecline, HARD_DECLINE_CODES } from '../../domain/decline-codes';
import { nextRetryAt, scheduleDeadline, WINDOW_DAYS } from '../../domain/retry-schedule';
import { plannedRetries } from '../support/planned-retries';

const DAY = 86_400_000;
const HOUR = DAY / 24;
const t0 = Date.UTC(2026, 0, 1);
const hours = (times: number[]) => times.map((t) => (t - t0) / HOUR);

describe('smart schedule', () => {
  it('spreads 8 retries over 2 months, the last one on the window end', () => {
    expect(hours(plannedRetries({ type: 'smart', window: '2m', maxRetries: 8 }, t0, DAY, 'insufficient_funds'))).toEqual([64, 180, 331, 509, 712, 935, 1179, 1440]);
  });

  it('keeps at least a day after a funds decline and an hour otherwise, inside the window', () => {
    const oneWeek: RetryPolicy = { type: 'smart', window: '1w', maxRetries: 8 };
    expect(hours(plannedRetries(oneWeek, t0, DAY, 'generic_decline'))).toEqual([7, 21, 39, 59, 83, 109, 138, 168]);
    // After insufficient_funds each retry waits a day; the last ones are clamped to the window end.
    expect(hours(plannedRetries(oneWeek, t0, DAY, 'insufficient_funds'))).toEqual([24, 48, 72, 96, 120, 144, 168]);
  });

  it('depends on the last attempt time (an attempt by the provider pushes the next retry)', () => {
    const policy: RetryPolicy = { type: 'smart', window: '2m', maxRetries: 8 };
    const p = { firstFailedAt: t0, retriesDone: 0, lastAttemptAt: t0 + 70 * HOUR, lastDeclineCode: 'insufficient_funds' };
    expect((nextRetryAt(policy, p, DAY)! - t0) / HOUR).toBe(94);
  });

  it('scales with the day length (DAY_DURATION=2s demo)', () => {
    expect(plannedRetries({ type: 'smart', window: '2m', maxRetries: 8 }, 0, 2_000)).toHaveLength(8);
    expect(plannedRetries({ type: 'smart', window: '2m', maxRetries: 8 }, 0, 2_000).at(-1)).toBe(120_000);
  });

  it('is monotonic, within the window and at most maxRetries for any window, count and decline', () => {
    fc.assert(fc.property(fc.constantFrom(...SMART_WINDOWS), fc.integer({ min: 1, max: MAX_RETRIES }), fc.constantFrom(undefined, 'insufficient_funds', 'do_not_honor'), (window, maxRetries, code) => {
      const times = plannedRetries({ type: 'smart', window, maxRetries }, t0, DAY, code);
      expect(times.length).toBeLessThanOrEqual(maxRetries);
      expect(times.length).toBeGreaterThan(0);
      times.forEach((t, i) => expect(t).toBeGreaterThan(i ? times[i - 1] : t0));
      expect(times.at(-1)).toBeLessThanOrEqual(t0 + WINDOW_DAYS[window] * DAY);
    }));
  });
});

describe('custom schedule and hard declines', () => {
  it('retries N days after the previous attempt', () => {
    expect(hours(plannedRetries({ type: 'custom', days: [1, 3, 5] }, t0, DAY)).map((h) => h / 24)).toEqual([1, 4, 9]);
    const p = { firstFailedAt: t0, retriesDone: 1, lastAttemptAt: t0 + 2 * DAY };
    expect(scheduleDeadline({ type: 'custom', days: [1, 3, 5] }, p, DAY)).toBe(t0 + 10 * DAY);
  });

  it('never schedules a hard decline: it waits for a new payment method', () => {
    expect(HARD_DECLINE_CODES).toHaveLength(9);
    for (const code of HARD_DECLINE_CODES) {
      expect(isHardDecline(code)).toBe(true);
      expect(plannedRetries({ type: 'smart', window: '1m', maxRetries: 4 }, t0, DAY, code)).toEqual([]);
    }
    expect(plannedRetries({ type: 'smart', window: '1m', maxRetries: 4 }, t0, DAY, 'insufficient_funds')).toHaveLength(4);
  });
});
