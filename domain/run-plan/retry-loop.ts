import type { RetryPolicy } from '../automation';
import type { RetryReason } from '../card-network/retry-reason';
import { compact } from '../normalize/billing-enums';
import type { ChargeOutcome, PlannedRetry, RunCommand } from './commands';
import { bookFailedAttempt } from '../retry-schedule';
import { bookDecline, deferralPastWindow, networkRetryWait, retrySlot } from './network-retry';
import { moveTo, wait, type Cursor, type RunPlan } from './plan-state';
import { closedInvoiceEnding, nextRetryWait } from './retry-decision';
import { backupCharged, backupsWanted, fallbackAfterDecline, nextBackup } from './backup-payment';
import { dueNotice } from './customer-notices';

/** The `retry_payment` phases of the run plan: the loop's top, the charge, and what its outcome means. */

/** The retry policy of the plan's current step. */
export function stepPolicy(plan: RunPlan): RetryPolicy {
  return (plan.input.automation.steps[plan.cursor.i] as { policy: RetryPolicy }).policy;
}

/** The top of the retry loop: end, charge promptly after a new card, wait for the next slot, or give up. */
export function retryTop(plan: RunPlan, now: number): RunCommand | undefined {
  const { state, input, cursor: c } = plan;
  if (state.ending) return void (plan.cursor = { ...c, at: 'finish', outcome: state.ending });
  if (!c.checked) return { kind: 'checkpoint' };
  const first = dueNotice(plan, now, false);
  if (first) return first;
  if (plan.inbox.paymentMethodChanged) {
    plan.inbox.paymentMethodChanged = false; // a new card is tried at once, once
    return charge(plan, now, true);
  }
  const policy = stepPolicy(plan);
  const next = plan.networkRules ? networkRetryWait(policy, state.retry!, input) : nextRetryWait(policy, state.retry!, input.dayMs);
  if (!next) return void (plan.cursor = { ...c, at: 'exhausted', paused: false, capRule: undefined });
  const beforeLast = dueNotice(plan, now, next.purpose === 'retry');
  if (beforeLast) return beforeLast;
  const reason: RetryReason | undefined = 'reason' in next ? (next as { reason: RetryReason }).reason : undefined;
  plan.cursor = { ...c, paused: state.retry!.awaitingPaymentMethod, reason };
  return wait(plan, 'retry_waiting', next.until, next.description, next.purpose, reason);
}

/** The charge command of attempt n (on the default, or on a backup payment method). */
export function charge(plan: RunPlan, now: number, prompt = plan.cursor.prompt ?? false, paymentMethodId?: string): RunCommand {
  const c = plan.cursor;
  const attempt = plan.state.retry!.chargesMade + 1;
  const reason: RetryReason | undefined = paymentMethodId ? { kind: 'backup_payment_method', paymentMethodId }
    : !plan.networkRules ? undefined : prompt ? { kind: 'card_update' } : c.reason;
  const backups = paymentMethodId ? { paymentMethodId } : backupsWanted(plan, stepPolicy(plan)) ? { withBackups: true } : {};
  plan.cursor = { ...c, at: 'charging', prompt: paymentMethodId ? false : prompt, attempt, chargeAt: now, reason, paymentMethodId };
  return { kind: 'charge', stepIndex: c.i, attempt, at: now, invoiceId: c.invoiceId!, key: [c.i, attempt], prompt: plan.cursor.prompt!, ...(reason && { reason }), ...backups };
}

/** The `backup` phase: the next backup payment method's charge, or back to the loop. */
export function backupTop(plan: RunPlan, now: number): RunCommand | undefined {
  return nextBackup(plan, (paymentMethodId) => charge(plan, now, false, paymentMethodId));
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
  const why = { ...(plan.networkRules && c.reason && { reason: c.reason }), ...(c.paymentMethodId && { reason: c.reason, paymentMethodId: c.paymentMethodId }) };
  if (charge.status === 'deferred') {
    // The card network cap refused: the attempt is neither made nor counted.
    const rule = plan.networkRules && charge.rule ? { rule: charge.rule } : {};
    state.attempts.push({ at: c.chargeAt!, source: 'run', status: 'deferred', deferredUntil: charge.retryAt, ...rule, ...why });
  } else {
    state.retry!.chargesMade = c.attempt!;
    const { status, declineCode, networkDeclineCode, networkAdviceCode, cardBrand, blockedBy } = charge;
    const facts = plan.networkRules ? compact({ networkDeclineCode, networkAdviceCode, cardBrand, blockedBy }) : {};
    state.attempts.push({ at: c.chargeAt!, source: 'run', status, declineCode, ...facts, ...why });
  }
  plan.cursor = { ...c, at: 'record_attempt', charge };
}

/** After a charge's record: a deferral waits (or exhausts the policy), a success ends the run, a decline is booked. */
export function attemptRecorded(plan: RunPlan, now: number): void {
  const { state, cursor: c } = plan;
  const ch = c.charge!;
  if (c.paymentMethodId) return backupCharged(plan, ch, now);
  if (ch.status === 'deferred') {
    // Under the card-network rules a budget never pushes a retry past the policy's window.
    const past = plan.networkRules && deferralPastWindow(stepPolicy(plan), state.retry!, ch.retryAt, plan.input.dayMs);
    return past ? moveTo(plan, 'exhausted', { paused: false, capRule: ch.rule ?? 'card budget' }) : moveTo(plan, 'cap_wait');
  }
  if (ch.status === 'succeeded') {
    const attribution = c.prompt ? 'card_update_retry' : 'scheduled_retry';
    return moveTo(plan, 'finish', { outcome: { status: 'recovered', reason: 'retry_succeeded', attribution, at: now } });
  }
  bookAttempt(plan, state.retry!);
  const backups = fallbackAfterDecline(plan, stepPolicy(plan), ch);
  if (backups.length > 0) return moveTo(plan, 'backup', { backups });
  moveTo(plan, 'retry', { checked: false });
}

/** Books the declined charge of the cursor into retry progress `r`. */
function bookAttempt(plan: RunPlan, r: NonNullable<RunPlan['state']['retry']>): void {
  const c = plan.cursor;
  const failed = c.charge!.status === 'failed' ? c.charge! as Extract<ChargeOutcome, { status: 'succeeded' | 'failed' }> : undefined;
  // A prompt retry (new card) is extra to the policy.
  if (plan.networkRules) bookDecline(r, c.chargeAt!, failed?.declineCode, failed ?? {}, !c.prompt);
  else bookFailedAttempt(r, c.chargeAt!, failed?.declineCode, !c.prompt);
}

/**
 * The retry the loop would wait for next from progress `r`, as the plan stands (a later signal may change it);
 * undefined when the policy is exhausted or the run pauses for new card details. Only reported, never obeyed.
 */
export function plannedRetry(plan: RunPlan, r: NonNullable<RunPlan['state']['retry']>): PlannedRetry | undefined {
  const policy = stepPolicy(plan);
  const next = plan.networkRules ? networkRetryWait(policy, r, plan.input) : nextRetryWait(policy, r, plan.input.dayMs);
  if (!next || next.purpose !== 'retry') return undefined;
  const reason = 'reason' in next ? (next as { reason: RetryReason }).reason : undefined;
  return { at: next.until, ...(reason && { reason }) };
}

/** The projection record of the charge just made (or deferred). */
export function attemptFact(plan: RunPlan): RunCommand {
  const { charge: ch, attempt, chargeAt, i } = plan.cursor as Required<Cursor>;
  const backup = plan.cursor.paymentMethodId;
  const why = { ...(plan.networkRules && plan.cursor.reason && { reason: plan.cursor.reason }), ...(backup && { reason: plan.cursor.reason, paymentMethodId: backup }) };
  if (ch.status === 'deferred') {
    const rule = plan.networkRules && ch.rule ? { rule: ch.rule } : {};
    return { kind: 'record', key: `attempt:${i}:${attempt}:deferred:${chargeAt}`, fact: { type: 'attempt', stepIndex: i, status: 'deferred', deferredUntil: ch.retryAt, ...rule, ...why } };
  }
  const made = ch as Extract<ChargeOutcome, { status: 'succeeded' | 'failed' }>;
  let next: { nextRetry?: PlannedRetry } = {};
  if (made.status === 'failed') { // the retry this decline leads to, on a copy of the progress (booked for real once recorded)
    const after = { ...plan.state.retry! };
    bookAttempt(plan, after);
    const nextRetry = plannedRetry(plan, after);
    if (nextRetry) next = { nextRetry };
  }
  return { kind: 'record', key: `attempt:${i}:${attempt}`, fact: { type: 'attempt', stepIndex: i, status: made.status, declineCode: made.declineCode, ...why, ...next } };
}

/** Waits for the slot a card budget gave a deferred charge, with the rule as the reason. */
export function capWait(plan: RunPlan): RunCommand {
  const deferred = plan.cursor.charge as Extract<ChargeOutcome, { status: 'deferred' }>;
  const reason = plan.networkRules ? { kind: 'cap_deferral' as const, rule: deferred.rule ?? 'card budget', ...retrySlot(stepPolicy(plan), plan.state.retry!) } : undefined;
  return wait(plan, 'cap_waiting', deferred.retryAt, 'retry payment (card network cap)', 'card_cap', reason);
}
