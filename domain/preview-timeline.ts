import type { OnFailure, StepType } from './automation';
import { onFailureOf } from './run-plan/step-failure';
import { describeRetryReason, type RetryReason } from './card-network/retry-reason';
import { compact } from './normalize/billing-enums';
import type { DeclineFacts } from './retry-schedule';
import { endingFor, initialRunState, type AutomationRunInput, type RunOutcome, type RunState } from './run';
import type { ChargeOutcome, CommandResult, RunCommand } from './run-plan/commands';
import { apply, createRunPlan, decide } from './run-plan/run-plan';

/**
 * The dated course a run would take if nothing stopped it early and every retry failed: the preview of
 * `POST /v1/automations/{id}/preview`. It drives the run plan (`decide`/`apply`, the very functions the
 * `automationRun` workflow drives) on a simulated clock that starts at the triggering event: waits end
 * on time, actions succeed, and each charge fails with the assumed decline code (or the next one of a
 * given sequence). Pure and deterministic: no I/O, no `Date.now()`.
 */

/** One dated thing the run would do. */
export interface TimelineEntry {
  at: number;
  /** For waits: when the wait ends. */
  until?: number;
  stepIndex: number;
  step: StepType;
  /** `payment_attempt` for each retry of a `retry_payment` step, else the step type or a pause. */
  action: StepType | 'payment_attempt' | 'retries_exhausted' | 'await_payment_method' | 'step_skipped';
  description: string;
  /** 1-based retry number within the run (payment attempts only). */
  attempt?: number;
  /** For actions and payment attempts: what a failure of the step would do (`continue` or `end_run`). */
  onFailure?: OnFailure;
  /** Why a payment attempt (or a pause) is planned then. */
  reason?: RetryReason;
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

/** What the simulated charges return: `declineCode` for all, or `declineCodes` in order (then `declineCode`). */
export interface PreviewOptions {
  declineCode?: string;
  declineCodes?: (string | undefined)[];
  /** The network's signals every simulated decline carries (decline code, advice code, card brand). */
  network?: Omit<DeclineFacts, 'blockedBy'>;
  /** false: the schedule of runs recorded before the card-network rules (default true, as every new run). */
  networkRules?: boolean;
  /** What a charge at `at` returns instead of the assumed decline (the backtest's card budgets and later payment). */
  charge?: (at: number, assumed: ChargeOutcome) => ChargeOutcome;
  /**
   * The customer's backup payment methods a policy with `backupPaymentMethods` would fall back to after each
   * soft decline (default: one, named for what it stands for; every simulated charge declines, backups too).
   */
  backupPaymentMethods?: string[];
}

const ASSUMED_BACKUPS = ['another payment method of the customer'];

/** Timeline of a run input; `declineCode` overrides the code retries are assumed to fail with. */
export function previewTimeline(input: AutomationRunInput, options: PreviewOptions = {}): PreviewTimeline {
  const plan = createRunPlan({ ...input, resume: undefined }, { networkRules: options.networkRules ?? true, backupMethods: true });
  const startsAt = input.event.occurredAt;
  const attempts = plan.state.attempts;
  const last = attempts[attempts.length - 1];
  const assumed = options.declineCode ?? last?.declineCode;
  // Simulated declines carry the trigger's network decline code and brand unless told otherwise; an advice
  // code speaks for the decline it came with, so the trigger's is not assumed to repeat on every retry.
  const network = options.network ?? compact({ networkDeclineCode: last?.networkDeclineCode, cardBrand: last?.cardBrand });
  const entries: TimelineEntry[] = [];
  let now = startsAt;
  let charges = 0;
  for (;;) {
    const command = decide(plan, now);
    if (command.kind === 'finish' || command.kind === 'fail_workflow') {
      const end = command.kind === 'finish' ? command.outcome : { status: 'failed' as const, reason: command.message, at: now, stepIndex: plan.state.stepIndex };
      const shown = end.status === 'skipped' ? { ...end, reason: 'filters_do_not_match' } : end;
      return { startsAt, entries, end: shown, endsEarlyOn: earlyEnds(initialRunState(input), input, startsAt), assumedDeclineCode: assumed };
    }
    const entry = timelineEntry(command, plan.state, now, input);
    if (entry) entries.push(entry);
    let result: CommandResult = { kind: 'done' };
    if (command.kind === 'wait') {
      now = Math.max(now, command.until); // a due time already past runs at once, as the workflow's wait does
      result = { kind: 'woke' };
    } else if (command.kind === 'charge') {
      const declineCode = charges < (options.declineCodes?.length ?? 0) ? options.declineCodes![charges] : assumed;
      charges++;
      const backups = command.withBackups ? { backups: options.backupPaymentMethods ?? ASSUMED_BACKUPS } : {};
      const failed: ChargeOutcome = { status: 'failed', declineCode, ...network, ...backups };
      result = { kind: 'charged', outcome: options.charge ? options.charge(now, failed) : failed };
    } else if (command.kind === 'act' && (command.action.type === 'send_team_email' || command.action.type === 'send_customer_email')) {
      result = { kind: 'emailed', messageId: 'preview', to: command.action.type === 'send_team_email' ? command.action.to : [] };
    }
    apply(plan, result, now);
  }
}

/** The timeline entry a command shows as, if any (bookkeeping commands show none). */
function timelineEntry(command: RunCommand, state: RunState, now: number, input: AutomationRunInput): TimelineEntry | undefined {
  if (command.kind === 'record' && command.fact.type === 'step_skipped') {
    const { stepIndex, step, reason } = command.fact;
    return { at: now, stepIndex, step, action: 'step_skipped', description: `skipped: ${reason}` };
  }
  if (!('stepIndex' in command)) return undefined;
  const step = input.automation.steps[command.stepIndex];
  const base = { at: now, stepIndex: command.stepIndex, step: step.type };
  switch (command.kind) {
    case 'charge':
      return { ...base, action: 'payment_attempt', description: command.paymentMethodId ? `charge backup: ${command.paymentMethodId} (${command.attempt})` : `retry payment (${command.attempt})`, attempt: command.attempt, onFailure: onFailureOf(step), ...(command.reason && { reason: command.reason }) };
    case 'retries_exhausted':
      if (command.capRule) return { ...base, action: 'retries_exhausted', description: `card budget ${command.capRule} would push the retry past the window: go on to the next step` };
      return command.paused
        ? { ...base, action: 'retries_exhausted', description: 'no new payment method: go on to the next step' }
        : { ...base, action: 'retries_exhausted', description: `retries exhausted after ${command.retriesDone}: go on to the next step` };
    case 'wait': {
      const until = Math.max(now, command.until);
      if (command.purpose === 'step') return { ...base, action: 'wait', description: `${command.description} (ends early when the invoice is paid)`, until };
      if (command.purpose !== 'await_payment_method') return undefined;
      const code = state.retry?.lastDeclineCode;
      const r = command.reason;
      const network = r?.kind === 'awaiting_new_card_details' && !r.rule.startsWith('stripe-hard-decline');
      const description = network ? describeRetryReason(r) : `hard decline (${code}): no retry until the payment method changes`;
      return { ...base, action: 'await_payment_method', description, until, ...(r && { reason: r }) };
    }
    case 'act':
      return { ...base, action: command.action.type, description: actionDescription(command.action), onFailure: onFailureOf(step) };
    default:
      return undefined;
  }
}

function actionDescription(action: Extract<RunCommand, { kind: 'act' }>['action']): string {
  switch (action.type) {
    case 'cancel_subscription': return 'cancel the subscription';
    case 'mark_invoice_uncollectible': return 'mark the invoice uncollectible; the run ends';
    case 'send_customer_email': return `email the customer (${action.template})`;
    case 'send_team_email': return `email the team (${action.to.join(', ')})`;
    default: return action.type.replaceAll('_', ' ');
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
