import type { RetryPolicy } from '../automation';
import type { ChargeOutcome, RunCommand } from './commands';
import { moveTo, type RunPlan } from './plan-state';

/**
 * Backup payment methods (a policy's `backupPaymentMethods`): a soft decline on the default payment method is
 * followed at once by a charge on each of the customer's other usable payment methods, in Stripe's order
 * (`domain/payment-methods.ts`), until one succeeds. Each is one charge under its own card's network budget
 * (the activity reserves it per fingerprint; a budget that refuses skips that card). Backup charges are not
 * retries of the policy: the schedule stays anchored on the default card's decline, booked before the
 * fallback, and a hard decline on the default (the run then waits for new card details) tries no backup.
 */

/** Whether the plan's policy asks for backups (and the run may honour it). */
export function backupsWanted(plan: RunPlan, policy: RetryPolicy): boolean {
  return plan.backupMethods && policy.backupPaymentMethods === true;
}

/**
 * After a declined charge on the default has been booked: the backups to try now, if the decline was soft
 * (the run may retry the card) and the activity listed any; else none.
 */
export function fallbackAfterDecline(plan: RunPlan, policy: RetryPolicy, outcome: ChargeOutcome): string[] {
  if (!backupsWanted(plan, policy) || outcome.status !== 'failed' || plan.cursor.paymentMethodId) return [];
  if (plan.state.retry?.awaitingPaymentMethod) return [];
  return outcome.backups ?? [];
}

/** The next backup charge, or back to the retry loop's top once none is left. */
export function nextBackup(plan: RunPlan, charge: (paymentMethodId: string) => RunCommand): RunCommand | undefined {
  const { state, cursor: c } = plan;
  if (state.ending) return void moveTo(plan, 'finish', { outcome: state.ending, backups: undefined, paymentMethodId: undefined });
  const [paymentMethodId, ...rest] = c.backups ?? [];
  if (!paymentMethodId) return void moveTo(plan, 'retry', { checked: false, backups: undefined, paymentMethodId: undefined });
  plan.cursor = { ...c, backups: rest };
  return charge(paymentMethodId);
}

/** After a backup charge's record: success recovers the run; a decline or a budget refusal moves on to the next. */
export function backupCharged(plan: RunPlan, outcome: ChargeOutcome, now: number): void {
  if (outcome.status === 'succeeded') {
    return moveTo(plan, 'finish', { outcome: { status: 'recovered', reason: 'retry_succeeded', attribution: 'backup_payment_method', at: now } });
  }
  moveTo(plan, 'backup', { paymentMethodId: undefined });
}
