import fc from 'fast-check';
import { MAX_RETRIES, SMART_WINDOWS, type RetryPolicy, type Step } from '../../../domain/automation';
import { isHardDecline } from '../../../domain/decline-codes';
import { WINDOW_DAYS } from '../../../domain/retry-schedule';
import type { AutomationRunInput } from '../../../domain/run';
import type { CommandResult, RunCommand } from '../../../domain/run-plan/commands';
import { apply, createRunPlan, decide } from '../../../domain/run-plan/run-plan';
import * as on from '../../../domain/run-plan/run-signals';
import { paymentFailed, recipe1, version } from '../../../testkit/automation-fixtures';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10, 12);

const policy: fc.Arbitrary<RetryPolicy> = fc.oneof(
  fc.record({ type: fc.constant('smart' as const), window: fc.constantFrom(...SMART_WINDOWS), maxRetries: fc.integer({ min: 1, max: MAX_RETRIES }) }),
  fc.record({ type: fc.constant('custom' as const), days: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: MAX_RETRIES }) }),
);
// Any order, including ones validation refuses (a snapshot saved before a rule existed).
const step: fc.Arbitrary<Step> = fc.oneof(
  policy.map((p) => ({ type: 'retry_payment' as const, policy: p })),
  fc.integer({ min: 1, max: 10 }).map((days) => ({ type: 'wait' as const, days })),
  fc.constantFrom<Step>(
    { type: 'cancel_subscription' }, { type: 'mark_subscription_unpaid' }, { type: 'mark_invoice_uncollectible' },
    { type: 'send_customer_email', template: 'payment_failed' }, { type: 'send_team_email', to: ['ops@acme.test'], memo: 'm' },
    { type: 'emit_webhook', url: 'https://hooks.acme.test/x' },
  ),
);
const codes = ['insufficient_funds', 'generic_decline', 'stolen_card', undefined];
const endings = ['invoicePaid', 'invoiceVoided', 'invoiceUncollectible', 'subscriptionCanceled'] as const;

interface Trace { commands: RunCommand[]; endingBefore: boolean[] }

/** Drives a plan with answers and signals read off `tape` (then plain answers), on a clock that follows the waits. */
function drive(steps: Step[], trigger: string | undefined, tape: number[]): Trace {
  const input: AutomationRunInput = { automation: version({ ...recipe1, filters: undefined, steps }, 'p'), subject: { type: 'invoice', id: 'in_1' }, event: paymentFailed(T0, 'year', trigger as string), dayMs: DAY };
  const plan = createRunPlan(input);
  const trace: Trace = { commands: [], endingBefore: [] };
  let now = T0;
  let k = 0;
  const pick = () => tape[k++] ?? 0;
  for (let n = 0; n < 2_000; n++) {
    trace.endingBefore.push(plan.state.ending !== undefined);
    const c = decide(plan, now);
    trace.commands.push(c);
    if (c.kind === 'finish' || c.kind === 'fail_workflow') return trace;
    let result: CommandResult = { kind: 'done' };
    if (c.kind === 'wait') {
      const x = pick() % 10;
      if (x === 6) on.receiveSkipWait(plan);
      if (x === 7) on.receivePaymentMethodChange(plan);
      if (x === 8) on.receiveProviderAttempt(plan, codes[pick() % codes.length], now);
      if (x === 9) on.receiveEnding(plan, endings[pick() % endings.length], now);
      now = x < 6 || !on.wakes(plan, c.forRetry) ? Math.max(now, c.until) : now + 1;
      result = { kind: 'woke' };
    } else if (c.kind === 'charge') {
      const x = pick() % 8;
      if (x < 4) result = { kind: 'charged', outcome: { status: 'failed', declineCode: codes[x] } };
      else if (x === 4) result = { kind: 'charged', outcome: { status: 'succeeded' } };
      else if (x === 5) result = { kind: 'charged', outcome: { status: 'deferred', retryAt: now + 2 * DAY } };
      else if (x === 6) result = { kind: 'charged', outcome: { status: 'closed', invoiceStatus: pick() % 2 ? 'paid' : 'void' } };
      else result = { kind: 'activity_failed', failureType: 'ProviderError', message: 'down' };
    } else if (c.kind === 'act' && (c.action.type === 'send_team_email' || c.action.type === 'send_customer_email')) {
      result = { kind: 'emailed', messageId: 'm', to: ['x@acme.test'] };
    }
    apply(plan, result, now);
  }
  throw new Error('the run plan did not finish');
}

const runs = fc.record({ steps: fc.array(step, { minLength: 1, maxLength: 6 }), trigger: fc.constantFrom(...codes), tape: fc.array(fc.nat(), { maxLength: 60 }) });

describe('run plan properties', () => {
  it('always finishes, and acts or charges only while no end is pending', () => {
    fc.assert(fc.property(runs, ({ steps, trigger, tape }) => {
      const { commands, endingBefore } = drive(steps, trigger, tape);
      expect(['finish', 'fail_workflow']).toContain(commands.at(-1)!.kind);
      commands.forEach((c, i) => {
        if (c.kind === 'charge' || c.kind === 'act') expect(endingBefore[i]).toBe(false);
      });
    }), { numRuns: 300 });
  });

  it('lets only invoice clean-up follow the run\'s own cancellation', () => {
    fc.assert(fc.property(runs, ({ steps, trigger, tape }) => {
      const acts = drive(steps, trigger, tape).commands.flatMap((c) => (c.kind === 'act' || c.kind === 'charge' ? [c] : []));
      const cancel = acts.findIndex((c) => c.kind === 'act' && c.action.type === 'cancel_subscription');
      if (cancel >= 0) for (const c of acts.slice(cancel + 1)) expect(c.kind === 'act' && c.action.type).toBe('mark_invoice_uncollectible');
    }), { numRuns: 300 });
  });

  it('numbers charges 1, 2, 3… with one key per number, a deferred charge keeping its number', () => {
    fc.assert(fc.property(policy, fc.constantFrom(...codes), fc.array(fc.nat(), { maxLength: 60 }), (p, trigger, tape) => {
      const commands = drive([{ type: 'retry_payment', policy: p }], trigger, tape).commands;
      const charges = commands.flatMap((c) => (c.kind === 'charge' ? [c] : []));
      const keys = charges.map((c) => c.key.join(':'));
      // A deferred charge is retried under its own number (nothing was charged); others move on.
      const numbers = [...new Set(charges.map((c) => c.attempt))];
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
      expect(new Set(keys).size).toBe(numbers.length);
      charges.forEach((c) => expect(c.key).toEqual([0, c.attempt]));
    }), { numRuns: 300 });
  });

  it('with plain declines, makes at most the policy\'s retries, never after a hard decline, and inside a smart window', () => {
    fc.assert(fc.property(policy, fc.array(fc.constantFrom(0, 1, 2, 3), { maxLength: 12 }), (p, tape) => {
      // Waits elapse (tape entries < 6 for waits) and charges decline with codes[x]: no signals, no deferrals.
      const commands = drive([{ type: 'retry_payment', policy: p }], 'insufficient_funds', tape.flatMap((x) => [0, x])).commands;
      const charges = commands.flatMap((c) => (c.kind === 'charge' ? [c] : []));
      expect(charges.length).toBeLessThanOrEqual(p.type === 'smart' ? p.maxRetries : p.days.length);
      charges.forEach((c, i) => i && expect(c.at).toBeGreaterThan(charges[i - 1].at));
      const hard = tape.findIndex((x) => isHardDecline(codes[x]));
      if (hard >= 0 && hard < charges.length) expect(charges.length).toBe(hard + 1);
      if (p.type === 'smart') for (const c of charges) expect(c.at).toBeLessThanOrEqual(T0 + WINDOW_DAYS[p.window] * DAY);
    }), { numRuns: 300 });
  });
});
