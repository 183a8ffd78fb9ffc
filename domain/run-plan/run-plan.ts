import { evaluateFilter, explanationLines } from '../filters';
import { factsOf } from '../matching';
import { runIds, startRetryProgress, type RunNote, type RunOutcome } from '../run';
import { RunFailureType } from '../run-failures';
import type { CommandResult, RunCommand } from './commands';
import { moveTo, wait, type Cursor, type Phase, type RunPlan } from './plan-state';
import { afterRetryWait, wakeReason } from './retry-decision';
import { forbidsRetry } from '../card-network/decline-classifier';
import { latestDeclineClass, triggerDeclineClass } from './network-retry';
import { attemptFact, attemptRecorded, backupTop, capWait, charge, charged, plannedRetry, retryTop } from './retry-loop';
import { stepAction } from './step-actions';
import { noticeDone, noticeFact } from './customer-notices';
import { failedEnd, failStep, recordNote, skipStep } from './step-failure';
import { endsRun, mayFollowCancel } from './step-order';

/**
 * The run plan: a small state machine over a run's state. `decide(plan, now)` says what the run does next
 * (a `RunCommand`); whoever carries it out — the `automationRun` workflow with real activities, timers and
 * signals, or the preview on a simulated clock — feeds the result back with `apply(plan, result, now)`.
 * Every decision of a run lives here; the drivers only wait, receive signals and call activities.
 */
export { createRunPlan, type RunInbox, type RunPlan } from './plan-state';

/** The next command of the run at `now` (epoch ms on the run's clock). */
export function decide(plan: RunPlan, now: number): RunCommand {
  for (;;) {
    const command = advance(plan, now);
    if (command) return command;
  }
}

/** Feeds back the result of the command `decide` gave last. */
export function apply(plan: RunPlan, result: CommandResult, now: number): void {
  const { state, cursor: c } = plan;
  const to = (at: Phase, more: Partial<Cursor> = {}) => void moveTo(plan, at, more);
  const finish = (outcome: Omit<RunOutcome, 'stepIndex'>) => to('finish', { outcome });
  if (result.kind === 'interrupted') return finish(state.ending ?? { status: 'canceled', reason: 'canceled', at: now });
  if (c.at === 'notifying') return noticeDone(plan, result, now);
  if (result.kind === 'activity_failed') {
    if (plan.lifecycle) return failStep(plan, result, now);
    const type = result.failureType ? `${result.failureType}: ` : '';
    return finish({ status: 'failed', reason: `${plan.input.automation.steps[c.i].type} failed: ${type}${result.message}`, at: now });
  }
  if (result.kind === 'woke') state.nextAction = undefined;
  const woke = () => wakeReason(state, plan.inbox, c.at === 'retry_waiting');
  switch (c.at) {
    case 'begin': return to('filters');
    case 'step': case 'retry': return to(c.at, { checked: true });
    case 'waiting': return state.ending ? finish(state.ending) : to('step', { i: c.i + 1, checked: false });
    case 'acting':
      if (result.kind === 'emailed') return to('emailed', { email: { messageId: result.messageId, to: result.to } });
      if (result.kind === 'skipped') return skipStep(plan, result.reason, now);
      if (endsRun(plan.input.automation.steps[c.i].type)) return finish({ status: 'completed', reason: 'invoice_marked_uncollectible', at: now });
      return to('step', { i: c.i + 1, checked: false });
    case 'next': return to('step', { i: c.i + 1, checked: false });
    case 'failed_end': return finish(failedEnd(c.note as Extract<RunNote, { kind: 'failed' }>, now));
    case 'retry_waiting':
      switch (afterRetryWait(woke(), c.paused!)) {
        case 'end': return finish(state.ending!);
        case 'replan': return to('retry', { checked: false });
        case 'exhausted': return to('exhausted', { paused: true });
        case 'prompt_charge': plan.inbox.paymentMethodChanged = false; return to('charge_now', { prompt: true });
        case 'charge': return to('charge_now', { prompt: false });
      }
      return;
    case 'charging': return result.kind === 'charged' ? charged(plan, result.outcome, now) : undefined;
    case 'record_attempt': return attemptRecorded(plan, now);
    case 'cap_waiting':
      if (woke() === 'ending') return finish(state.ending!);
      if (c.prompt) plan.inbox.paymentMethodChanged = true; // the prompt retry could not happen yet
      return to('retry', { checked: false });
  }
}

function advance(plan: RunPlan, now: number): RunCommand | undefined {
  const { state, input, cursor: c } = plan;
  const steps = input.automation.steps;
  const to = (at: Phase, more: Partial<Cursor> = {}) => void moveTo(plan, at, more);
  switch (c.at) {
    case 'begin': {
      const inv = input.event.invoice;
      const { automationId, version } = input.automation;
      const declineClass = triggerDeclineClass(state);
      return { kind: 'start', fact: { type: 'started', automationId, version, subjectType: input.subject.type, subjectId: input.subject.id, ...runIds(input), amountDue: inv?.amountDue, currency: inv?.currency, ...(declineClass && { declineClass }) } };
    }
    case 'filters': {
      // The dispatcher matched already; re-checking the pinned filters makes a mistaken start harmless.
      const filters = evaluateFilter(input.automation.filters, factsOf(input.event));
      if (filters.passed) return to('step', { i: 0 });
      return to('finish', { outcome: { status: 'skipped', reason: `filters do not match: ${explanationLines(filters).join('; ')}`, at: now } });
    }
    case 'step': {
      if (c.i >= steps.length) {
        state.stepIndex = steps.length;
        return to('finish', { outcome: state.ending ?? { status: 'completed', reason: state.canceledSubscription ? 'subscription_canceled' : 'all_steps_done', at: now } });
      }
      if (state.ending) return to('finish', { outcome: state.ending });
      if (!c.checked) return { kind: 'checkpoint' };
      if (state.canceledSubscription && !mayFollowCancel(steps[c.i].type)) return to('step', { i: c.i + 1, checked: false });
      state.stepIndex = c.i;
      state.step = steps[c.i].type;
      to('entered');
      const nextRetry = steps[c.i].type === 'retry_payment' && runIds(input).invoiceId ? plannedRetry(plan, state.retry ?? freshRetryProgress(plan, now)) : undefined;
      return { kind: 'enter_step', stepIndex: c.i, step: steps[c.i].type, ...(nextRetry && { nextRetry }) };
    }
    case 'entered': {
      const step = steps[c.i];
      if (step.type === 'wait') return wait(plan, 'waiting', now + step.days * input.dayMs, `wait ${step.days} days`, 'step');
      if (step.type === 'retry_payment') {
        const invoiceId = runIds(input).invoiceId;
        if (!invoiceId) return missing(plan, 'invoice', now);
        state.retry ??= freshRetryProgress(plan, now);
        return to('retry', { invoiceId, checked: false });
      }
      const action = stepAction(input, step, now);
      if ('missing' in action) return missing(plan, action.missing, now);
      // Set before the call: the webhook of this very cancellation may be signalled before the activity
      // completes, and it must not end the run ahead of the invoice clean-up.
      if (step.type === 'cancel_subscription') state.canceledSubscription = true;
      to('acting');
      return { kind: 'act', stepIndex: c.i, step, action, at: now, key: [c.i] };
    }
    case 'emailed': {
      const step = steps[c.i];
      const template = step.type === 'send_customer_email' ? step.template : 'team_memo';
      state.emails.push({ at: now, stepIndex: c.i, template, to: c.email!.to });
      to('next');
      return { kind: 'record', key: `email:${c.i}`, fact: { type: 'email', stepIndex: c.i, template, to: c.email!.to, messageId: c.email!.messageId } };
    }
    case 'exhausted':
      to('next', { capRule: undefined });
      return { kind: 'retries_exhausted', stepIndex: c.i, retriesDone: state.retry!.retriesDone, paused: c.paused ?? false, ...(c.capRule && { capRule: c.capRule }) };
    case 'retry': return retryTop(plan, now);
    case 'charge_now': return charge(plan, now);
    case 'backup': return backupTop(plan, now);
    case 'record_attempt': return attemptFact(plan);
    case 'step_failed': case 'step_skipped': return recordNote(plan);
    case 'cap_wait': return capWait(plan);
    case 'notified': return noticeFact(plan, now);
    case 'finish': {
      const outcome: RunOutcome = { ...c.outcome!, stepIndex: state.stepIndex };
      state.outcome = outcome;
      state.nextAction = undefined;
      to('done');
      return { kind: 'finish', outcome };
    }
    default:
      throw new Error(`The run plan awaits the result of its last command (${c.at})`);
  }
}
/** The retry progress a retry_payment step starts from when the run has none yet. */
function freshRetryProgress(plan: RunPlan, now: number): NonNullable<RunPlan['state']['retry']> {
  const retry = startRetryProgress(plan.state, now);
  if (plan.networkRules) retry.awaitingPaymentMethod = forbidsRetry(latestDeclineClass(retry));
  return retry;
}

function missing(plan: RunPlan, what: string, now: number): RunCommand | undefined {
  // An invoice trigger's invoice may have no subscription (a send_invoice invoice): such steps are skipped.
  if (plan.lifecycle && what === 'subscription') return void skipStep(plan, 'the invoice has no subscription', now);
  // Validation ties the other steps to triggers, so this only happens with a hand-made snapshot.
  if (plan.lifecycle) return void failStep(plan, { failureType: RunFailureType.MissingSubject, message: `The run has no ${what} to act on` }, now);
  plan.cursor = { ...plan.cursor, at: 'done' };
  return { kind: 'fail_workflow', failureType: RunFailureType.MissingSubject, message: `The run has no ${what} to act on` };
}
