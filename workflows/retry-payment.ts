import type { RetryPolicy } from '../domain/automation';
import { bookFailedAttempt, nextRetryAt, scheduleDeadline } from '../domain/retry-schedule';
import { startRetryProgress } from '../domain/run';
import { acts } from './proxies';
import type { RunContext } from './run-context';

/**
 * The `retry_payment` step, run as a function inside `automationRun` rather than as a child workflow:
 * every signal that steers retries (paid, voided, payment failed, payment method updated, cancel,
 * skipWait) is addressed to the run's business-key id, and the query `state` must show attempts next to
 * the other steps. A child would need each signal forwarded and its state mirrored, for no isolation gain:
 * a policy makes at most 8 scheduled retries (~10 history events each), and the loop continues-as-new
 * with its progress when the history grows anyway.
 */

export type RetryOutcome = 'paid' | 'exhausted' | 'ended';

/** Retries the run's invoice on `policy` until it is paid, the schedule runs out, or the run must end. */
export async function retryPayment(ctx: RunContext, stepIndex: number, policy: RetryPolicy, invoiceId: string): Promise<RetryOutcome> {
  const { state, input } = ctx;
  const r = (state.retry ??= startRetryProgress(state, ctx.now()));
  for (;;) {
    if (state.ending) return 'ended';
    await ctx.continueAsNewIfSuggested();
    let prompt = ctx.takePaymentMethodChange(); // a new card is tried at once (DESIGN §2)
    if (!prompt) {
      const at = r.awaitingPaymentMethod ? scheduleDeadline(policy, r, input.dayMs) : nextRetryAt(policy, r, input.dayMs);
      if (at === undefined) return 'exhausted';
      const what = r.awaitingPaymentMethod ? 'stop waiting for a new payment method' : `retry payment (${r.retriesDone + 1})`;
      const paused = r.awaitingPaymentMethod;
      const woke = await ctx.waitUntil(at, what, true);
      if (woke === 'ending') return 'ended';
      if (woke === 'replan') continue; // the provider reported another attempt: recompute from it
      prompt = woke === 'payment_method' && ctx.takePaymentMethodChange();
      if (!prompt && woke === 'elapsed' && paused) return 'exhausted';
    }
    const attempt = r.chargesMade + 1;
    const at = ctx.now();
    const res = await ctx.charging(() => acts.chargeInvoice({ invoiceId, idempotencyKey: ctx.key(stepIndex, attempt), at, dayMs: input.dayMs }));
    if (res.status === 'closed') {
      if (res.invoiceStatus === 'paid') return 'paid';
      const reason = res.invoiceStatus === 'void' ? 'invoice_voided' : `invoice_${res.invoiceStatus}`;
      state.ending ??= { status: 'ended', reason, at };
      return 'ended';
    }
    if (res.status === 'deferred') {
      // The card network cap refused: wait for a free slot; the attempt is neither made nor counted.
      state.attempts.push({ at, source: 'run', status: 'deferred', deferredUntil: res.retryAt });
      await ctx.record(`attempt:${stepIndex}:${attempt}:deferred:${at}`, { type: 'attempt', stepIndex, status: 'deferred', deferredUntil: res.retryAt });
      const woke = await ctx.waitUntil(res.retryAt, 'retry payment (card network cap)');
      if (woke === 'ending') return 'ended';
      if (prompt) ctx.requestPromptRetry();
      continue;
    }
    r.chargesMade = attempt;
    state.attempts.push({ at, source: 'run', status: res.status, declineCode: res.declineCode });
    await ctx.record(`attempt:${stepIndex}:${attempt}`, { type: 'attempt', stepIndex, status: res.status, declineCode: res.declineCode });
    if (res.status === 'succeeded') return 'paid';
    bookFailedAttempt(r, at, res.declineCode, !prompt); // a prompt retry (new card) is extra to the policy
  }
}

