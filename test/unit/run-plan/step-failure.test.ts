import type { Step } from '../../../domain/automation';
import type { AutomationRunInput } from '../../../domain/run';
import type { CommandResult, RunCommand } from '../../../domain/run-plan/commands';
import { apply, createRunPlan, decide, type RunPlan } from '../../../domain/run-plan/run-plan';
import { receiveCancel } from '../../../domain/run-plan/run-signals';
import { defaultOnFailure, onFailureOf } from '../../../domain/run-plan/step-failure';
import { RunFailureType } from '../../../domain/run-failures';
import { paymentFailed, recipe1, version } from '../../../testkit/automation-fixtures';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10, 12);

function planOf(steps: Step[], noSubscription = false): RunPlan {
  const automation = version({ ...recipe1, filters: undefined, steps }, 'auto_fail');
  const event = paymentFailed(T0, 'year', 'insufficient_funds');
  if (noSubscription) {
    (event as { subscription?: unknown }).subscription = undefined;
    (event.invoice as { subscriptionId?: string }).subscriptionId = undefined;
  }
  const input: AutomationRunInput = { automation, subject: { type: 'invoice', id: 'in_1' }, event, dayMs: DAY };
  return createRunPlan(input);
}

/** Drives the plan, answering each command with `answer` (default: done), and lists every command up to the finish. */
function drive(plan: RunPlan, answer: (c: RunCommand) => CommandResult | undefined = () => undefined): RunCommand[] {
  const commands: RunCommand[] = [];
  for (let n = 0; n < 100; n++) {
    const c = decide(plan, T0);
    commands.push(c);
    if (c.kind === 'finish' || c.kind === 'fail_workflow') return commands;
    apply(plan, answer(c) ?? (c.kind === 'wait' ? { kind: 'woke' } : c.kind === 'charge' ? { kind: 'charged', outcome: { status: 'failed', declineCode: 'insufficient_funds' } } : { kind: 'done' }), T0);
  }
  throw new Error('the plan did not finish');
}
const failing = (type: string) => (c: RunCommand): CommandResult | undefined =>
  (c.kind === 'act' && c.action.type === type) || (c.kind === 'charge' && type === 'charge')
    ? { kind: 'activity_failed', failureType: RunFailureType.CustomerHasNoEmail, message: 'Customer cus_1 has no email address' } : undefined;

describe('step failure behaviour', () => {
  it('declares end_run for money-moving steps and continue for notifications', () => {
    expect(['retry_payment', 'cancel_subscription', 'mark_subscription_unpaid', 'mark_invoice_uncollectible'].map((t) => defaultOnFailure(t as Step['type']))).toEqual(['end_run', 'end_run', 'end_run', 'end_run']);
    expect(['send_customer_email', 'send_team_email', 'emit_webhook'].map((t) => defaultOnFailure(t as Step['type']))).toEqual(['continue', 'continue', 'continue']);
    expect(onFailureOf({ type: 'emit_webhook', url: 'https://x.test', onFailure: 'end_run' })).toBe('end_run');
  });

  it('records a failed customer email (no address) and goes on to charge', () => {
    const plan = planOf([{ type: 'send_customer_email', template: 'payment_failed' }, { type: 'retry_payment', policy: { type: 'custom', days: [1] } }]);
    const commands = drive(plan, failing('send_customer_email'));
    expect(commands).toContainEqual({ kind: 'record', key: 'failed:0', fact: { type: 'step_failed', stepIndex: 0, step: 'send_customer_email', failureType: 'CustomerHasNoEmail', message: 'Customer cus_1 has no email address', onFailure: 'continue' } });
    expect(commands.filter((c) => c.kind === 'charge')).toHaveLength(1);
    expect(commands.at(-1)).toMatchObject({ kind: 'finish', outcome: { status: 'completed', reason: 'all_steps_done' } });
    expect(plan.state.notes).toEqual([expect.objectContaining({ kind: 'failed', stepIndex: 0, onFailure: 'continue' })]);
  });

  it('ends the run failed when a money-moving step fails, after recording the failure', () => {
    const plan = planOf([{ type: 'retry_payment', policy: { type: 'custom', days: [1] } }, { type: 'send_team_email', to: ['ops@acme.test'], memo: 'x' }]);
    const commands = drive(plan, failing('charge'));
    expect(commands.slice(-2)).toEqual([
      expect.objectContaining({ kind: 'record', key: 'failed:0', fact: expect.objectContaining({ type: 'step_failed', onFailure: 'end_run' }) }),
      { kind: 'finish', outcome: { status: 'failed', reason: 'retry_payment failed: CustomerHasNoEmail: Customer cus_1 has no email address', failureType: 'CustomerHasNoEmail', at: T0, stepIndex: 0 } },
    ]);
    expect(commands.some((c) => c.kind === 'act')).toBe(false);
  });

  it('follows the step override: a webhook with end_run ends the run, a cancellation with continue goes on', () => {
    const hook: Step = { type: 'emit_webhook', url: 'https://hooks.acme.test/x', onFailure: 'end_run' };
    expect(drive(planOf([hook, { type: 'mark_subscription_unpaid' }]), failing('emit_webhook')).at(-1)).toMatchObject({ kind: 'finish', outcome: { status: 'failed', stepIndex: 0 } });
    const plan = planOf([{ type: 'cancel_subscription', onFailure: 'continue' }, { type: 'mark_subscription_unpaid' }]);
    const commands = drive(plan, failing('cancel_subscription'));
    expect(commands.filter((c) => c.kind === 'act').map((c) => (c as Extract<RunCommand, { kind: 'act' }>).action.type)).toEqual(['cancel_subscription', 'mark_subscription_unpaid']);
    expect(plan.state.canceledSubscription).toBe(false); // it failed: later steps are not barred
  });

  it('skips a subscription step with a recorded note when the invoice has no subscription', () => {
    const plan = planOf([{ type: 'cancel_subscription' }, { type: 'send_team_email', to: ['ops@acme.test'], memo: 'x' }], true);
    const commands = drive(plan);
    expect(commands).toContainEqual({ kind: 'record', key: 'skipped:0', fact: { type: 'step_skipped', stepIndex: 0, step: 'cancel_subscription', reason: 'the invoice has no subscription' } });
    expect(commands.filter((c) => c.kind === 'act').map((c) => (c as Extract<RunCommand, { kind: 'act' }>).action.type)).toEqual(['send_team_email']);
    expect(commands.at(-1)).toMatchObject({ kind: 'finish', outcome: { status: 'completed' } });
    expect(commands.some((c) => c.kind === 'fail_workflow')).toBe(false);
  });

  it('ends the run canceled when a cancellation interrupts a step', () => {
    const plan = planOf([{ type: 'emit_webhook', url: 'https://hooks.acme.test/x' }, { type: 'mark_subscription_unpaid' }]);
    const commands = drive(plan, (c) => {
      if (c.kind !== 'act') return undefined;
      receiveCancel(plan, 'operator', T0);
      return { kind: 'interrupted' };
    });
    expect(commands.at(-1)).toMatchObject({ kind: 'finish', outcome: { status: 'canceled', reason: 'operator', stepIndex: 0 } });
  });

  it('notes a hard-decline pause once, with its code and deadline', () => {
    const plan = planOf([{ type: 'retry_payment', policy: { type: 'smart', window: '1w', maxRetries: 2 } }]);
    drive(plan, (c) => (c.kind === 'charge' ? { kind: 'charged', outcome: { status: 'failed', declineCode: 'stolen_card' } } : undefined));
    const pauses = (plan.state.notes ?? []).filter((n) => n.kind === 'paused');
    expect(pauses).toEqual([expect.objectContaining({ stepIndex: 0, declineCode: 'stolen_card', until: expect.any(Number) })]);
  });
});
