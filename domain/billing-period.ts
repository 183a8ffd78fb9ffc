import type { RecurringInterval } from './billing';

/*
 * A price's billing interval read off one invoice line's period (Stripe 2025-03-31+ lines carry a price id
 * and a period, not the price's recurrence): the period's length in days, within a tolerance for month
 * lengths and time changes, names the interval.
 *   ~1 day → day; ~7 days → week; 28–31 days → 1 month; 89–92 → 3 months; 181–184 → 6 months; 365–366 → 1 year.
 * Anything else (a proration's partial period, a zero-length one-off line) gives nothing.
 */

const DAY_MS = 86_400_000;

const SHAPES: { min: number; max: number; interval: RecurringInterval; intervalCount: number }[] = [
  { min: 0.9, max: 1.1, interval: 'day', intervalCount: 1 },
  { min: 6.9, max: 7.1, interval: 'week', intervalCount: 1 },
  { min: 27.9, max: 31.1, interval: 'month', intervalCount: 1 },
  { min: 88.9, max: 92.1, interval: 'month', intervalCount: 3 },
  { min: 180.9, max: 184.1, interval: 'month', intervalCount: 6 },
  { min: 364.9, max: 366.1, interval: 'year', intervalCount: 1 },
];

/** The interval a line's period (epoch ms) stands for, or undefined when its length names none. */
export function intervalFromPeriod(startMs: number, endMs: number): { interval: RecurringInterval; intervalCount: number } | undefined {
  const days = (endMs - startMs) / DAY_MS;
  const shape = SHAPES.find((s) => days >= s.min && days <= s.max);
  return shape && { interval: shape.interval, intervalCount: shape.intervalCount };
}
