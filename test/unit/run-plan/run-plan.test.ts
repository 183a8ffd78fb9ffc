import type { AutomationDefinition, Step } from '../../../domain/automation';
import type { AutomationRunInput } from '../../../domain/run';
import type { CommandResult, RunCommand } from '../../../domain/run-plan/commands';
import { continuationState } from '../../../domain/run-plan/plan-state';
import { apply, createRunPlan, decide, type RunPlan } from '../../../domain/run-plan/run-plan';
import { receiveEnding, receivePaymentMethodChange, receiveProviderAttempt, wakes } from '../../../domain/run-plan/run-signals';
import { paymentFailed, recipe1, version } from '../../../testkit/automation-fixtures';

const DAY = 86_400_000;
const HOUR = DAY / 24;
const T0 = Date.UTC(2026, 0, 10, 12);

function planOf(steps: Step[], declineCode = 'insufficient_funds', def: Partial<AutomationDefinition> = {}): RunPlan {
  const automation = version({ ...recipe1, filters: undefined, ...def, steps }, 'auto_plan');
  const input: AutomationRunInput = { automation, subject: { type: 'invoice', id: 'in_1' }, event: paymentFailed(T0, 'year', declineCode), dayMs: DAY };
  return createRunPlan(input);
}

/** Decides and answers bookkeeping commands (start, checkpoint, enter_step, record) until a real one comes. */
function next(plan: RunPlan, now: number): RunCommand {
  for (;;) {
    const c = decide(plan, now);
    if (!['start', 'checkpoint', 'enter_step', 'record'].includes(c.kind)) return c;
    apply(plan, { kind: 'done' }, now);
  }
}
const failed = (declineCode: string): CommandResult => ({ kind: 'charged', outcome: { status: 'failed', declineCode } });
const policy = { type: 'custom' as const, days: [1, 3] };

describe('run plan commands', () => {
  it('starts, checkpoints, enters the step and records the start before anything else', () => {
    const plan = planOf([{ type: 'wait', days: 2 }]);
    const kinds: string[] = [];
    let c = decide(plan, T0);
    for (; c.kind !== 'wait'; c = decide(plan, T0)) {
      kinds.push(c.kind);
      apply(plan, { kind: 'done' }, T0);
    }
    expect(kinds).toEqual(['start', 'checkpoint', 'enter_step']);
    expect(c).toMatchObject({ until: T0 + 2 * DAY, purpose: 'step', forRetry: false, description: 'wait 2 days' });
    expect(plan.state.nextAction).toEqual({ description: 'wait 2 days', at: T0 + 2 * DAY });
    apply(plan, { kind: 'woke' }, T0 + 2 * DAY);
    expect(next(plan, T0 + 2 * DAY)).toMatchObject({ kind: 'finish', outcome: { status: 'completed', reason: 'all_steps_done', stepIndex: 1 } });
  });

  it('skips a run whose pinned filters do not match', () => {
    const automation = version(recipe1, 'a');
    const plan = createRunPlan({ automation, subject: { type: 'invoice', id: 'in_1' }, event: paymentFailed(T0, 'month'), dayMs: DAY });
    expect(next(plan, T0)).toMatchObject({ kind: 'finish', outcome: { status: 'skipped', stepIndex: 0 } });
  });

  it('waits for the slot, charges with a step/attempt key, books the decline and waits for the next slot', () => {
    const plan = planOf([{ type: 'retry_payment', policy }]);
    expect(next(plan, T0)).toMatchObject({ kind: 'wait', until: T0 + DAY, purpose: 'retry', forRetry: true, description: 'retry payment (1)' });
    apply(plan, { kind: 'woke' }, T0 + DAY);
    expect(next(plan, T0 + DAY)).toEqual({ kind: 'charge', stepIndex: 0, attempt: 1, at: T0 + DAY, invoiceId: 'in_1', key: [0, 1], prompt: false });
    apply(plan, failed('insufficient_funds'), T0 + DAY);
    const record = decide(plan, T0 + DAY);
    // The record reports the retry the loop waits for next (outbound retry.scheduled).
    expect(record).toEqual({ kind: 'record', key: 'attempt:0:1', fact: { type: 'attempt', stepIndex: 0, status: 'failed', declineCode: 'insufficient_funds', nextRetry: { at: T0 + 4 * DAY } } });
    apply(plan, { kind: 'done' }, T0 + DAY);
    expect(plan.state.retry).toMatchObject({ retriesDone: 1, chargesMade: 1, lastAttemptAt: T0 + DAY });
    expect(next(plan, T0 + DAY)).toMatchObject({ kind: 'wait', until: T0 + 4 * DAY, description: 'retry payment (2)' });
  });

  it('retries promptly after a payment-method change, outside the policy count', () => {
    const plan = planOf([{ type: 'retry_payment', policy }]);
    next(plan, T0);
    receivePaymentMethodChange(plan);
    expect(wakes(plan, true)).toBe(true);
    expect(wakes(plan, false)).toBe(false); // a plain wait does not care about cards
    apply(plan, { kind: 'woke' }, T0 + HOUR);
    expect(next(plan, T0 + HOUR)).toMatchObject({ kind: 'charge', attempt: 1, prompt: true });
    apply(plan, failed('insufficient_funds'), T0 + HOUR);
    next(plan, T0 + HOUR);
    expect(plan.state.retry).toMatchObject({ retriesDone: 0, chargesMade: 1, lastAttemptAt: T0 + HOUR });
  });

  it('pauses on a hard decline until the schedule deadline, then goes on to the next step', () => {
    const plan = planOf([{ type: 'retry_payment', policy }, { type: 'mark_invoice_uncollectible' }]);
    next(plan, T0);
    apply(plan, { kind: 'woke' }, T0 + DAY);
    next(plan, T0 + DAY);
    apply(plan, failed('stolen_card'), T0 + DAY);
    expect(next(plan, T0 + DAY)).toMatchObject({ kind: 'wait', purpose: 'await_payment_method', until: T0 + 4 * DAY, description: 'stop waiting for a new payment method' });
    apply(plan, { kind: 'woke' }, T0 + 4 * DAY);
    expect(next(plan, T0 + 4 * DAY)).toEqual({ kind: 'retries_exhausted', stepIndex: 0, retriesDone: 1, paused: true });
    apply(plan, { kind: 'done' }, T0 + 4 * DAY);
    expect(next(plan, T0 + 4 * DAY)).toMatchObject({ kind: 'act', stepIndex: 1, action: { type: 'mark_invoice_uncollectible', invoiceId: 'in_1' }, key: [1] });
    apply(plan, { kind: 'done' }, T0 + 4 * DAY);
    expect(next(plan, T0 + 4 * DAY)).toMatchObject({ kind: 'finish', outcome: { status: 'completed', reason: 'invoice_marked_uncollectible', stepIndex: 1 } });
  });

  it('recomputes the slot when the provider reports an attempt of its own', () => {
    const plan = planOf([{ type: 'retry_payment', policy }]);
    next(plan, T0);
    receiveProviderAttempt(plan, 'insufficient_funds', T0 + 12 * HOUR);
    apply(plan, { kind: 'woke' }, T0 + 12 * HOUR);
    expect(next(plan, T0 + 12 * HOUR)).toMatchObject({ kind: 'wait', until: T0 + 36 * HOUR }); // 1 day after the provider's attempt
  });

  it('defers a charge the card cap refuses, records it, waits for the slot and keeps a prompt retry prompt', () => {
    const plan = planOf([{ type: 'retry_payment', policy }]);
    next(plan, T0);
    receivePaymentMethodChange(plan);
    apply(plan, { kind: 'woke' }, T0 + HOUR);
    next(plan, T0 + HOUR);
    apply(plan, { kind: 'charged', outcome: { status: 'deferred', retryAt: T0 + 5 * DAY } }, T0 + HOUR);
    expect(decide(plan, T0 + HOUR)).toEqual({ kind: 'record', key: `attempt:0:1:deferred:${T0 + HOUR}`, fact: { type: 'attempt', stepIndex: 0, status: 'deferred', deferredUntil: T0 + 5 * DAY } });
    apply(plan, { kind: 'done' }, T0 + HOUR);
    expect(decide(plan, T0 + HOUR)).toMatchObject({ kind: 'wait', purpose: 'card_cap', until: T0 + 5 * DAY, forRetry: false });
    apply(plan, { kind: 'woke' }, T0 + 5 * DAY);
    expect(next(plan, T0 + 5 * DAY)).toMatchObject({ kind: 'charge', attempt: 1, prompt: true }); // not counted: same attempt number
    expect(plan.state.attempts.map((a) => a.status)).toEqual(['failed', 'deferred']);
  });

  it('ends when a charge finds the invoice closed: paid is a recovery, void an end', () => {
    for (const [status, outcome] of [['paid', { status: 'recovered', reason: 'retry_succeeded', at: T0 + 2 * DAY }], ['void', { status: 'ended', reason: 'invoice_voided', at: T0 + DAY }]] as const) {
      const plan = planOf([{ type: 'retry_payment', policy }]);
      next(plan, T0);
      apply(plan, { kind: 'woke' }, T0 + DAY);
      next(plan, T0 + DAY);
      apply(plan, { kind: 'charged', outcome: { status: 'closed', invoiceStatus: status } }, T0 + 2 * DAY);
      expect(decide(plan, T0 + 2 * DAY)).toMatchObject({ kind: 'finish', outcome });
    }
  });

  it('ends at its next opportunity when an ending signal arrives during a wait', () => {
    const plan = planOf([{ type: 'wait', days: 7 }, { type: 'cancel_subscription' }]);
    next(plan, T0);
    receiveEnding(plan, 'invoicePaid', T0 + DAY);
    expect(wakes(plan, false)).toBe(true);
    apply(plan, { kind: 'woke' }, T0 + DAY);
    expect(next(plan, T0 + DAY)).toMatchObject({ kind: 'finish', outcome: { status: 'recovered', reason: 'invoice_paid', at: T0 + DAY, stepIndex: 0 } });
  });

  it('lets only invoice clean-up follow its own cancellation, and is not ended by that cancellation', () => {
    const plan = planOf([{ type: 'cancel_subscription' }, { type: 'send_customer_email', template: 'payment_failed' }, { type: 'mark_invoice_uncollectible' }]);
    expect(next(plan, T0)).toMatchObject({ kind: 'act', action: { type: 'cancel_subscription', subscriptionId: 'sub_1' } });
    expect(plan.state.canceledSubscription).toBe(true); // set before the call: its own webhook may come first
    receiveEnding(plan, 'subscriptionCanceled', T0);
    apply(plan, { kind: 'done' }, T0);
    expect(next(plan, T0)).toMatchObject({ kind: 'act', stepIndex: 2, action: { type: 'mark_invoice_uncollectible' } });
  });

  it('without the lifecycle rules (a run replayed from before them), fails the run on any activity failure and the workflow on a missing subject', () => {
    const plan = planOf([{ type: 'send_customer_email', template: 'payment_failed' }]);
    plan.lifecycle = false;
    next(plan, T0);
    apply(plan, { kind: 'activity_failed', failureType: 'TemplateError', message: 'bad' }, T0);
    expect(decide(plan, T0)).toMatchObject({ kind: 'finish', outcome: { status: 'failed', reason: 'send_customer_email failed: TemplateError: bad' } });
    const bare = planOf([{ type: 'cancel_subscription' }]);
    (bare.input.event as { subscription?: unknown }).subscription = undefined;
    (bare.input.event.invoice as { subscriptionId?: string }).subscriptionId = undefined;
    bare.lifecycle = false;
    expect(next(bare, T0)).toEqual({ kind: 'fail_workflow', failureType: 'MissingSubject', message: 'The run has no subscription to act on' });
  });

  it('resumes a continued-as-new run at its step with its retry progress', () => {
    const plan = planOf([{ type: 'send_team_email', to: ['ops@acme.test'], memo: 'x' }, { type: 'retry_payment', policy }]);
    const resumed = createRunPlan({ ...plan.input, resume: { ...plan.state, stepIndex: 1, retry: { firstFailedAt: T0, lastAttemptAt: T0 + DAY, retriesDone: 1, chargesMade: 1, awaitingPaymentMethod: false } } });
    const kinds = [decide(resumed, T0 + DAY).kind];
    apply(resumed, { kind: 'done' }, T0 + DAY);
    kinds.push(decide(resumed, T0 + DAY).kind);
    expect(kinds).toEqual(['checkpoint', 'enter_step']);
    apply(resumed, { kind: 'done' }, T0 + DAY);
    expect(next(resumed, T0 + DAY)).toMatchObject({ kind: 'wait', until: T0 + 4 * DAY, description: 'retry payment (2)' });
  });

  it('continues as new at the step it is about to enter, so a finished step does not run again', () => {
    const plan = planOf([{ type: 'wait', days: 3 }, { type: 'send_team_email', to: ['ops@acme.test'], memo: 'x' }]);
    next(plan, T0);
    apply(plan, { kind: 'woke' }, T0 + 3 * DAY);
    expect(decide(plan, T0 + 3 * DAY)).toEqual({ kind: 'checkpoint' }); // before step 1 starts
    const resumed = createRunPlan({ ...plan.input, resume: continuationState(plan) });
    expect(next(resumed, T0 + 3 * DAY)).toMatchObject({ kind: 'act', stepIndex: 1, action: { type: 'send_team_email' } });
  });
});
