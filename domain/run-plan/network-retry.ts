import type { RetryPolicy } from '../automation';
import { classifyDecline, forbidsRetry, type DeclineClass } from '../card-network/decline-classifier';
import type { RetryReason } from '../card-network/retry-reason';
import { compact } from '../normalize/billing-enums';
import { smartSchedule } from '../card-network/smart-schedule';
import { bookFailedAttempt, scheduleDeadline, WINDOW_DAYS, type DeclineFacts } from '../retry-schedule';
import type { AutomationRunInput, RunState } from '../run';
import type { WaitPurpose } from './commands';

/**
 * The retry decisions under the card-network rules (runs started since the `card-network-retries` patch):
 * every decline is classified from all its signals (`classifyDecline`), a class that forbids retrying the
 * card pauses the run until the payment method changes, smart policies follow `smartSchedule` (N retries
 * inside the window, spacing, advice-code waits, paydays, local daytime), custom ones their days with the
 * advice-code wait as a floor, and a card-budget deferral that would land past the policy's window
 * exhausts the policy instead. Each planned retry carries its `RetryReason`.
 */

type Progress = NonNullable<RunState['retry']>;

/** The planned next wait of the retry loop with its reason, or undefined when the policy is exhausted. */
export interface PlannedWait {
  until: number;
  description: string;
  purpose: WaitPurpose;
  reason: RetryReason;
}

/** The class of the latest decline the run knows of (a blocked card is never retried by schedule). */
export function latestDeclineClass(r: Progress): DeclineClass {
  const d = r.lastDecline ?? {};
  if (d.blockedBy) return { kind: 'never_on_this_card', rule: d.blockedBy };
  return classifyDecline({ declineCode: r.lastDeclineCode, networkDeclineCode: d.networkDeclineCode, networkAdviceCode: d.networkAdviceCode, cardBrand: d.cardBrand, at: r.lastAttemptAt });
}

/** Books a failed attempt with its network signals; a class that forbids retrying pauses the schedule. */
export function bookDecline(r: Progress, at: number, declineCode: string | undefined, facts: DeclineFacts, scheduled: boolean): void {
  bookFailedAttempt(r, at, declineCode, scheduled);
  const { networkDeclineCode, networkAdviceCode, cardBrand, blockedBy } = facts;
  const known = compact({ networkDeclineCode, networkAdviceCode, cardBrand, blockedBy });
  r.lastDecline = Object.keys(known).length ? known : undefined;
  r.awaitingPaymentMethod = forbidsRetry(latestDeclineClass(r));
}

/** The customer's IANA time zone from the customer's metadata (`timezone` or `time_zone`), if any. */
export function customerTimeZone(input: AutomationRunInput): string | undefined {
  const metadata = input.event.customer?.metadata ?? {};
  return metadata.timezone ?? metadata.time_zone ?? undefined;
}

/** Until when the retry loop waits next, and why; undefined when the policy has no retry left. */
export function networkRetryWait(policy: RetryPolicy, r: Progress, input: AutomationRunInput): PlannedWait | undefined {
  const { dayMs } = input;
  const decline = latestDeclineClass(r);
  if (r.awaitingPaymentMethod) {
    return {
      until: scheduleDeadline(policy, r, dayMs), description: 'stop waiting for a new payment method', purpose: 'await_payment_method',
      reason: { kind: 'awaiting_new_card_details', declineClass: decline.kind, rule: decline.rule },
    };
  }
  const description = `retry payment (${r.retriesDone + 1})`;
  const advice = { ...(decline.adviceCode !== undefined && { adviceCode: decline.adviceCode }) };
  if (policy.type === 'smart') {
    const [next] = smartSchedule({
      firstFailedAt: r.firstFailedAt, now: r.lastAttemptAt, windowDays: WINDOW_DAYS[policy.window], maxRetries: policy.maxRetries,
      retriesDone: r.retriesDone, decline, dayMs, timeZone: customerTimeZone(input),
    });
    return next && { until: next.at, description, purpose: 'retry', reason: { kind: 'scheduled', ...next.reason, ...advice } };
  }
  const days = policy.days[r.retriesDone];
  if (days === undefined) return undefined;
  const adviceWaitHours = decline.kind === 'retry_after' ? decline.afterHours : undefined;
  const until = r.lastAttemptAt + Math.max(days * dayMs, ((adviceWaitHours ?? 0) * dayMs) / 24);
  return {
    until, description, purpose: 'retry',
    reason: {
      kind: 'scheduled', slot: r.retriesDone + 1, of: policy.days.length, declineClass: decline.kind, rule: decline.rule, ...advice,
      ...(adviceWaitHours !== undefined && { adviceWaitHours }), paydayAligned: false, localDaytime: false, reslotted: false,
    },
  };
}

/** True when a card-budget deferral until `retryAt` lands past the policy's window: the policy is exhausted then. */
export function deferralPastWindow(policy: RetryPolicy, r: Progress, retryAt: number, dayMs: number): boolean {
  return retryAt > scheduleDeadline(policy, r, dayMs);
}

/** The slot a retry would fill (k of N), for deferral reasons. */
export function retrySlot(policy: RetryPolicy, r: Progress): { slot: number; of: number } {
  return { slot: r.retriesDone + 1, of: policy.type === 'smart' ? policy.maxRetries : policy.days.length };
}

/** The class of the failure that started the run (for recovery analytics by decline class), if one did. */
export function triggerDeclineClass(state: RunState): DeclineClass['kind'] | undefined {
  const t = state.attempts.find((a) => a.source === 'trigger' && a.status === 'failed');
  return t && classifyDecline({ declineCode: t.declineCode, networkDeclineCode: t.networkDeclineCode, networkAdviceCode: t.networkAdviceCode, cardBrand: t.cardBrand, at: t.at }).kind;
}
