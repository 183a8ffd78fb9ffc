import { condition, continueAsNew, patched, setCurrentDetails, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { RunRecord } from '../activities';
import { bookFailedAttempt } from '../domain/retry-schedule';
import { attemptsKnown, endingFor, initialRunState, runDetails, runKey, type AutomationRunInput, type RunOutcome, type RunState } from '../domain/run';
import { workflowNow } from './clock';
import { acts } from './proxies';
import * as m from './messages';
import { runSearchAttributes, runStartSearchAttributes } from './search-attributes';

/** Why a wait returned. */
export type WakeReason = 'elapsed' | 'ending' | 'skipped' | 'payment_method' | 'replan';

/** Distributes `Omit` over a union, so each record variant keeps its own fields. */
type RecordBody = RunRecord extends infer R ? (R extends RunRecord ? Omit<R, 'workflowId' | 'at' | 'idempotencyKey'> : never) : never;

/**
 * The live state of one run and its plumbing: signal/query handlers, interruptible waits, search
 * attributes, UI details and projection records. Steps only decide; this class does the bookkeeping.
 */
export class RunContext {
  readonly state: RunState;
  private skipRequested = false;
  private paymentMethodChanged = false;
  private providerAttempted = false;
  /** Charges sent to the provider whose result the run has not seen yet (their echo may arrive first). */
  private chargesInFlight = 0;

  constructor(readonly input: AutomationRunInput) {
    this.state = input.resume ?? initialRunState(input);
    const end = (signal: Parameters<typeof endingFor>[0]) => () => {
      this.state.ending ??= endingFor(signal, this.state, input, workflowNow());
    };
    setHandler(m.invoicePaidSignal, end('invoicePaid'));
    setHandler(m.invoiceVoidedSignal, end('invoiceVoided'));
    setHandler(m.invoiceUncollectibleSignal, end('invoiceUncollectible'));
    setHandler(m.subscriptionCanceledSignal, end('subscriptionCanceled'));
    setHandler(m.cancelSignal, ({ reason }) => void (this.state.ending ??= { status: 'canceled', reason, at: workflowNow() }));
    setHandler(m.skipWaitSignal, () => void (this.skipRequested = true));
    setHandler(m.paymentMethodUpdatedSignal, () => void (this.paymentMethodChanged = true));
    setHandler(m.paymentFailedSignal, ({ attempt, declineCode }) => this.providerAttemptFailed(attempt, declineCode));
    setHandler(m.stateQuery, () => this.state);
  }

  /** Epoch ms on the workflow clock. */
  now(): number {
    return workflowNow();
  }

  /** `{workflowId}:{firstExecutionRunId}:{stepIndex}[:{attempt}]`, the idempotency key of every mutating activity. */
  key(stepIndex: number, attempt?: number): string {
    return attempt === undefined ? runKey(workflowInfo(), stepIndex) : runKey(workflowInfo(), stepIndex, attempt);
  }

  /**
   * Waits until `at`, or less when the run must end or an operator skips; a retry wait (`forRetry`) also
   * wakes when the card changes or the provider reports another attempt.
   */
  async waitUntil(at: number, description: string, forRetry = false): Promise<WakeReason> {
    this.skipRequested = false;
    this.providerAttempted = false;
    this.state.nextAction = { description, at };
    this.showDetails();
    const retryNews = () => forRetry && (this.paymentMethodChanged || this.providerAttempted);
    const woken = () => this.state.ending !== undefined || this.skipRequested || retryNews();
    const ms = at - this.now();
    if (ms > 0) await condition(woken, ms, { summary: description });
    this.state.nextAction = undefined;
    if (this.state.ending) return 'ending';
    if (forRetry && this.paymentMethodChanged) return 'payment_method';
    if (forRetry && this.providerAttempted) return 'replan';
    return this.skipRequested ? 'skipped' : 'elapsed';
  }

  /** Consumes a pending payment-method change (it triggers exactly one prompt retry). */
  takePaymentMethodChange(): boolean {
    const changed = this.paymentMethodChanged;
    this.paymentMethodChanged = false;
    return changed;
  }

  /** Re-arms a prompt retry that could not happen yet (the card cap deferred it). */
  requestPromptRetry(): void {
    this.paymentMethodChanged = true;
  }

  /** Marks the start of a step: search attribute `RunStep`, UI details, projection. */
  async enterStep(stepIndex: number): Promise<void> {
    const step = this.input.automation.steps[stepIndex].type;
    this.state.stepIndex = stepIndex;
    this.state.step = step;
    upsertSearchAttributes(runSearchAttributes({ RunStep: step }));
    this.showDetails();
    await this.record(`step:${stepIndex}`, { type: 'step_started', stepIndex, step });
  }

  /** Upserts the ids the Temporal UI filters dunning runs by. */
  tagRun(): void {
    // The gateway sets the same values at start; upserting them again covers runs started another way.
    upsertSearchAttributes(runStartSearchAttributes(this.input));
  }

  /** Ends the run: outcome in state, search attribute, details, projection. */
  async finish(outcome: Omit<RunOutcome, 'stepIndex'>): Promise<RunOutcome> {
    const final: RunOutcome = { ...outcome, stepIndex: this.state.stepIndex };
    this.state.outcome = final;
    this.state.nextAction = undefined;
    upsertSearchAttributes(runSearchAttributes({ RunStep: final.status }));
    this.showDetails();
    await this.record('outcome', { type: 'outcome', outcome: final });
    return final;
  }

  /** Writes one fact to the run projection, keyed so a retried activity does not duplicate it. */
  async record(keySuffix: string, body: RecordBody): Promise<void> {
    const info = workflowInfo();
    await acts.recordRun({ ...body, workflowId: info.workflowId, at: this.now(), idempotencyKey: runKey(info, keySuffix) } as RunRecord);
  }

  /** Continues as new with the current state when the history grows long (loops over long dunning). */
  async continueAsNewIfSuggested(): Promise<void> {
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<(i: AutomationRunInput) => Promise<RunOutcome>>({ ...this.input, resume: this.state });
    }
  }

  showDetails(): void {
    setCurrentDetails(runDetails(this.state, this.input));
  }

  /** Runs a charge, counting it as known while in flight: the provider's report of it can beat its result. */
  async charging<T>(charge: () => Promise<T>): Promise<T> {
    this.chargesInFlight++;
    return charge().finally(() => void this.chargesInFlight--);
  }

  private providerAttemptFailed(attempt: number, declineCode: string | undefined): void {
    // The provider reports every attempt on the invoice, the run's own charges included (Stripe and the sandbox
    // both emit invoice.payment_failed for them): an attempt number the run already knows of is that echo,
    // and so is the number of a charge still in flight (the sandbox reports it in the charge's transaction).
    const known = attemptsKnown(this.input, this.state);
    const inFlight = this.chargesInFlight > 0 && attempt <= known + this.chargesInFlight && patched('echo-of-charge-in-flight');
    if (attempt > 0 && (attempt <= known || inFlight) && patched('ignore-own-attempt-echo')) return;
    const at = this.now();
    this.state.attempts.push({ at, source: 'provider', status: 'failed', declineCode });
    this.providerAttempted = true;
    if (this.state.retry) bookFailedAttempt(this.state.retry, at, declineCode, false); // the provider's, not the policy's
  }
}
