import type { RetryPolicy } from '../automation';
import { nextRetryAt, scheduleDeadline } from '../retry-schedule';
import type { RunOutcome, RunState } from '../run';
import type { WaitPurpose } from './commands';

/**
 * The retry decisions of a `retry_payment` step, pure. At the top of the retry loop: charge now (a prompt
 * retry after a payment-method change), wait until T (the next slot of `nextRetryAt`, or the schedule's
 * deadline while a hard decline pauses), or exhausted (the run goes on to its next step). A charge the
 * card network cap refuses waits for the free slot (`card_cap`); a closed invoice ends the run.
 */

export type RetryProgressState = NonNullable<RunState['retry']>;

/** Until when the retry loop waits next, or undefined when the schedule is exhausted. */
export function nextRetryWait(
  policy: RetryPolicy, r: RetryProgressState, dayMs: number,
): { until: number; description: string; purpose: WaitPurpose } | undefined {
  if (r.awaitingPaymentMethod) {
    return { until: scheduleDeadline(policy, r, dayMs), description: 'stop waiting for a new payment method', purpose: 'await_payment_method' };
  }
  const until = nextRetryAt(policy, r, dayMs);
  return until === undefined ? undefined : { until, description: `retry payment (${r.retriesDone + 1})`, purpose: 'retry' };
}

/** Why a wait ended, read off the run's state and inbox (the order is the precedence). */
export type WakeReason = 'ending' | 'payment_method' | 'replan' | 'skipped' | 'elapsed';

/** The reason a wait ended; a retry wait also ends on a payment-method change or a provider attempt. */
export function wakeReason(
  state: RunState, inbox: { skipRequested: boolean; paymentMethodChanged: boolean; providerAttempted: boolean }, forRetry: boolean,
): WakeReason {
  if (state.ending) return 'ending';
  if (forRetry && inbox.paymentMethodChanged) return 'payment_method';
  if (forRetry && inbox.providerAttempted) return 'replan';
  return inbox.skipRequested ? 'skipped' : 'elapsed';
}

/** After a retry wait: charge (prompt or scheduled), recompute the plan (`replan`), give up, or end. */
export function afterRetryWait(reason: WakeReason, paused: boolean): 'end' | 'replan' | 'prompt_charge' | 'exhausted' | 'charge' {
  if (reason === 'ending') return 'end';
  if (reason === 'replan') return 'replan'; // the provider reported another attempt: recompute from it
  if (reason === 'payment_method') return 'prompt_charge'; // a new card is tried at once
  // A skipped pause charges at once; a pause that ran out means no new card came.
  return reason === 'elapsed' && paused ? 'exhausted' : 'charge';
}

/** How a charge on an invoice that is no longer open ends the run (paid → recovered). */
export function closedInvoiceEnding(invoiceStatus: string, at: number): Omit<RunOutcome, 'stepIndex'> {
  // Paid before the run's charge reached it: someone else collected it.
  if (invoiceStatus === 'paid') return { status: 'recovered', reason: 'retry_succeeded', attribution: 'paid_out_of_band', at };
  return { status: 'ended', reason: invoiceStatus === 'void' ? 'invoice_voided' : `invoice_${invoiceStatus}`, at };
}
