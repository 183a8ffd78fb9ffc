import type { ActivityRetryBounds } from './activity-retry';
import type { AutomationVersion, OnFailure, StepType } from './automation';
import type { BillingEvent } from './billing-event';
import { describeRetryReason, type RetryReason } from './card-network/retry-reason';
import { isHardDecline } from './decline-codes';
import type { EmailTemplateName } from './email-templates';
import { isoDate } from './format';
import { compact } from './normalize/billing-enums';
import type { DeclineFacts, RetryProgress } from './retry-schedule';
import type { RunStatus } from './statuses';
import { customerIdOf, type RunSubject } from './triggers';

/** Input of the `automationRun` workflow: the pinned version, the subject, the triggering event, the day length. */
export interface AutomationRunInput {
  /** Snapshot of the version that matched; edits to the automation never reach a started run. */
  automation: AutomationVersion;
  subject: RunSubject;
  /** The enriched event that triggered the run (its snapshots feed filters and email variables). */
  event: BillingEvent;
  /** DAY_DURATION in ms: 86 400 000 in production, e.g. 2 000 in a demo. */
  dayMs: number;
  /** Set only by continueAsNew: the state to resume from. */
  resume?: RunState;
  /** Retry bounds of the run's activities (config at start); absent in runs started before they existed: the defaults. */
  retryBounds?: ActivityRetryBounds;
  /** The run this one follows on the same automation and subject (a restart, or a new event after a failed or canceled run). */
  previousRunId?: string;
}

export type { RunStatus } from './statuses';

/**
 * What recovered a payment: the run's scheduled retry, its prompt retry after a card update, a backup payment
 * method tried after a soft decline on the default, or a payment
 * made outside the run (the provider's own retry, the customer paying the invoice, an operator).
 */
export type RecoveryAttribution = 'scheduled_retry' | 'card_update_retry' | 'backup_payment_method' | 'paid_out_of_band';

/** How a run finished: `recovered` = invoice paid; `ended` = an end condition; `failed` = a hopeless action. */
export interface RunOutcome {
  status: Exclude<RunStatus, 'running'>;
  reason: string;
  /** For `recovered`: what recovered the payment. */
  attribution?: RecoveryAttribution;
  at: number;
  /** The step the run was at (steps.length when all were done). */
  stepIndex: number;
  /** For `failed`: the `RunFailureType` (or activity failure type) that ended it. */
  failureType?: string;
}

/**
 * Something the run met that is neither an attempt nor an email, kept in its state so an ended run still tells
 * it: a pause after a hard decline, a step skipped (with why), a step that failed (and whether the run went on).
 */
export type RunNote =
  | { kind: 'paused'; at: number; stepIndex: number; until: number; declineCode?: string }
  | { kind: 'skipped'; at: number; stepIndex: number; step: StepType; reason: string }
  | { kind: 'failed'; at: number; stepIndex: number; step: StepType; failureType?: string; message: string; onFailure: OnFailure };

/** One charge attempt seen by the run: its own (`run`), the provider's later ones (`provider`), or the first. */
export interface AttemptRecord extends DeclineFacts {
  at: number;
  source: 'trigger' | 'run' | 'provider';
  status: 'succeeded' | 'failed' | 'deferred';
  declineCode?: string;
  /** For `deferred`: the card network cap refused the attempt until then. */
  deferredUntil?: number;
  /** For `deferred`: the card budget that refused it. */
  rule?: string;
  /** The run's own attempts: why it was made then. */
  reason?: RetryReason;
  /** A backup payment method charged instead of the default. */
  paymentMethodId?: string;
}

/** When a `retry_payment` step with `notifyCustomer` emails the customer. */
export type CustomerNotice = 'first_failure' | 'before_last_retry';

export interface EmailRecord {
  at: number;
  stepIndex: number;
  template: EmailTemplateName;
  to: string[];
}

/** The query `state`: where the run is, what comes next and when, attempts, emails, outcome. */
export interface RunState {
  automationId: string;
  version: number;
  subject: RunSubject;
  stepIndex: number;
  step?: StepType;
  nextAction?: { description: string; at: number; reason?: RetryReason };
  retry?: RetryProgress & { awaitingPaymentMethod: boolean; chargesMade: number; /** Customer notices of the step sent (or tried). */ notices?: CustomerNotice[] };
  attempts: AttemptRecord[];
  emails: EmailRecord[];
  /** Set by a signal (paid, voided, canceled…): the run stops at the next opportunity with this outcome. */
  ending?: Omit<RunOutcome, 'stepIndex'>;
  /** The run canceled the subscription itself; from then on only invoice clean-up runs. */
  canceledSubscription: boolean;
  outcome?: RunOutcome;
  /** Pauses, skipped and failed steps, in order (absent in states saved before notes existed). */
  notes?: RunNote[];
}

/** Adds a note to the run's state. */
export function addNote(state: RunState, note: RunNote): void {
  (state.notes ??= []).push(note);
}

/** A fresh state for a run input. */
export function initialRunState(input: AutomationRunInput): RunState {
  const { automation, subject, event } = input;
  const attempts: AttemptRecord[] = event.kind === 'invoice_payment_failed'
    ? [{ at: event.occurredAt, source: 'trigger', status: 'failed', declineCode: event.attempt?.declineCode, ...triggerDeclineFacts(event) }]
    : [];
  return {
    automationId: automation.automationId, version: automation.version, subject,
    stepIndex: 0, attempts, emails: [], canceledSubscription: false,
  };
}

/** The network signals of the triggering failure, as far as the event carries them. */
function triggerDeclineFacts(event: BillingEvent): DeclineFacts {
  const a = event.attempt;
  const facts = { networkDeclineCode: a?.networkDeclineCode, networkAdviceCode: a?.networkAdviceCode, cardBrand: a?.cardBrand ?? event.paymentMethod?.cardBrand };
  return compact(facts);
}

/**
 * Retry progress at the start of a `retry_payment` step, anchored on the failures the run already knows of
 * (else `now`); the workflow and the preview timeline both start from it.
 */
export function startRetryProgress(state: RunState, now: number): NonNullable<RunState['retry']> {
  const failed = state.attempts.filter((a) => a.status === 'failed');
  const last = failed[failed.length - 1];
  return {
    firstFailedAt: failed[0]?.at ?? now,
    lastAttemptAt: last?.at ?? now,
    lastDeclineCode: last?.declineCode,
    ...(last && (last.networkDeclineCode || last.networkAdviceCode || last.cardBrand) && {
      lastDecline: { networkDeclineCode: last.networkDeclineCode, networkAdviceCode: last.networkAdviceCode, cardBrand: last.cardBrand },
    }),
    retriesDone: 0,
    chargesMade: 0,
    awaitingPaymentMethod: isHardDecline(last?.declineCode),
  };
}

/** Ids a run is about, for search attributes and activities. */
export function runIds(input: AutomationRunInput): { customerId?: string; invoiceId?: string; subscriptionId?: string } {
  const e = input.event;
  return {
    customerId: customerIdOf(e),
    invoiceId: e.invoice?.id ?? (input.subject.type === 'invoice' ? input.subject.id : undefined),
    subscriptionId: e.subscription?.id ?? e.invoice?.subscriptionId ??
      (input.subject.type === 'subscription' ? input.subject.id : undefined),
  };
}

/** The execution chain a run belongs to, as `workflowInfo()` gives it. */
export interface RunExecution {
  workflowId: string;
  /** Run id of the chain's first execution: the same across continueAsNew and activity retries. */
  firstExecutionRunId: string;
}

/**
 * Idempotency key of one effect of a run: `{workflowId}:{firstExecutionRunId}:{parts…}` (parts: step index,
 * attempt, or a record's name). The workflow id alone repeats when a later run of the same automation and
 * subject starts under the same id after the first one closed; with the first run id, that run's emails
 * and charges are its own, while a retried activity (same input) or a continued-as-new run keeps its keys.
 */
export function runKey(execution: RunExecution, ...parts: (string | number)[]): string {
  return [execution.workflowId, execution.firstExecutionRunId, ...parts].join(':');
}

/** Static one-line summary for the Temporal UI (`staticSummary` when the gateway starts the run). */
export function runSummary(input: AutomationRunInput): string {
  const a = input.automation;
  return `${a.name} (v${a.version}, ${a.trigger.type}) on ${input.subject.type} ${input.subject.id}`;
}

/** Current details for the Temporal UI: step, next action, attempts, outcome. */
export function runDetails(state: RunState, input: AutomationRunInput): string {
  const steps = input.automation.steps;
  const lines = [`**${runSummary(input)}**`];
  if (state.outcome) lines.push(`Outcome: ${state.outcome.status} (${state.outcome.reason}) at ${isoDate(state.outcome.at)}`);
  else lines.push(`Step ${Math.min(state.stepIndex + 1, steps.length)}/${steps.length}: ${state.step ?? 'starting'}`);
  if (state.nextAction) lines.push(`Next: ${state.nextAction.description} at ${isoDate(state.nextAction.at)}`);
  if (state.nextAction?.reason) lines.push(`Why: ${describeRetryReason(state.nextAction.reason)}`);
  const failed = state.attempts.filter((a) => a.status === 'failed');
  if (failed.length) lines.push(`Failed attempts: ${failed.length} (last: ${failed[failed.length - 1].declineCode ?? 'no code'})`);
  if (state.emails.length) lines.push(`Emails sent: ${state.emails.length}`);
  return lines.join('\n');
}

/** Run-ending signals (docs/architecture.md, "Run workflows": when a run ends) and the outcome each one means for this run, if any. */
export function endingFor(
  signal: 'invoicePaid' | 'invoiceVoided' | 'invoiceUncollectible' | 'subscriptionCanceled',
  state: RunState,
  input: AutomationRunInput,
  at: number,
): RunState['ending'] {
  const ids = runIds(input);
  switch (signal) {
    case 'invoicePaid':
      return ids.invoiceId ? { status: 'recovered', reason: 'invoice_paid', attribution: 'paid_out_of_band', at } : undefined;
    case 'invoiceVoided':
      return ids.invoiceId ? { status: 'ended', reason: 'invoice_voided', at } : undefined;
    case 'invoiceUncollectible':
      return ids.invoiceId ? { status: 'ended', reason: 'invoice_marked_uncollectible', at } : undefined;
    case 'subscriptionCanceled':
      // A run started by the cancellation, or one that canceled the subscription itself, goes on.
      if (input.automation.trigger.type === 'subscription_canceled' || state.canceledSubscription) return undefined;
      return ids.subscriptionId ? { status: 'ended', reason: 'subscription_canceled', at } : undefined;
  }
}

/** Attempts made on the invoice as far as the run knows: those before the run, then its own and the provider's. */
export function attemptsKnown(input: AutomationRunInput, state: RunState): number {
  const before = input.event.attempt?.number ?? input.event.invoice?.attemptCount ?? 0;
  return before + state.attempts.filter((a) => a.source !== 'trigger' && a.status !== 'deferred').length;
}

/** Whether any retry step of the run's automation asks for backup payment methods. */
export function wantsBackups(input: AutomationRunInput): boolean {
  return input.automation.steps.some((s) => s.type === 'retry_payment' && s.policy.backupPaymentMethods === true);
}
