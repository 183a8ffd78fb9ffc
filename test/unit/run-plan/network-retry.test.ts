import fc from 'fast-check';
import { MAX_RETRIES, SMART_WINDOWS, type RetryPolicy, type SmartWindow } from '../../../domain/automation';
import { classifyDecline, forbidsRetry } from '../../../domain/card-network/decline-classifier';
import type { AttemptFacts } from '../../../domain/billing-event';
import { minimumSpacingMs } from '../../../domain/card-network/smart-schedule';
import { previewTimeline } from '../../../domain/preview-timeline';
import { WINDOW_DAYS } from '../../../domain/retry-schedule';
import type { AutomationRunInput } from '../../../domain/run';
import { runDetails } from '../../../domain/run';
import { runStateView } from '../../../domain/run-state-view';
import type { CommandResult, RunCommand } from '../../../domain/run-plan/commands';
import { apply, createRunPlan, decide, type RunPlan } from '../../../domain/run-plan/run-plan';
import { receivePaymentMethodChange } from '../../../domain/run-plan/run-signals';
import { paymentFailed, recipe1, version } from '../../../testkit/automation-fixtures';

const DAY = 86_400_000;
const HOUR = DAY / 24;
const T0 = Date.UTC(2026, 11, 3, 14);

function inputOf(policy: RetryPolicy, attempt: Partial<AttemptFacts> = {}): AutomationRunInput {
  const automation = version({ ...recipe1, filters: undefined, steps: [{ type: 'retry_payment', policy }] }, 'auto_network');
  const event = paymentFailed(T0, 'year', attempt.declineCode ?? 'generic_decline');
  return { automation, subject: { type: 'invoice', id: 'in_1' }, event: { ...event, attempt: { ...event.attempt!, ...attempt } }, dayMs: DAY };
}

function planOf(policy: RetryPolicy, attempt: Partial<AttemptFacts> = {}, networkRules = true): RunPlan {
  return createRunPlan(inputOf(policy, attempt), { networkRules });
}

/** Decides and answers bookkeeping commands (start, checkpoint, enter_step, record) until a real one comes. */
function next(plan: RunPlan, now: number): RunCommand {
  for (;;) {
    const c = decide(plan, now);
    if (!['start', 'checkpoint', 'enter_step', 'record'].includes(c.kind)) return c;
    apply(plan, { kind: 'done' }, now);
  }
}
const deferred = (retryAt: number): CommandResult => ({ kind: 'charged', outcome: { status: 'deferred', retryAt, rule: 'mastercard-10-per-24h' } });

/** The decline classes a preview can assume, as the network signals of every decline. */
const CLASSES: [string, Partial<AttemptFacts>][] = [
  ['soft (generic)', { declineCode: 'generic_decline', cardBrand: 'visa', networkDeclineCode: '05' }],
  ['soft (funds)', { declineCode: 'insufficient_funds', cardBrand: 'visa', networkDeclineCode: '51' }],
  ['retry after 1 h (MC 24)', { declineCode: 'generic_decline', cardBrand: 'mastercard', networkAdviceCode: '24' }],
  ['retry after 24 h (MC 25)', { declineCode: 'generic_decline', cardBrand: 'mastercard', networkAdviceCode: '25' }],
  ['retry after 72 h (MC 02)', { declineCode: 'generic_decline', cardBrand: 'mastercard', networkAdviceCode: '02' }],
];

describe('retries under the card-network rules', () => {
  describe.each(['1w', '2w', '2m'] as SmartWindow[])('a preview of smart %s/8', (window) => {
    it.each(CLASSES)('shows 8 retries inside the window, spaced, each with its reason: %s', (_, attempt) => {
      const t = previewTimeline(inputOf({ type: 'smart', window, maxRetries: 8 }, attempt));
      const retries = t.entries.filter((e) => e.action === 'payment_attempt');
      const times = retries.map((e) => e.at);
      expect(times).toHaveLength(8);
      expect(Math.max(...times)).toBeLessThan(T0 + WINDOW_DAYS[window] * DAY);
      // Never two attempts within an hour, never sooner than the advice code's wait, and the window's spacing
      // unless a long advice wait re-slotted the rest of the window.
      const reason = retries[0].reason!;
      const gaps = times.map((at, i) => at - (i === 0 ? T0 : times[i - 1]));
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(HOUR);
      if (reason.kind === 'scheduled' && !reason.reslotted) expect(Math.min(...gaps)).toBeGreaterThanOrEqual(minimumSpacingMs(WINDOW_DAYS[window], 8, DAY));
      for (const e of retries) expect(e.reason).toMatchObject({ kind: 'scheduled', slot: e.attempt, of: 8, windowDays: WINDOW_DAYS[window] });
      // The trigger's advice code sets the first wait (the retries' own declines carry none here).
      if (attempt.networkAdviceCode) {
        expect(reason).toMatchObject({ adviceCode: attempt.networkAdviceCode, rule: `mastercard-mac-${attempt.networkAdviceCode}` });
        expect(gaps[0]).toBeGreaterThanOrEqual((reason as { adviceWaitHours: number }).adviceWaitHours * HOUR);
      }
    });
  });

  it.each([
    ['Visa category 1 (04)', { cardBrand: 'visa', networkDeclineCode: '04' }, 'visa-category-1:04'],
    ['Mastercard advice 03', { cardBrand: 'mastercard', networkAdviceCode: '03' }, 'mastercard-mac-03'],
    ['Mastercard advice 21', { cardBrand: 'mastercard', networkAdviceCode: '21' }, 'mastercard-mac-21'],
  ])('never retries a card the network forbids: %s', (_, attempt, rule) => {
    const t = previewTimeline(inputOf({ type: 'smart', window: '2m', maxRetries: 8 }, attempt));
    expect(t.entries.filter((e) => e.action === 'payment_attempt')).toEqual([]);
    expect(t.entries.find((e) => e.action === 'await_payment_method')?.reason).toEqual({ kind: 'awaiting_new_card_details', declineClass: 'never_on_this_card', rule });
  });

  it('waits at least an hour after Mastercard advice 24 on a custom schedule too, and names the code', () => {
    const plan = planOf({ type: 'custom', days: [0] }, { cardBrand: 'mastercard', networkAdviceCode: '24' });
    const wait = next(plan, T0);
    expect(wait).toMatchObject({ kind: 'wait', purpose: 'retry', until: T0 + HOUR, reason: { kind: 'scheduled', adviceCode: '24', adviceWaitHours: 1, rule: 'mastercard-mac-24' } });
    expect(runDetails(plan.state, plan.input)).toContain('advice code 24: wait ≥ 1 h');
    expect(runStateView(plan.state).nextAction).toMatchObject({ at: new Date(T0 + HOUR).toISOString(), why: expect.stringContaining('mastercard-mac-24') });
  });

  describe('a card budget deferral at the window edge', () => {
    const policy: RetryPolicy = { type: 'smart', window: '1w', maxRetries: 8 };
    const end = T0 + 7 * DAY;
    const deferAt = (retryAt: number, networkRules = true) => {
      const plan = planOf(policy, {}, networkRules);
      const wait = next(plan, T0) as Extract<RunCommand, { kind: 'wait' }>;
      apply(plan, { kind: 'woke' }, wait.until);
      expect(next(plan, wait.until)).toMatchObject({ kind: 'charge', attempt: 1, ...(networkRules && { reason: { kind: 'scheduled', slot: 1 } }) });
      apply(plan, deferred(retryAt), wait.until);
      return { plan, command: next(plan, wait.until) };
    };

    it('waits for the freed slot when it is inside the window, with the rule as the reason', () => {
      const { plan, command } = deferAt(end);
      expect(command).toMatchObject({ kind: 'wait', purpose: 'card_cap', until: end, reason: { kind: 'cap_deferral', rule: 'mastercard-10-per-24h', slot: 1, of: 8 } });
      expect(plan.state.attempts.at(-1)).toMatchObject({ status: 'deferred', deferredUntil: end, rule: 'mastercard-10-per-24h' });
    });

    it('exhausts the policy instead when the slot is past the window, and the run goes on', () => {
      const { plan, command } = deferAt(end + 1);
      expect(command).toMatchObject({ kind: 'retries_exhausted', capRule: 'mastercard-10-per-24h', retriesDone: 0 });
      apply(plan, { kind: 'done' }, T0 + DAY);
      expect(next(plan, T0 + DAY)).toMatchObject({ kind: 'finish', outcome: { status: 'completed', reason: 'all_steps_done' } });
    });

    it('keeps waiting past the window in runs recorded before the rule (replay)', () => {
      expect(deferAt(end + DAY, false).command).toMatchObject({ kind: 'wait', purpose: 'card_cap', until: end + DAY });
    });
  });

  it.each([[true, 'card_update_retry'], [false, 'scheduled_retry']] as const)('attributes a recovery by a prompt retry (%s) to %s', (prompt, attribution) => {
    const plan = planOf({ type: 'smart', window: '2w', maxRetries: 8 });
    const wait = next(plan, T0) as Extract<RunCommand, { kind: 'wait' }>;
    if (prompt) receivePaymentMethodChange(plan);
    const at = prompt ? T0 + HOUR : wait.until;
    apply(plan, { kind: 'woke' }, at);
    expect(next(plan, at)).toMatchObject({ kind: 'charge', prompt });
    apply(plan, { kind: 'charged', outcome: { status: 'succeeded' } }, at);
    expect(next(plan, at)).toMatchObject({ kind: 'finish', outcome: { status: 'recovered', reason: 'retry_succeeded', attribution } });
  });

  it('gives a prompt retry after a card update the reason card_update, and a blocked card pauses the run', () => {
    const plan = planOf({ type: 'smart', window: '2w', maxRetries: 8 });
    next(plan, T0);
    receivePaymentMethodChange(plan);
    apply(plan, { kind: 'woke' }, T0 + HOUR);
    expect(next(plan, T0 + HOUR)).toMatchObject({ kind: 'charge', prompt: true, reason: { kind: 'card_update' } });
    apply(plan, { kind: 'charged', outcome: { status: 'failed', declineCode: 'do_not_honor', blockedBy: 'mastercard-mac-03' } }, T0 + HOUR);
    expect(next(plan, T0 + HOUR)).toMatchObject({ kind: 'wait', purpose: 'await_payment_method', reason: { kind: 'awaiting_new_card_details', rule: 'mastercard-mac-03' } });
  });

  it('plans, for any smart policy and decline signals, at most N retries inside the window, an hour apart, none after a forbidding decline, the same each time', () => {
    const signal = fc.record({
      declineCode: fc.constantFrom('insufficient_funds', 'generic_decline', 'do_not_honor', 'stolen_card', 'fraudulent'),
      networkDeclineCode: fc.option(fc.constantFrom('05', '51', '04', 'R1', '59', '83'), { nil: undefined }),
      networkAdviceCode: fc.option(fc.constantFrom('01', '02', '03', '21', '24', '25', '30'), { nil: undefined }),
    });
    fc.assert(fc.property(
      fc.constantFrom(...SMART_WINDOWS), fc.integer({ min: 1, max: MAX_RETRIES }), fc.constantFrom('visa', 'mastercard'), signal, fc.array(signal, { maxLength: MAX_RETRIES }),
      (window, maxRetries, cardBrand, trigger, declines) => {
        const input = inputOf({ type: 'smart', window, maxRetries }, { ...trigger, cardBrand });
        const seq = declines.map((d) => d.declineCode);
        // The preview's declines carry the trigger's network decline code; each own advice code is not simulated.
        const t = previewTimeline(input, { declineCodes: seq, network: { cardBrand } });
        expect(previewTimeline(input, { declineCodes: seq, network: { cardBrand } })).toEqual(t);
        const times = t.entries.filter((e) => e.action === 'payment_attempt').map((e) => e.at);
        expect(times.length).toBeLessThanOrEqual(maxRetries);
        times.forEach((at, i) => {
          expect(at).toBeLessThanOrEqual(T0 + WINDOW_DAYS[window] * DAY);
          expect(at - (i === 0 ? T0 : times[i - 1])).toBeGreaterThanOrEqual(HOUR);
        });
        const classes = [classifyDecline({ ...trigger, cardBrand, at: T0 }), ...seq.map((declineCode) => classifyDecline({ declineCode, cardBrand, at: T0 }))];
        const firstForbidding = classes.findIndex(forbidsRetry);
        if (firstForbidding >= 0) expect(times.length).toBeLessThanOrEqual(firstForbidding); // no charge after it
      },
    ));
  });
});
