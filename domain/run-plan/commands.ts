import type { OnFailure, Step, StepType } from '../automation';
import type { RetryReason } from '../card-network/retry-reason';
import type { DeclineFacts } from '../retry-schedule';
import type { EmailTemplateName, TemplateContext } from '../email-templates';
import type { RunFailureType } from '../run-failures';
import type { RunOutcome, RunState } from '../run';

/** A fact of a run for its projection (the `runs` table and its timeline), minus who/when/key. */
export type RunFact =
  | {
      type: 'started';
      automationId: string;
      version: number;
      subjectType: string;
      subjectId: string;
      customerId?: string;
      invoiceId?: string;
      subscriptionId?: string;
      /** Amount at stake, for recovery analytics (minor units). */
      amountDue?: number;
      currency?: string;
      /** The class of the decline that started the run (`classifyDecline`), for recovery analytics. */
      declineClass?: string;
    }
  | { type: 'step_started'; stepIndex: number; step: string; nextRetry?: PlannedRetry }
  | {
      type: 'attempt'; stepIndex: number; status: 'succeeded' | 'failed' | 'deferred'; declineCode?: string; deferredUntil?: number;
      /** A failed attempt: the retry the plan sets next, as it stands then (outbound `retry.scheduled`). */
      nextRetry?: PlannedRetry;
      /** Deferred: the card budget that refused it. */
      rule?: string;
      /** Why the attempt was made then (card-network rules). */
      reason?: RetryReason;
      /** A backup payment method charged instead of the default. */
      paymentMethodId?: string;
    }
  | { type: 'email'; stepIndex: number; template: EmailTemplateName; to: string[]; messageId: string }
  | { type: 'step_failed'; stepIndex: number; step: StepType; failureType?: string; message: string; onFailure: OnFailure }
  | { type: 'step_skipped'; stepIndex: number; step: StepType; reason: string }
  /** `state`: the run's whole state at its end, so the ended run keeps its story (attempts, pauses, notes). */
  | { type: 'outcome'; outcome: RunOutcome; state?: RunState };

/** A retry the plan has set: when, and why (card-network rules). Data for the projection's events, not a command. */
export interface PlannedRetry {
  at: number;
  reason?: RetryReason;
}

/** Why the run waits: a `wait` step, a scheduled retry, a hard-decline pause, or a card-network cap. */
export type WaitPurpose = 'step' | 'retry' | 'await_payment_method' | 'card_cap';

/** The effect a non-waiting, non-charging step has, with everything its activity needs. */
export type StepAction =
  | { type: 'cancel_subscription' | 'mark_subscription_unpaid'; subscriptionId: string }
  | { type: 'mark_invoice_uncollectible'; invoiceId: string }
  | { type: 'send_team_email'; to: string[]; subject?: string; memo: string; context: TemplateContext }
  | { type: 'send_customer_email'; template: Extract<Step, { type: 'send_customer_email' }>['template']; customerId: string; context: TemplateContext }
  | { type: 'emit_webhook'; url: string; eventType: string; payload: Record<string, unknown> };

/**
 * What the run does next. `checkpoint`: a point where the workflow continues as new when its history
 * is long (the plan's state carries over); `key`: idempotency-key parts after the run's execution ids.
 */
export type RunCommand = (
  | { kind: 'checkpoint' }
  | { kind: 'start'; fact: Extract<RunFact, { type: 'started' }> }
  | { kind: 'enter_step'; stepIndex: number; step: StepType; /** A retry_payment step: its first retry, as planned on entry. */ nextRetry?: PlannedRetry }
  | { kind: 'wait'; stepIndex: number; until: number; description: string; purpose: WaitPurpose; forRetry: boolean; reason?: RetryReason }
  | {
      kind: 'charge'; stepIndex: number; attempt: number; at: number; invoiceId: string; key: (string | number)[]; prompt: boolean; reason?: RetryReason;
      /** A backup: charge this payment method instead of the default. */
      paymentMethodId?: string;
      /** On a decline, also list the customer's backup payment methods (the policy's `backupPaymentMethods`). */
      withBackups?: boolean;
    }
  | { kind: 'act'; stepIndex: number; step: Step; action: StepAction; at: number; key: (string | number)[] }
  | { kind: 'record'; key: string; fact: RunFact }
  | { kind: 'retries_exhausted'; stepIndex: number; retriesDone: number; paused: boolean; /** A card budget would have pushed the retry past the window. */ capRule?: string }
  | { kind: 'fail_workflow'; failureType: typeof RunFailureType.MissingSubject; message: string }
  | { kind: 'finish'; outcome: RunOutcome }
);

/** What a charge did, as the billing activity reports it (a decline is data, not an error). */
export type ChargeOutcome =
  | ({ status: 'succeeded' | 'failed'; declineCode?: string; /** Asked for and declined: the other usable payment methods, in order. */ backups?: string[] } & DeclineFacts)
  | { status: 'deferred'; retryAt: number; /** The card budget that refused it. */ rule?: string }
  | { status: 'closed'; invoiceStatus: string };

/** The result of carrying out the last command, fed back with `apply`. */
export type CommandResult =
  | { kind: 'done' }
  | { kind: 'woke' }
  | { kind: 'charged'; outcome: ChargeOutcome }
  | { kind: 'emailed'; messageId: string; to: string[] }
  /** The action was not needed any more (a card-expiry reminder after the card changed): the step is skipped. */
  | { kind: 'skipped'; reason: string }
  | { kind: 'activity_failed'; failureType?: string; message: string }
  /** The run was canceled (a Temporal cancellation) while the command was under way: its state says how it ends. */
  | { kind: 'interrupted' };
