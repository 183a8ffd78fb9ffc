import type { RetryPolicy, StepType } from './automation';
import { evaluateFilter } from './filters';
import { factsOf } from './matching';
import { bookFailedAttempt, nextRetryAt, scheduleDeadline, type RetryProgress } from './retry-schedule';
import { endingFor, initialRunState, startRetryProgress, type AutomationRunInput, type RunOutcome, type RunState } from './run';

/**
 * The dated course a run would take if nothing stopped it early and every retry failed: the preview of
 * `POST /v1/automations/{id}/preview`. It walks the pinned steps the way `automationRun` does, with the
 * same schedule functions (`nextRetryAt`, `scheduleDeadline`) and end rules (`endingFor`), on a simulated
 * clock that starts at the triggering event. Pure and deterministic: no I/O, no `Date.now()`.
 */

/** One dated thing the run would do. */
export interface TimelineEntry {
  at: number;
  /** For waits: when the wait ends. */
  until?: number;
  stepIndex: number;
  step: StepType;
  /** `payment_attempt` for each retry of a `retry_payment` step, else the step type or a pause. */
  action: StepType | 'payment_attempt' | 'retries_exhausted' | 'await_payment_method';
  description: string;
  /** 1-based retry number within the run (payment attempts only). */
  attempt?: number;
}

/** An event that would end the run before the timeline's end, and how the run would end then. */
export interface EarlyEnd {
  signal: string;
  status: RunOutcome['status'];
  reason: string;
}

export interface PreviewTimeline {
  startsAt: number;
  entries: TimelineEntry[];
  /** How the run ends when retries fail and no early end comes. */
  end: Omit<RunOutcome, 'at'> & { at: number };
  endsEarlyOn: EarlyEnd[];
  /** The decline code each planned retry is assumed to fail with. */
  assumedDeclineCode?: string;
}

type Progress = RetryProgress & { awaitingPaymentMethod: boolean };

/** Timeline of a run input; `declineCode` overrides the code retries are assumed to fail with. */
export function previewTimeline(input: AutomationRunInput, options: { declineCode?: string } = {}): PreviewTimeline {
  const state = initialRunState(input);
  const startsAt = input.event.occurredAt;
  const assumed = options.declineCode ?? state.attempts[state.attempts.length - 1]?.declineCode;
  const endsEarlyOn = earlyEnds(state, input, startsAt);
  const base = { startsAt, endsEarlyOn, assumedDeclineCode: assumed };
  const filters = evaluateFilter(input.automation.filters, factsOf(input.event));
  if (!filters.passed) return { ...base, entries: [], end: { status: 'skipped', reason: 'filters_do_not_match', at: startsAt, stepIndex: 0 } };

  const entries: TimelineEntry[] = [];
  const steps = input.automation.steps;
  let now = startsAt;
  let progress: Progress | undefined; // one per run, as `state.retry` in the workflow
  let canceledSubscription = false;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (canceledSubscription && step.type !== 'mark_invoice_uncollectible') {
      return { ...base, entries, end: { status: 'completed', reason: 'subscription_canceled', at: now, stepIndex: i } };
    }
    const entry = (action: TimelineEntry['action'], description: string, extra: Partial<TimelineEntry> = {}) =>
      entries.push({ at: now, stepIndex: i, step: step.type, action, description, ...extra });
    switch (step.type) {
      case 'retry_payment':
        progress ??= startRetryProgress(state, now);
        now = planRetries(step.policy, progress, input.dayMs, now, assumed, i, entries);
        break;
      case 'wait':
        entry('wait', `wait ${step.days} days (ends early when the invoice is paid)`, { until: now + step.days * input.dayMs });
        now += step.days * input.dayMs;
        break;
      case 'cancel_subscription':
        entry('cancel_subscription', 'cancel the subscription');
        canceledSubscription = true;
        break;
      case 'mark_invoice_uncollectible':
        entry('mark_invoice_uncollectible', 'mark the invoice uncollectible; the run ends');
        return { ...base, entries, end: { status: 'completed', reason: 'invoice_marked_uncollectible', at: now, stepIndex: i } };
      case 'send_customer_email':
        entry('send_customer_email', `email the customer (${step.template})`);
        break;
      case 'send_team_email':
        entry('send_team_email', `email the team (${step.to.join(', ')})`);
        break;
      default:
        entry(step.type, step.type.replaceAll('_', ' '));
    }
  }
  const reason = canceledSubscription ? 'subscription_canceled' : 'all_steps_done';
  return { ...base, entries, end: { status: 'completed', reason, at: now, stepIndex: steps.length } };
}

/** Books the retries of one `retry_payment` step; returns the clock when the step gives up. */
function planRetries(
  policy: RetryPolicy, p: Progress, dayMs: number, start: number, assumed: string | undefined, stepIndex: number, entries: TimelineEntry[],
): number {
  let now = start;
  const entry = (action: TimelineEntry['action'], description: string, extra: Partial<TimelineEntry> = {}) =>
    entries.push({ at: now, stepIndex, step: 'retry_payment', action, description, ...extra });
  for (;;) {
    if (p.awaitingPaymentMethod) {
      const until = Math.max(now, scheduleDeadline(policy, p, dayMs));
      entry('await_payment_method', `hard decline (${p.lastDeclineCode}): no retry until the payment method changes`, { until });
      now = until;
      entry('retries_exhausted', 'no new payment method: go on to the next step');
      return now;
    }
    const at = nextRetryAt(policy, p, dayMs);
    if (at === undefined) {
      entry('retries_exhausted', `retries exhausted after ${p.retriesDone}: go on to the next step`);
      return now;
    }
    now = Math.max(now, at); // a due time already past runs at once, as the workflow's waitUntil does
    entry('payment_attempt', `retry payment (${p.retriesDone + 1})`, { attempt: p.retriesDone + 1 });
    bookFailedAttempt(p, now, assumed, true);
  }
}

function earlyEnds(state: RunState, input: AutomationRunInput, at: number): EarlyEnd[] {
  const signals = ['invoicePaid', 'invoiceVoided', 'invoiceUncollectible', 'subscriptionCanceled'] as const;
  const ends: EarlyEnd[] = signals.flatMap((signal) => {
    const ending = endingFor(signal, state, input, at);
    return ending ? [{ signal, status: ending.status, reason: ending.reason }] : [];
  });
  return [...ends, { signal: 'cancel', status: 'canceled', reason: 'an operator, or the automation disabled with mode cancel' }];
}
