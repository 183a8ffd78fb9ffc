import fc from 'fast-check';
import { MAX_RETRIES, SMART_WINDOWS } from '../../domain/automation';
import type { DeclineClass } from '../../domain/card-network/decline-classifier';
import { isLikelyPayday, localHour, utcOffsetHours } from '../../domain/card-network/local-time';
import { minimumSpacingMs, smartSchedule, type SmartScheduleInput } from '../../domain/card-network/smart-schedule';
import { WINDOW_DAYS } from '../../domain/retry-schedule';

const DAY = 86_400_000;
const HOUR = DAY / 24;
const t0 = Date.UTC(2026, 11, 3, 14); // a Thursday afternoon
const soft: DeclineClass = { kind: 'soft', funds: false, rule: 'soft-decline' };
const funds: DeclineClass = { kind: 'soft', funds: true, rule: 'stripe-funds-decline' };
const after = (afterHours: number): DeclineClass => ({ kind: 'retry_after', afterHours, rule: `mastercard-mac-${afterHours}` });
const CLASSES: DeclineClass[] = [soft, funds, after(1), after(24), after(72)];
const plan = (over: Partial<SmartScheduleInput>) => smartSchedule({ firstFailedAt: t0, now: t0, windowDays: 7, maxRetries: 8, retriesDone: 0, decline: soft, dayMs: DAY, ...over });

describe('smart schedule', () => {
  it.each([['1w', 7], ['2w', 14], ['2m', 60]] as const)('puts 8 retries inside %s for every decline class, spaced and at local daytime', (_, windowDays) => {
    for (const decline of CLASSES) {
      const planned = plan({ windowDays, decline, timeZone: 'America/New_York' });
      const times = planned.map((p) => p.at);
      expect(times).toHaveLength(8);
      expect(Math.max(...times)).toBeLessThan(t0 + windowDays * DAY);
      const gaps = times.map((t, i) => t - (i === 0 ? t0 : times[i - 1]));
      // After a wait longer than the first slot the rest is re-slotted over what is left, spaced by half a new slot.
      const earliest = t0 + Math.max(minimumSpacingMs(windowDays, 8, DAY), decline.kind === 'retry_after' ? decline.afterHours * HOUR : 0);
      const spacing = planned[0].reason.reslotted ? Math.max((t0 + windowDays * DAY - earliest) / 8 / 2, HOUR) : minimumSpacingMs(windowDays, 8, DAY);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(spacing);
      for (const p of planned.filter((x) => x.reason.localDaytime)) {
        const hour = localHour(p.at, DAY, utcOffsetHours('America/New_York', p.at));
        expect(hour >= 9 && hour < 18).toBe(true);
      }
      if (windowDays >= 14) expect(planned.every((p) => p.reason.localDaytime)).toBe(true);
    }
  });

  it('spaces 1w/8 by 10.5 h, 2w/8 by 21 h and 2m/8 by 3.75 days', () => {
    expect([7, 14, 60].map((w) => minimumSpacingMs(w, 8, DAY) / HOUR)).toEqual([10.5, 21, 90]);
  });

  it('explains each retry with its slot, class and adjustments', () => {
    const [first, second] = plan({ decline: after(24), windowDays: 14 });
    expect(first).toEqual({ at: expect.any(Number), reason: { slot: 1, of: 8, windowDays: 14, declineClass: 'retry_after', rule: 'mastercard-mac-24', adviceWaitHours: 24, paydayAligned: false, localDaytime: true, reslotted: false } });
    expect(first.at - t0).toBeGreaterThanOrEqual(24 * HOUR);
    expect(second.reason.slot).toBe(2);
  });

  it('waits out an advice code of 1 hour but never less than the spacing', () => {
    expect(plan({ decline: after(1) })[0].at - t0).toBeGreaterThanOrEqual(10.5 * HOUR);
  });

  it('aligns funds retries to likely paydays when one falls in their slot', () => {
    const paydays = plan({ decline: funds, windowDays: 60 }).filter((p) => p.reason.paydayAligned);
    expect(paydays.length).toBeGreaterThan(0);
    for (const p of paydays) {
      expect(isLikelyPayday(new Date(p.at))).toBe(true);
      expect(new Date(p.at).getUTCHours()).toBe(10);
    }
    expect(isLikelyPayday(new Date(Date.UTC(2026, 0, 30)))).toBe(true); // Friday, the last business day of January 2026
    expect(isLikelyPayday(new Date(Date.UTC(2026, 0, 31)))).toBe(false);
  });

  it('plans at local daytime hours in the customer\'s time zone', () => {
    for (const p of plan({ windowDays: 14, timeZone: 'Asia/Tokyo' })) {
      expect(p.reason.localDaytime).toBe(true);
      expect(localHour(p.at, DAY, utcOffsetHours('Asia/Tokyo', p.at))).toBeGreaterThanOrEqual(9);
      expect(localHour(p.at, DAY, utcOffsetHours('Asia/Tokyo', p.at))).toBeLessThan(18);
    }
    expect(utcOffsetHours('Asia/Kathmandu', t0)).toBe(5.75);
    expect(utcOffsetHours('Not/AZone', t0)).toBe(0);
  });

  it('re-slots the rest after a long advice wait, and plans nothing when the wait passes the window', () => {
    const rest = plan({ decline: after(240), windowDays: 14 });
    expect(rest.every((p) => p.reason.reslotted && p.at >= t0 + 240 * HOUR && p.at < t0 + 14 * DAY)).toBe(true);
    expect(rest).toHaveLength(8);
    expect(plan({ decline: after(240), windowDays: 7 })).toEqual([]);
  });

  it('never plans a retry on a card the network forbids', () => {
    expect(plan({ decline: { kind: 'never_on_this_card', rule: 'visa-category-1:R1' } })).toEqual([]);
    expect(plan({ decline: { kind: 'wait_for_new_card_details', rule: 'mastercard-mac-01' } })).toEqual([]);
  });

  it('holds for any window, count, class, progress, day length and zone: in window, spaced, deterministic', () => {
    const decline = fc.oneof(fc.constantFrom(...CLASSES), fc.integer({ min: 1, max: 240 }).map(after));
    fc.assert(fc.property(
      fc.constantFrom(...SMART_WINDOWS), fc.integer({ min: 1, max: MAX_RETRIES }), decline, fc.integer({ min: 0, max: 7 }),
      fc.constantFrom(DAY, 2_000, 60_000), fc.constantFrom(undefined, 'UTC', 'America/Los_Angeles', 'Asia/Kathmandu', 'Pacific/Kiritimati'), fc.double({ min: 0, max: 1, noNaN: true }),
      (window, n, d, done, dayMs, timeZone, late) => {
        const retriesDone = Math.min(done, n - 1);
        const windowDays = WINDOW_DAYS[window];
        const end = t0 + windowDays * dayMs;
        const now = t0 + late * (retriesDone / n) * windowDays * dayMs; // the last attempt, somewhere in the done slots
        const input = { firstFailedAt: t0, now, windowDays, maxRetries: n, retriesDone, decline: d, dayMs, timeZone };
        const planned = smartSchedule(input);
        expect(smartSchedule(input)).toEqual(planned);
        expect(planned.length).toBeLessThanOrEqual(n - retriesDone);
        if (d.kind === 'soft') expect(planned).toHaveLength(n - retriesDone);
        const waitMs = d.kind === 'retry_after' ? (d.afterHours * dayMs) / 24 : 0;
        planned.forEach((p, i) => {
          expect(Number.isInteger(p.at)).toBe(true);
          expect(p.at).toBeLessThanOrEqual(end);
          const gap = p.at - (i === 0 ? now : planned[i - 1].at);
          expect(gap).toBeGreaterThanOrEqual(dayMs / 24);
          if (i === 0) expect(gap).toBeGreaterThanOrEqual(waitMs);
        });
      },
    ), { numRuns: 300 });
  });
});
