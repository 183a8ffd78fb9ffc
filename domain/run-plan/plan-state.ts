import { addNote, initialRunState, type AutomationRunInput, type CustomerNotice, type RunNote, type RunOutcome, type RunState } from '../run';
import type { RetryReason } from '../card-network/retry-reason';
import type { ChargeOutcome, RunCommand, WaitPurpose } from './commands';

/** Signal marks a wait reacts to; not carried over continueAsNew (a resumed run starts with none). */
export interface RunInbox {
  skipRequested: boolean;
  paymentMethodChanged: boolean;
  providerAttempted: boolean;
}

export type Phase =
  | 'begin' | 'filters' | 'step' | 'entered' | 'waiting' | 'acting' | 'emailed' | 'next' | 'exhausted'
  | 'retry' | 'retry_waiting' | 'charge_now' | 'backup' | 'charging' | 'record_attempt' | 'cap_wait' | 'cap_waiting'
  | 'step_failed' | 'step_skipped' | 'failed_end' | 'finish' | 'done' | 'notifying' | 'notified';

/** Where the plan stands between commands (`i`: the step; the rest only where the phase needs it). */
export interface Cursor {
  at: Phase;
  i: number;
  /** `step`/`retry`: the checkpoint command was given. */
  checked?: boolean;
  invoiceId?: string;
  prompt?: boolean;
  paused?: boolean;
  attempt?: number;
  chargeAt?: number;
  charge?: ChargeOutcome;
  email?: { messageId: string; to: string[] };
  /** `step_failed`, `step_skipped`, `failed_end`: the note the plan records next. */
  note?: Extract<RunNote, { kind: 'failed' | 'skipped' }>;
  outcome?: Omit<RunOutcome, 'stepIndex'>;
  /** Why the pending retry is planned (card-network rules only). */
  reason?: RetryReason;
  /** `exhausted`: the card budget whose deferral would have passed the window. */
  capRule?: string;
  /** `backup`: the backup payment methods still to try after a soft decline on the default. */
  backups?: string[];
  /** `charging`: the backup payment method being charged (none: the default). */
  paymentMethodId?: string;
  /** `notifying`/`notified`: the customer notice of the retry step under way. */
  notice?: CustomerNotice;
}

/** A run's plan: its input, its state (the query `state`, carried over continueAsNew), inbox and cursor. */
export interface RunPlan {
  readonly input: AutomationRunInput;
  readonly state: RunState;
  readonly inbox: RunInbox;
  cursor: Cursor;
  /**
   * The run lifecycle rules (step failure behaviour, skipped subscription steps, failed runs recorded before
   * the workflow fails): on for new runs and the preview; a workflow replaying a run started before them
   * turns them off (its `patched()` marker says which).
   */
  lifecycle: boolean;
  /** Retries follow the card-network rules (`network-retry.ts`); false for runs recorded before them. */
  readonly networkRules: boolean;
  /**
   * A policy's `backupPaymentMethods` is honoured (`backup-payment.ts`); the workflow turns it on under a patch
   * marker for runs whose automation asks for it, the preview always.
   */
  backupMethods: boolean;
  /** `retry_payment` steps send their `notifyCustomer` emails (the workflow guards it with a patch marker). */
  customerNotices: boolean;
}

/** How a plan decides: `networkRules` for every new run (the workflow guards it with a patch marker). */
export interface PlanOptions {
  networkRules?: boolean;
  backupMethods?: boolean;
}

/** A fresh plan, or one resuming a continued-as-new run at its step (the step starts over, its retry progress kept). */
export function createRunPlan(input: AutomationRunInput, options: PlanOptions = {}): RunPlan {
  const inbox = { skipRequested: false, paymentMethodChanged: false, providerAttempted: false };
  const networkRules = options.networkRules ?? false;
  const backupMethods = options.backupMethods ?? false;
  const customerNotices = true;
  const flags = { lifecycle: true, networkRules, backupMethods, customerNotices };
  if (input.resume) return { input, state: input.resume, inbox, cursor: { at: 'step', i: input.resume.stepIndex }, ...flags };
  return { input, state: initialRunState(input), inbox, cursor: { at: 'begin', i: 0 }, ...flags };
}

/** Moves the plan to `at`, keeping the cursor's other fields unless given. */
export function moveTo(plan: RunPlan, at: Phase, more: Partial<Cursor> = {}): void {
  plan.cursor = { ...plan.cursor, ...more, at };
}

/** A wait command: clears the marks the wait reacts to and shows it as the next action. */
export function wait(plan: RunPlan, then: Phase, until: number, description: string, purpose: WaitPurpose, reason?: RetryReason): RunCommand {
  const forRetry = then === 'retry_waiting';
  plan.inbox.skipRequested = false;
  plan.inbox.providerAttempted = false;
  plan.state.nextAction = { description, at: until, ...(reason && { reason }) };
  if (purpose === 'await_payment_method' && plan.lifecycle) notePause(plan, until);
  moveTo(plan, then);
  return { kind: 'wait', stepIndex: plan.cursor.i, until, description, purpose, forRetry, ...(reason && { reason }) };
}

/**
 * The state a continued-as-new run resumes from: at the step the plan is about to enter (a checkpoint
 * comes before a step starts, or at the top of a retry loop), so a finished step is not run again.
 */
export function continuationState(plan: RunPlan): RunState {
  return { ...plan.state, stepIndex: plan.cursor.i };
}

/** Notes a hard-decline pause once per step and deadline (a wait woken by other news waits again for the same). */
function notePause({ state, cursor }: RunPlan, until: number): void {
  const seen = state.notes?.some((n) => n.kind === 'paused' && n.stepIndex === cursor.i && n.until === until);
  if (!seen) addNote(state, { kind: 'paused', at: state.retry?.lastAttemptAt ?? until, stepIndex: cursor.i, until, declineCode: state.retry?.lastDeclineCode });
}
