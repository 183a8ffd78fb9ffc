import type { RetryPolicy, SmartWindow } from './automation';
import { isFundsDecline, isHardDecline } from './decline-codes';

/**
 * When to retry a failed invoice. Pure: a function of the policy, the retry progress (first failure, last
 * attempt time, last decline code) and the run's day length (`dayMs`, the DAY_DURATION in force).
 *
 * `smart` spread (documented, deterministic): with window W days and N max retries, the k-th retry is due
 * at `firstFailedAt + W·(k/N)^1.5` days, rounded to the hour (an hour is dayMs/24). The convex curve puts
 * early retries close together (most recoveries are quick soft declines) and stretches later ones, and the
 * N-th lands exactly at the window's end. Then two adjustments, in this order:
 *  1. the gap since the last attempt is at least 1 day after a funds decline (`insufficient_funds`, …) and
 *     at least 1 hour otherwise — a retry right after "no money" fails again;
 *  2. nothing is scheduled after the window's end: a later time is clamped to the end, and when even the
 *     1-hour gap no longer fits before the end the schedule is exhausted.
 * `custom`: `days[k-1]` days after the previous attempt (Stripe's custom schedule), at most 8 entries.
 * Hard declines never get a time here: the run pauses until the payment method changes.
 */

export const WINDOW_DAYS: Record<SmartWindow, number> = { '1w': 7, '2w': 14, '3w': 21, '1m': 30, '2m': 60 };

/** Where a retry policy stands; serializable so it survives continueAsNew. */
export interface RetryProgress {
  /** Epoch ms of the failure that started dunning (the schedule's anchor). */
  firstFailedAt: number;
  /** Scheduled retries made so far (prompt retries after a payment-method change are extra). */
  retriesDone: number;
  /** Epoch ms of the latest attempt, ours or the provider's. */
  lastAttemptAt: number;
  lastDeclineCode?: string;
  /** The latest decline's network signals (card-network retry rules); absent in runs planned before them. */
  lastDecline?: DeclineFacts;
}

/** A decline's signals beyond Stripe's code: network codes, card brand, and a card block that refused it. */
export interface DeclineFacts {
  networkDeclineCode?: string;
  networkAdviceCode?: string;
  cardBrand?: string;
  /** The card was not charged: an earlier never-retry decline on it (`rule`) still holds. */
  blockedBy?: string;
}

/**
 * Books a failed attempt into a run's progress: a scheduled retry uses up the policy, a prompt retry on a
 * new card or the provider's own attempt does not; both move the gap anchor, and a hard decline pauses.
 */
export function bookFailedAttempt(
  p: RetryProgress & { awaitingPaymentMethod: boolean }, at: number, declineCode: string | undefined, scheduled: boolean,
): void {
  if (scheduled) p.retriesDone += 1;
  p.lastAttemptAt = at;
  p.lastDeclineCode = declineCode;
  p.awaitingPaymentMethod = isHardDecline(declineCode);
}

/** Epoch ms of the next scheduled retry, or undefined when the schedule is exhausted. */
export function nextRetryAt(policy: RetryPolicy, p: RetryProgress, dayMs: number): number | undefined {
  const hourMs = dayMs / 24;
  if (policy.type === 'custom') {
    const days = policy.days[p.retriesDone];
    return days === undefined ? undefined : p.lastAttemptAt + days * dayMs;
  }
  if (p.retriesDone >= policy.maxRetries) return undefined;
  const k = p.retriesDone + 1;
  const windowMs = WINDOW_DAYS[policy.window] * dayMs;
  const offset = Math.round((windowMs * (k / policy.maxRetries) ** 1.5) / hourMs) * hourMs;
  const minGap = isFundsDecline(p.lastDeclineCode) ? dayMs : hourMs;
  const end = p.firstFailedAt + windowMs;
  if (p.lastAttemptAt + hourMs > end) return undefined;
  return Math.min(Math.max(p.firstFailedAt + offset, p.lastAttemptAt + minGap), end);
}

/** The time after which a paused (hard-declined) schedule gives up and the run goes on to its next step. */
export function scheduleDeadline(policy: RetryPolicy, p: RetryProgress, dayMs: number): number {
  if (policy.type === 'smart') return p.firstFailedAt + WINDOW_DAYS[policy.window] * dayMs;
  const remaining = policy.days.slice(p.retriesDone).reduce((a, b) => a + b, 0);
  return p.lastAttemptAt + remaining * dayMs;
}
