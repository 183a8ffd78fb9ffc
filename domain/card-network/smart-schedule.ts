import type { DeclineClass } from './decline-classifier';
import { isLikelyPayday, localDay, localHour, utcOffsetHours } from './local-time';

/**
 * The smart retry schedule: N retries inside a window of W days that opens at the first failure F, as a
 * deterministic function of its inputs (no clock, no randomness). Times are on the run's clock; an hour is
 * dayMs / 24. The formula:
 *
 *  1. Slots. The window [F, F + W) is cut into N equal slots of length L = W / N; retry k lives in slot k,
 *     so all N retries are inside the window whatever the decline.
 *  2. Spacing. Consecutive attempts are at least g = max(L / 2, 1 h) apart: the spacing grows with the
 *     window (1w/8 → 10.5 h, 2w/8 → 21 h, 2m/8 → 3.75 days) and is never under an hour.
 *  3. Start. The next retry is not before E = now + max(g, advice wait), `now` being the last attempt and
 *     the advice wait the network's (Mastercard 24–30, 02). When E falls past the next retry's slot (a long
 *     advice wait, or an attempt made late by the provider), the remaining retries are re-slotted evenly
 *     over [E, F + W), as many as fit with 2 h slots, and g becomes max(L' / 2, 1 h) of the new slots L'.
 *  4. Payday. After a funds decline, a retry moves to 10:00 local on the first likely payday (the 1st, the
 *     15th, the month's last business day) inside its slot, when there is one.
 *  5. Daytime. Every retry is at a whole local hour between 09:00 and 18:00 in the customer's time zone (UTC
 *     when unknown): the first such hour at or after its earliest time, inside its slot; when its slot has
 *     no daytime hour left, it stays at the earliest time (the window and the spacing come first).
 * Times are whole epoch milliseconds (rounded up), at most F + W. An earliest time less than a minute (of
 * the run's clock) past a whole hour or a payday hour keeps that hour, at the earliest time itself: the
 * workflow books its attempts when its task runs, a few ms after the timer, and those ms must not move a
 * retry by an hour (the preview, without the lag, plans the same hours).
 * A class that forbids retrying the card (never_on_this_card, wait_for_new_card_details) plans nothing.
 */
export interface SmartScheduleInput {
  /** Epoch ms of the failure that opened the window (F). */
  firstFailedAt: number;
  /** Epoch ms of the last attempt, the run's `now` when it plans. */
  now: number;
  windowDays: number;
  maxRetries: number;
  /** Scheduled retries already made (0 when planning from the first failure). */
  retriesDone: number;
  decline: DeclineClass;
  dayMs: number;
  /** IANA time zone of the customer, when known. */
  timeZone?: string;
}

/** Why a retry is at its time: its slot, the decline class, and which adjustments applied. */
export interface RetryReason {
  slot: number;
  of: number;
  windowDays: number;
  declineClass: DeclineClass['kind'];
  rule: string;
  adviceWaitHours?: number;
  paydayAligned: boolean;
  localDaytime: boolean;
  /** The retries were re-slotted after a wait or a late attempt (step 3). */
  reslotted: boolean;
}

export interface PlannedRetry {
  at: number;
  reason: RetryReason;
}

const DAY_START = 9;
const DAY_END = 18;
const PAYDAY_HOUR = 10;

/** The minimum spacing between attempts for a window and retry count (step 2). */
export function minimumSpacingMs(windowDays: number, maxRetries: number, dayMs: number): number {
  return Math.max((windowDays * dayMs) / maxRetries / 2, dayMs / 24);
}

/** The remaining retries of a smart policy, dated and explained; empty when the class forbids retrying. */
export function smartSchedule(input: SmartScheduleInput): PlannedRetry[] {
  const { firstFailedAt: f, now, windowDays, maxRetries: n, retriesDone, decline, dayMs } = input;
  if (decline.kind === 'never_on_this_card' || decline.kind === 'wait_for_new_card_details') return [];
  const hourMs = dayMs / 24;
  const end = f + windowDays * dayMs;
  let g = minimumSpacingMs(windowDays, n, dayMs);
  const waitMs = decline.kind === 'retry_after' ? decline.afterHours * hourMs : 0;
  const earliest = now + Math.max(g, waitMs);
  let slots = Array.from({ length: n - retriesDone }, (_, i) => {
    const k = retriesDone + i + 1;
    return { k, start: f + ((k - 1) * (end - f)) / n, end: f + (k * (end - f)) / n };
  });
  const reslotted = slots.length > 0 && earliest >= slots[0].end;
  if (reslotted) {
    const count = Math.min(slots.length, Math.floor((end - earliest) / (2 * hourMs)));
    const length = (end - earliest) / Math.max(count, 1);
    slots = Array.from({ length: Math.max(count, 0) }, (_, i) => ({ k: retriesDone + i + 1, start: earliest + i * length, end: earliest + (i + 1) * length }));
    g = Math.max(length / 2, hourMs);
  }
  const planned: PlannedRetry[] = [];
  let previous = now;
  for (const slot of slots) {
    const from = Math.max(slot.start, previous + g, planned.length === 0 ? earliest : -Infinity);
    const payday = decline.kind === 'soft' && decline.funds ? paydayIn(from, slot.end, dayMs, input.timeZone) : undefined;
    const daytime = daytimeIn(payday ?? from, slot.end, dayMs, input.timeZone);
    const at = Math.ceil(daytime ?? from); // whole epoch milliseconds, never earlier than the rules allow
    planned.push({
      at,
      reason: {
        slot: slot.k, of: n, windowDays, declineClass: decline.kind, rule: decline.rule,
        ...(waitMs > 0 && { adviceWaitHours: (decline as { afterHours: number }).afterHours }),
        paydayAligned: payday !== undefined && daytime === payday, localDaytime: daytime !== undefined, reslotted,
      },
    });
    previous = at;
  }
  return planned;
}

/** The first whole local daytime hour in [from, until), if any. */
function daytimeIn(from: number, until: number, dayMs: number, timeZone: string | undefined): number | undefined {
  const hourMs = dayMs / 24;
  let t = Math.max(from, Math.ceil((from - hourMs / 60) / hourMs) * hourMs); // max: never before `from`
  const hour = localHour(t, dayMs, utcOffsetHours(timeZone, t));
  if (hour < DAY_START || hour >= DAY_END) t += (((DAY_START - hour) % 24) + 24) % 24 * hourMs;
  return t < until ? t : undefined;
}

/** 10:00 local on the first likely payday in [from, until), if any. */
function paydayIn(from: number, until: number, dayMs: number, timeZone: string | undefined): number | undefined {
  const hourMs = dayMs / 24;
  for (let t = from; t < until + dayMs; t += dayMs) {
    const offset = utcOffsetHours(timeZone, t);
    const day = localDay(t, dayMs, offset);
    const at = day.startAt + PAYDAY_HOUR * hourMs;
    if (at >= until) return undefined;
    if (at >= from - hourMs / 60 && isLikelyPayday(day.date)) return Math.max(at, from);
  }
  return undefined;
}
