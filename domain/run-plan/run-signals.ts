import { compact } from '../normalize/billing-enums';
import { bookFailedAttempt, type DeclineFacts } from '../retry-schedule';
import { bookDecline } from './network-retry';
import { attemptsKnown, endingFor } from '../run';
import type { RunPlan } from './plan-state';

/**
 * What the run's signals do to its plan. Pure state changes: the workflow's handlers call these, a
 * wait wakes when `wakes` turns true, and the plan reads the marks when it decides next.
 */

/** A settling signal: the run ends at its next opportunity, with the outcome `endingFor` gives (if any). */
export function receiveEnding(plan: RunPlan, signal: Parameters<typeof endingFor>[0], now: number): void {
  plan.state.ending ??= endingFor(signal, plan.state, plan.input, now);
}

/**
 * Collection turned off at the provider: the run ends `ended` with the reason. A switch to send_invoice (or
 * auto_advance off) ends only runs about an invoice that was charged automatically: a run that dunned a
 * send_invoice invoice from the start (overdue reminders) goes on.
 */
export function receiveCollectionStopped(plan: RunPlan, reason: 'subscription_paused' | 'invoice_auto_advance_off' | 'invoice_send_invoice', now: number): void {
  const startedOnSendInvoice = plan.input.event.invoice?.collectionMethod === 'send_invoice';
  if (reason !== 'subscription_paused' && startedOnSendInvoice) return;
  plan.state.ending ??= { status: 'ended', reason: `collection_off:${reason}`, at: now };
}

/** An operator (or disable mode `cancel`) stops the run before its next action. */
export function receiveCancel(plan: RunPlan, reason: string, now: number): void {
  plan.state.ending ??= { status: 'canceled', reason, at: now };
}

/** `skipWait`: the current wait ends now. */
export function receiveSkipWait(plan: RunPlan): void {
  plan.inbox.skipRequested = true;
}

/** The customer changed the payment method: one prompt retry, outside the policy's count. */
export function receivePaymentMethodChange(plan: RunPlan): void {
  plan.inbox.paymentMethodChanged = true;
}

/**
 * Whether a provider-reported attempt number is the echo of the run's own charge: the provider reports
 * every attempt on the invoice, the run's included. `known`: a number the run has seen already;
 * `inFlight`: it may be a charge whose result the run has not seen yet (the sandbox reports it inside
 * the charge). The workflow guards each with its own patch marker, so both stay separate.
 */
export function attemptEcho(plan: RunPlan, attempt: number, chargesInFlight: number): { positive: boolean; known: boolean; maybeInFlight: boolean } {
  const known = attemptsKnown(plan.input, plan.state);
  return { positive: attempt > 0, known: attempt <= known, maybeInFlight: chargesInFlight > 0 && attempt <= known + chargesInFlight };
}

/** A failed attempt the provider made itself: recorded, moves the retry gap anchor, a hard decline pauses. */
export function receiveProviderAttempt(plan: RunPlan, declineCode: string | undefined, now: number, facts: DeclineFacts = {}): void {
  const known = plan.networkRules ? compact(facts) : {};
  plan.state.attempts.push({ at: now, source: 'provider', status: 'failed', declineCode, ...known });
  plan.inbox.providerAttempted = true;
  const r = plan.state.retry;
  if (!r) return;
  // The provider's, not the policy's.
  if (plan.networkRules) bookDecline(r, now, declineCode, known, false);
  else bookFailedAttempt(r, now, declineCode, false);
}

/** Whether a wait must end before its time: the run ends, an operator skips, or (retry waits) retry news. */
export function wakes(plan: RunPlan, forRetry: boolean): boolean {
  const { inbox } = plan;
  return plan.state.ending !== undefined || inbox.skipRequested || (forRetry && (inbox.paymentMethodChanged || inbox.providerAttempted));
}
