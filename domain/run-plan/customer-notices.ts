import type { RetryPolicy, Step } from '../automation';
import { addNote, runIds, type CustomerNotice } from '../run';
import type { CommandResult, RunCommand } from './commands';
import { moveTo, type RunPlan } from './plan-state';
import { stepAction } from './step-actions';

/**
 * The customer emails of a `retry_payment` step with `notifyCustomer` (Stripe's "send emails about failed
 * payments"): one after the failure that started the run, when the step begins, and one before its last
 * retry, while the customer can still fix the card. Each at most once per step (kept in the retry progress,
 * so continueAsNew does not send it again); a failed send is noted and the retries go on.
 */

const totalRetries = (policy: RetryPolicy): number => (policy.type === 'smart' ? policy.maxRetries : policy.days.length);

/** The notice due at the top of the retry loop, as an `act` command; undefined when none is due. */
export function dueNotice(plan: RunPlan, now: number, nextIsScheduledRetry: boolean): RunCommand | undefined {
  const { state, input, cursor: c } = plan;
  const step = input.automation.steps[c.i] as Extract<Step, { type: 'retry_payment' }>;
  if (!plan.customerNotices || !step.notifyCustomer || !state.retry || !runIds(input).customerId) return undefined;
  const sent = state.retry.notices ?? [];
  const retries = totalRetries(step.policy);
  // The last retry is announced only after an earlier one failed (a one-retry policy gets the first email only).
  const beforeLast = nextIsScheduledRetry && retries > 1 && state.retry.retriesDone === retries - 1;
  const notice: CustomerNotice | undefined = !sent.includes('first_failure') ? 'first_failure'
    : beforeLast && !sent.includes('before_last_retry') ? 'before_last_retry' : undefined;
  if (!notice) return undefined;
  const action = stepAction(input, { type: 'send_customer_email', template: step.notifyCustomer }, now);
  if ('missing' in action) return undefined;
  moveTo(plan, 'notifying', { notice });
  return { kind: 'act', stepIndex: c.i, step, action, at: now, key: [c.i, 'notice', notice] };
}

/** Books a notice's send (or its failure: noted, the retries go on) and returns to the top of the retry loop. */
export function noticeDone(plan: RunPlan, result: CommandResult, now: number): void {
  const { state, cursor: c } = plan;
  (state.retry!.notices ??= []).push(c.notice!);
  if (result.kind === 'emailed') return moveTo(plan, 'notified', { email: { messageId: result.messageId, to: result.to } });
  const message = result.kind === 'activity_failed' ? result.message : 'not sent';
  const failureType = result.kind === 'activity_failed' ? result.failureType : undefined;
  addNote(state, { kind: 'failed', at: now, stepIndex: c.i, step: 'send_customer_email', failureType, message, onFailure: 'continue' });
  moveTo(plan, 'retry', { checked: true, notice: undefined });
}

/** The projection record of a notice just sent. */
export function noticeFact(plan: RunPlan, now: number): RunCommand {
  const { state, cursor: c } = plan;
  const step = plan.input.automation.steps[c.i] as Extract<Step, { type: 'retry_payment' }>;
  const template = step.notifyCustomer!;
  state.emails.push({ at: now, stepIndex: c.i, template, to: c.email!.to });
  const key = `email:${c.i}:${c.notice}`;
  moveTo(plan, 'retry', { checked: true, notice: undefined, email: undefined });
  return { kind: 'record', key, fact: { type: 'email', stepIndex: c.i, template, to: c.email!.to, messageId: c.email!.messageId } };
}
