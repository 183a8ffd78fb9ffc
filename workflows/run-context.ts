import { condition, continueAsNew, patched, setCurrentDetails, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities, RunRecord } from '../activities';
import type { CommandResult, RunCommand, RunFact } from '../domain/run-plan/commands';
import { continuationState, createRunPlan, type RunPlan } from '../domain/run-plan/plan-state';
import * as on from '../domain/run-plan/run-signals';
import { runDetails, runKey, wantsBackups, type AutomationRunInput, type RunOutcome } from '../domain/run';
import { activityFailed } from './activity-result';
import { workflowNow } from './clock';
import { endOfRun, RunInterrupts } from './run-lifecycle';
import { runActivities } from './proxies';
import * as m from './messages';
import { runSearchAttributes, runStartSearchAttributes } from './search-attributes';
import { upsertRunSearchAttributes } from './upsert-changed';

type Command<K extends RunCommand['kind']> = Extract<RunCommand, { kind: K }>;

/**
 * The plumbing of one run around its plan: signal and query handlers, interruptible waits, search
 * attributes, UI details and projection records. The plan decides; this class carries its commands out.
 */
export class RunContext {
  readonly plan: RunPlan;
  /** The run's activities, with the retry bounds its input carries. */
  readonly acts: Activities;
  /** A Temporal cancellation of the run: what it interrupts (only with the lifecycle rules). */
  readonly interrupts: RunInterrupts;
  /** Projection records are local activities and unchanged search attributes are not upserted again. */
  private readonly lean: boolean;
  /** Charges sent to the provider whose result the run has not seen yet (their echo may arrive first). */
  private chargesInFlight = 0;

  constructor(readonly input: AutomationRunInput) {
    // Runs started before the lean history (records as local activities, upserts only of changed values) keep
    // theirs. A lean run is newer than every rule below, so its one marker stands for theirs: each marker is a
    // history event plus the SDK's upsert of TemporalChangeVersion, and old runs replay the markers they have.
    this.lean = patched('lean-history');
    // Runs recorded before the card-network retry rules replay without the marker and keep the old schedule.
    const plan = (this.plan = createRunPlan(input, { networkRules: this.lean || patched('card-network-retries') }));
    // Runs started before the lifecycle rules replay without them (no marker in their history).
    plan.lifecycle = this.lean || patched('run-lifecycle');
    // Asked only by runs whose automation wants backups, so every other run's history stays as it was.
    plan.backupMethods = wantsBackups(input) && patched('backup-payment-methods');
    // Newer than the lean history, so a marker of its own; only runs whose automation asks for customer notices
    // mark their history (no marker in every other run's).
    plan.customerNotices = input.automation.steps.some((s) => s.type === 'retry_payment' && s.notifyCustomer) && patched('retry-customer-notices');
    this.acts = runActivities(input.retryBounds, { localRecords: this.lean });
    this.interrupts = new RunInterrupts(plan.lifecycle, () => on.receiveCancel(plan, 'canceled', workflowNow()));
    const end = (signal: Parameters<typeof on.receiveEnding>[1]) => () => on.receiveEnding(plan, signal, workflowNow());
    setHandler(m.invoicePaidSignal, end('invoicePaid'));
    setHandler(m.invoiceVoidedSignal, end('invoiceVoided'));
    setHandler(m.invoiceUncollectibleSignal, end('invoiceUncollectible'));
    setHandler(m.subscriptionCanceledSignal, end('subscriptionCanceled'));
    setHandler(m.cancelSignal, ({ reason }) => on.receiveCancel(plan, reason, workflowNow()));
    setHandler(m.skipWaitSignal, () => on.receiveSkipWait(plan));
    setHandler(m.collectionStoppedSignal, ({ reason }) => on.receiveCollectionStopped(plan, reason, workflowNow()));
    setHandler(m.paymentMethodUpdatedSignal, () => on.receivePaymentMethodChange(plan));
    setHandler(m.paymentFailedSignal, ({ attempt, declineCode, ...facts }) => this.providerAttemptFailed(attempt, declineCode, facts));
    setHandler(m.stateQuery, () => plan.state);
  }

  /** Epoch ms on the workflow clock. */
  now(): number {
    return workflowNow();
  }

  /** `{workflowId}:{firstExecutionRunId}:{parts…}`, the idempotency key of every mutating activity. */
  key(...parts: (string | number)[]): string {
    return runKey(workflowInfo(), ...parts);
  }

  /** Waits until the command's time, or less when the plan's signals (or a cancellation) say so (`wakes`). */
  wait({ until, description, forRetry }: Command<'wait'>): Promise<unknown> {
    this.showDetails();
    const ms = until - this.now();
    return ms > 0 ? condition(() => on.wakes(this.plan, forRetry), ms, { summary: description }) : Promise.resolve();
  }

  /** Marks the start of a step: search attribute `RunStep`, UI details, projection. */
  enterStep({ stepIndex, step, nextRetry }: Command<'enter_step'>): Promise<void> {
    upsertRunSearchAttributes(runSearchAttributes({ RunStep: step }), this.lean);
    this.showDetails();
    return this.record(`step:${stepIndex}`, { type: 'step_started', stepIndex, step, ...(nextRetry && { nextRetry }) });
  }

  /** Tags the run with the ids the Temporal UI filters dunning runs by, and records its start. */
  start({ fact }: Command<'start'>): Promise<void> {
    // The gateway sets the same values at start; upserting them again covers runs started another way.
    upsertRunSearchAttributes(runStartSearchAttributes(this.input), this.lean);
    return this.record('started', fact);
  }

  /**
   * Ends the run (the plan has set its outcome): search attribute, details, projection with the whole state;
   * then, with the lifecycle rules, a failed run fails its workflow and a canceled one is canceled in Temporal.
   */
  finish({ outcome }: Command<'finish'>): Promise<RunOutcome> {
    upsertRunSearchAttributes(runSearchAttributes({ RunStep: outcome.status }), this.lean);
    this.showDetails();
    return this.record('outcome', { type: 'outcome', outcome, state: this.plan.state })
      .then(() => (this.plan.lifecycle ? endOfRun(outcome, this.interrupts.requested) : outcome));
  }

  /** Writes one fact to the run projection, keyed so a retried activity does not duplicate it. */
  record(keySuffix: string, fact: RunFact): Promise<void> {
    const info = workflowInfo();
    return this.acts.recordRun({ ...fact, workflowId: info.workflowId, at: this.now(), idempotencyKey: runKey(info, keySuffix) } as RunRecord);
  }

  /** Continues as new with the plan's state when the history grows long (loops over long dunning); else nothing to wait for. */
  continueAsNewIfSuggested(): Promise<never> | undefined {
    if (!workflowInfo().continueAsNewSuggested) return undefined;
    return continueAsNew<(i: AutomationRunInput) => Promise<RunOutcome>>({ ...this.input, resume: continuationState(this.plan) });
  }

  showDetails(): void {
    setCurrentDetails(runDetails(this.plan.state, this.input));
  }

  /** Charges the invoice, counting the charge as known while in flight: the provider's report of it can beat its result. */
  charge({ invoiceId, key, at, paymentMethodId, withBackups }: Command<'charge'>): Promise<CommandResult> {
    this.chargesInFlight++;
    const backups = { ...(paymentMethodId && { paymentMethodId }), ...(withBackups && { withBackups }) };
    return this.acts.chargeInvoice({ invoiceId, idempotencyKey: this.key(...key), at, dayMs: this.input.dayMs, ...backups }).then(
      (outcome): CommandResult => { this.chargesInFlight--; return { kind: 'charged', outcome }; },
      (err: unknown) => { this.chargesInFlight--; return activityFailed(err); },
    );
  }

  private providerAttemptFailed(attempt: number, declineCode: string | undefined, facts: Omit<m.PaymentFailedPayload, 'attempt' | 'declineCode'>): void {
    // The provider reports every attempt on the invoice, the run's own charges included (Stripe and the sandbox
    // both emit invoice.payment_failed for them): that echo is ignored, under a patch marker for each case.
    const echo = on.attemptEcho(this.plan, attempt, this.chargesInFlight);
    const inFlight = echo.maybeInFlight && patched('echo-of-charge-in-flight');
    if (echo.positive && (echo.known || inFlight) && patched('ignore-own-attempt-echo')) return;
    const { networkDeclineCode, networkAdviceCode, cardBrand } = facts;
    on.receiveProviderAttempt(this.plan, declineCode, this.now(), { networkDeclineCode, networkAdviceCode, cardBrand });
  }
}
