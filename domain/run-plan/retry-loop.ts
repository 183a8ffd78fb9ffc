import type { RetryPolicy } from '../automation';
import type { ChargeOutcome, RunCommand } from './commands';
import { wait, type RunPlan } from './plan-state';
import { closedInvoiceEnding, nextRetryWait } from './retry-decision';

/** The `retry_payment` phases of the run plan: the loop's top, the charge, and what its outcome means. */

/** The top of the retry loop: end, charge promptly after a new card, wait for the next slot, or give up. */
export function retryTop(plan: RunPlan, now: number): RunCommand | undefined {
  const { state, input, cursor: c } = plan;
  if (state.ending) return void (plan.cursor = { ...c, at: 'finish', outcome: state.ending });
  if (!c.checked) return { kind: 'checkpoint' };
  if (plan.inbox.paymentMethodChanged) {
    plan.inbox.paymentMethodChanged = false; // a new card is tried at once, once
    return charge(plan, now, true);
  }
  const policy = (input.automation.steps[c.i] as { policy: RetryPolicy }).policy;
  const next = nextRetryWait(policy, state.retry!, input.dayMs);
  if (!next) return void (plan.cursor = { ...c, at: 'exhausted', paused: false });
  plan.cursor = { ...c, paused: state.retry!.awaitingPaymentMethod };
  return wait(plan, 'retry_waiting', next.until, next.description, next.purpose);
}

export function charge(plan: RunPlan, now: number, prompt = plan.cursor.prompt ?? false): RunCommand {
  const c = plan.cursor;
  const attempt = plan.state.retry!.chargesMade + 1;
  plan.cursor = { ...c, at: 'charging', prompt, attempt, chargeAt: now };
  return { kind: 'charge', stepIndex: c.i, attempt, at: now, invoiceId: c.invoiceId!, key: [c.i, attempt], prompt };
}

/** Books a charge's outcome: a closed invoice ends the run, a deferral or an attempt is recorded next. */
export function charged(plan: RunPlan, charge: ChargeOutcome, now: number): void {
  const { state, cursor: c } = plan;
  if (charge.status === 'closed') {
    const ending = closedInvoiceEnding(charge.invoiceStatus, c.chargeAt!);
    const outcome = ending.status === 'recovered' ? { ...ending, at: now } : (state.ending ??= ending);
    plan.cursor = { ...c, at: 'finish', outcome };
    return;
  }
  if (charge.status === 'deferred') {
    // The card network cap refused: the attempt is neither made nor counted.
    state.attempts.push({ at: c.chargeAt!, source: 'run', status: 'deferred', deferredUntil: charge.retryAt });
  } else {
    state.retry!.chargesMade = c.attempt!;
    state.attempts.push({ at: c.chargeAt!, source: 'run', status: charge.status, declineCode: charge.declineCode });
  }
  plan.cursor = { ...c, at: 'record_attempt', charge };
}
