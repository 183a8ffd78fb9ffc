import type { OnFailure, Step, StepType } from '../automation';
import { addNote, type RunNote, type RunOutcome } from '../run';
import type { RunCommand, RunFact } from './commands';
import { moveTo, type RunPlan } from './plan-state';

/**
 * What a step's failure does to its run. Money-moving steps (a charge, a cancellation, marking the
 * subscription or invoice) end the run `failed`: going on after one of them failed would dun a customer on
 * a state the run did not reach. Notifications (emails, webhooks) record the failure and let the run go on:
 * a customer without an email address or a dead endpoint must not stop the collection. A step's
 * `onFailure` overrides its kind's default.
 */

const DEFAULT_ON_FAILURE: Record<StepType, OnFailure> = {
  retry_payment: 'end_run',
  cancel_subscription: 'end_run',
  mark_subscription_unpaid: 'end_run',
  mark_invoice_uncollectible: 'end_run',
  send_team_email: 'continue',
  send_customer_email: 'continue',
  emit_webhook: 'continue',
  wait: 'end_run', // a wait has no activity, so it never fails
};

/** The failure behaviour a step kind has unless the step overrides it. */
export function defaultOnFailure(type: StepType): OnFailure {
  return DEFAULT_ON_FAILURE[type];
}

/** The failure behaviour of one step of a definition. */
export function onFailureOf(step: Step): OnFailure {
  return ('onFailure' in step && step.onFailure) || defaultOnFailure(step.type);
}

/** An activity failure fed back to the plan: a step's (its failure behaviour applies) or the run's own bookkeeping's. */
export function failStep(plan: RunPlan, failure: { failureType?: string; message: string }, now: number): void {
  const { state, cursor: c } = plan;
  const step = plan.input.automation.steps[c.i];
  if (c.at !== 'acting' && c.at !== 'charging' && c.at !== 'entered') {
    // Recording the run failed past its retry bound: nothing more can be recorded reliably.
    return moveTo(plan, 'finish', { outcome: { status: 'failed', reason: `recording the run failed: ${failure.message}`, failureType: failure.failureType, at: now } });
  }
  if (step.type === 'cancel_subscription') state.canceledSubscription = false; // it did not happen
  const { failureType, message } = failure;
  const note = { kind: 'failed' as const, at: now, stepIndex: c.i, step: step.type, failureType, message, onFailure: onFailureOf(step) };
  addNote(state, note);
  moveTo(plan, 'step_failed', { note });
}

/** A subscription step on an invoice without a subscription: skipped, with why. */
export function skipStep(plan: RunPlan, reason: string, now: number): void {
  const step = plan.input.automation.steps[plan.cursor.i];
  const note = { kind: 'skipped' as const, at: now, stepIndex: plan.cursor.i, step: step.type, reason };
  addNote(plan.state, note);
  moveTo(plan, 'step_skipped', { note });
}

/** The record of a failed or skipped step; then the run goes on, or ends `failed` (`failed_end`). */
export function recordNote(plan: RunPlan): RunCommand {
  const note = plan.cursor.note!;
  const { kind: _kind, at: _at, ...fact } = note;
  if (note.kind === 'skipped') {
    moveTo(plan, 'next');
    return { kind: 'record', key: `skipped:${note.stepIndex}`, fact: { ...fact, type: 'step_skipped' } as RunFact };
  }
  moveTo(plan, note.onFailure === 'continue' ? 'next' : 'failed_end');
  return { kind: 'record', key: `failed:${note.stepIndex}`, fact: { ...fact, type: 'step_failed' } as RunFact };
}

/** How a run ends after a step failed with `end_run`. */
export function failedEnd(note: Extract<RunNote, { kind: 'failed' }>, now: number): Omit<RunOutcome, 'stepIndex'> {
  const type = note.failureType ? `${note.failureType}: ` : '';
  return { status: 'failed', reason: `${note.step} failed: ${type}${note.message}`, failureType: note.failureType, at: now };
}
