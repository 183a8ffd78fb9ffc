import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_RETRIES, SMART_WINDOWS, type RetryPolicy } from '../../domain/automation';
import type { CommandResult, PlannedRetry, RunCommand } from '../../domain/run-plan/commands';
import { apply, createRunPlan, decide } from '../../domain/run-plan/run-plan';
import { eventBody, RUN_EVENT_TYPES, runEventsOf, subscribes, type RecordedFact, type RunRef } from '../../domain/webhooks/run-events';
import { paymentFailed, recipe1, version } from '../../testkit/automation-fixtures';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10, 12);
const run: RunRef = {
  runId: 'run:a1:invoice:in_1', automationId: 'a1', automationVersion: 3, subjectType: 'invoice', subjectId: 'in_1',
  customerId: 'cus_1', invoiceId: 'in_1', subscriptionId: 'sub_1', amountDue: 12_000, currency: 'usd',
};
const rec = (fact: object, key = 'k'): RecordedFact => ({ at: T0, idempotencyKey: key, ...fact }) as RecordedFact;

describe('run events from run records', () => {
  it('carries the run, its subject and its automation version on every event', () => {
    const [started] = runEventsOf(rec({ type: 'started', automationId: 'a1', version: 3, subjectType: 'invoice', subjectId: 'in_1', amountDue: 12_000, currency: 'usd', declineClass: 'soft' }), run);
    expect(started).toEqual({
      key: 'k:run.started', type: 'run.started', at: T0,
      data: {
        runId: run.runId, automation: { id: 'a1', version: 3 },
        subject: { type: 'invoice', id: 'in_1', customerId: 'cus_1', invoiceId: 'in_1', subscriptionId: 'sub_1' },
        amountDue: 12_000, currency: 'usd', declineClass: 'soft',
      },
    });
    expect(eventBody(started)).toEqual({ type: 'run.started', timestamp: '2026-01-10T12:00:00.000Z', data: started.data });
  });

  it('a failed attempt is retry.failed with its reason, then retry.scheduled when the plan set a next retry', () => {
    const reason = { kind: 'card_update' } as const;
    const events = runEventsOf(rec({ type: 'attempt', stepIndex: 0, status: 'failed', declineCode: 'insufficient_funds', reason, nextRetry: { at: T0 + DAY } }), run, { attemptNumber: 2 });
    expect(events.map((e) => e.type)).toEqual(['retry.failed', 'retry.scheduled']);
    expect(events[0].data).toMatchObject({ stepIndex: 0, attempt: 2, declineCode: 'insufficient_funds', reason, why: 'prompt retry after a payment method change' });
    expect(events[1].data).toMatchObject({ stepIndex: 0, at: new Date(T0 + DAY).toISOString() });
    expect(runEventsOf(rec({ type: 'attempt', stepIndex: 0, status: 'succeeded' }), run)).toEqual([]);
    expect(runEventsOf(rec({ type: 'attempt', stepIndex: 0, status: 'deferred', deferredUntil: T0 + DAY, rule: 'visa_30d' }), run)[0])
      .toMatchObject({ type: 'retry.scheduled', data: { deferredBy: 'visa_30d' } });
  });

  it('leaving a retry step, or completing on one, is retries.exhausted; recovered and ended close the run', () => {
    const open = { openRetryStep: { stepIndex: 0, failedAttempts: 8 } };
    expect(runEventsOf(rec({ type: 'step_started', stepIndex: 1, step: 'cancel_subscription' }), run, open).map((e) => e.type)).toEqual(['retries.exhausted']);
    expect(runEventsOf(rec({ type: 'step_started', stepIndex: 1, step: 'cancel_subscription' }), run).map((e) => e.type)).toEqual([]);
    const completed = rec({ type: 'outcome', outcome: { status: 'completed', reason: 'all_steps_done', stepIndex: 0, at: T0 } });
    expect(runEventsOf(completed, run, open).map((e) => e.type)).toEqual(['retries.exhausted', 'run.ended']);
    const canceled = rec({ type: 'outcome', outcome: { status: 'canceled', reason: 'canceled', stepIndex: 0, at: T0 } });
    expect(runEventsOf(canceled, run, open).map((e) => e.type)).toEqual(['run.ended']);
    const recovered = runEventsOf(rec({ type: 'outcome', outcome: { status: 'recovered', reason: 'retry_succeeded', attribution: 'scheduled_retry', stepIndex: 0, at: T0 } }), run);
    expect(recovered.map((e) => [e.type, e.data.attribution])).toEqual([['run.recovered', 'scheduled_retry'], ['run.ended', 'scheduled_retry']]);
    expect(recovered[0].data).toMatchObject({ amount: 12_000, currency: 'usd' });
  });

  it('an email record is email.sent; subscriptions match by type or *', () => {
    const [sent] = runEventsOf(rec({ type: 'email', stepIndex: 2, template: 'payment_failed', to: ['a@b.test'], messageId: 'm1' }), run);
    expect(sent).toMatchObject({ type: 'email.sent', data: { template: 'payment_failed', to: ['a@b.test'], messageId: 'm1' } });
    expect(subscribes(['*'], 'email.sent')).toBe(true);
    expect(subscribes(['run.ended'], 'email.sent')).toBe(false);
  });
});

const policy: fc.Arbitrary<RetryPolicy> = fc.oneof(
  fc.record({ type: fc.constant('smart' as const), window: fc.constantFrom(...SMART_WINDOWS), maxRetries: fc.integer({ min: 1, max: MAX_RETRIES }) }),
  fc.record({ type: fc.constant('custom' as const), days: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: MAX_RETRIES }) }),
);
const codes = ['insufficient_funds', 'generic_decline', 'do_not_honor', 'stolen_card'];

/** The plan's commands for one retry step whose charges all decline with `declines`, no signals. */
function commandsOf(p: RetryPolicy, networkRules: boolean, declines: number[]): RunCommand[] {
  const input = { automation: version({ ...recipe1, filters: undefined, steps: [{ type: 'retry_payment' as const, policy: p }] }, 'p'), subject: { type: 'invoice' as const, id: 'in_1' }, event: paymentFailed(T0, 'year'), dayMs: DAY };
  const plan = createRunPlan(input, { networkRules });
  const commands: RunCommand[] = [];
  let now = T0;
  for (let n = 0; n < 500; n++) {
    const c = decide(plan, now);
    commands.push(c);
    if (c.kind === 'finish') return commands;
    let result: CommandResult = { kind: 'done' };
    if (c.kind === 'wait') { now = Math.max(now, c.until); result = { kind: 'woke' }; }
    if (c.kind === 'charge') result = { kind: 'charged', outcome: { status: 'failed', declineCode: codes[declines[c.attempt % declines.length] % codes.length] } };
    apply(plan, result, now);
  }
  throw new Error('the plan did not finish');
}

describe('the retry a record reports is the retry the run waits for', () => {
  it('every reported nextRetry is the next retry wait, and a decline without one leads to no scheduled retry', () => {
    fc.assert(fc.property(policy, fc.boolean(), fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), (p, networkRules, declines) => {
      const commands = commandsOf(p, networkRules, declines);
      commands.forEach((c, i) => {
        const reported: PlannedRetry | undefined = c.kind === 'enter_step' ? c.nextRetry : c.kind === 'record' && c.fact.type === 'attempt' ? c.fact.nextRetry : undefined;
        const isDecline = c.kind === 'record' && c.fact.type === 'attempt' && c.fact.status === 'failed';
        if (c.kind !== 'enter_step' && !isDecline) return;
        const nextWait = commands.slice(i + 1).find((x) => x.kind === 'wait' || x.kind === 'retries_exhausted');
        if (reported) expect(nextWait).toMatchObject({ kind: 'wait', purpose: 'retry', until: reported.at, ...(reported.reason && { reason: reported.reason }) });
        else expect(nextWait?.kind === 'wait' && nextWait.purpose === 'retry').toBe(false);
      });
    }), { numRuns: 300 });
  });
});

describe('docs/outbound-events.md', () => {
  const doc = readFileSync(join(__dirname, '../../docs/outbound-events.md'), 'utf8');

  it('documents every event type, and its retry.failed example is what the mapping makes of such a record', () => {
    for (const type of RUN_EVENT_TYPES) expect(doc).toContain(`| \`${type}\` |`);
    const example = JSON.parse(/Example \(`retry\.failed`\):\s+```json\n([\s\S]+?)```/.exec(doc)![1].replaceAll('…', ''));
    const { runId, automation, subject, stepIndex, attempt, declineCode, reason } = example.data;
    const ref: RunRef = { runId, automationId: automation.id, automationVersion: automation.version, subjectType: subject.type, subjectId: subject.id, customerId: subject.customerId, invoiceId: subject.invoiceId, subscriptionId: subject.subscriptionId };
    const [event] = runEventsOf({ type: 'attempt', stepIndex, status: 'failed', declineCode, reason, at: Date.parse(example.timestamp), idempotencyKey: 'k' }, ref, { attemptNumber: attempt });
    expect(eventBody(event)).toEqual(example);
  });
});
