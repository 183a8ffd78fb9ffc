import fc from 'fast-check';
import { daysOverdue } from '../../domain/email-templates';

const REAL_DAY = 86_400_000;
const DEMO_DAY = 2_000;
const start = Date.UTC(2026, 11, 1, 12);

describe('days overdue: real days before the run started, the run\'s day length after', () => {
  it('an invoice due in 2009 (a Stripe fixture) is some 6 000 days overdue in a 2-second-day demo, not hundreds of millions', () => {
    const due = Date.UTC(2009, 1, 13, 23, 31, 30);
    const days = daysOverdue(due, { now: start + 3 * DEMO_DAY, dayMs: DEMO_DAY, startedAt: start });
    expect(days).toBe(Math.floor((start - due) / REAL_DAY) + 3);
    expect(days).toBeLessThan(10_000);
  });

  it('a derived overdue run (7 days) counts on from the 7 its trigger said, in demo days', () => {
    const due = start - 7 * DEMO_DAY;
    expect(daysOverdue(due, { now: start + 2 * DEMO_DAY + 5, dayMs: DEMO_DAY, startedAt: start, startDays: 7 })).toBe(9);
  });

  it('in production (1 d days) it is the plain count of days since the due date, whatever the run started', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2_000 * REAL_DAY }), fc.integer({ min: 0, max: 100 * REAL_DAY }), (sinceDue, sinceStart) => {
      const now = start + sinceStart;
      expect(daysOverdue(now - sinceDue, { now, dayMs: REAL_DAY, startedAt: start })).toBe(Math.floor(sinceDue / REAL_DAY));
    }));
  });

  it('never counts the time before the run in demo days, and never goes down as the run goes on', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5_000 * REAL_DAY }), fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 1_000 }), (before, a, b) => {
      const due = start - before;
      const at = (demoDays: number) => daysOverdue(due, { now: start + demoDays * DEMO_DAY, dayMs: DEMO_DAY, startedAt: start });
      expect(at(0)).toBe(Math.floor(before / REAL_DAY));
      expect(at(Math.max(a, b))).toBeGreaterThanOrEqual(at(Math.min(a, b)));
    }));
  });
});
