import type { EmailTemplateName, TemplateContext } from '../domain/email-templates';
import type { EmailLanguage } from '../domain/email-locale';
import type { DeadlineKind } from '../domain/deadlines';
import type { CardDecision } from '../domain/card-network/card-decision';
import type { PaymentAttempt } from '../domain/billing';
import type { RunFact } from '../domain/run-plan/commands';
import type { TeamEmailPolicy } from '../domain/team-recipients';
import type { BillingProvider } from '../providers/billing/billing-provider';
import type { SelfServiceLinks } from '../providers/self-service/self-service-links';

/**
 * The ports activities delegate to. `billing` is the shared provider contract; the others are implemented
 * against PostgreSQL (and the email provider) by the records/email/gateway work. Every mutating call
 * carries an idempotency key (`{workflowId}:{firstExecutionRunId}:{stepIndex}[:{attempt}]`, see `runKey`): a
 * repeated call with the same key must have no further effect and return the first answer, because Temporal
 * retries activities; a later run under the same workflow id has keys of its own.
 */

/** Renders a template, stores the message in the outbox and sends it, at most once per key. */
export interface Mailer {
  /**
   * Renders the current version of `template` in `language` (English when absent or not written) with `context`
   * and records that version on the row, inserts the outbox row unique on `idempotencyKey` and hands it to
   * the email provider only if not sent yet. Throws `EmailProviderError` for provider faults and
   * `TemplateError` for a template that cannot render (both are mapped by the activity). Returns the
   * stored message id; `duplicate` when the key had been sent (or its send left unknown) before.
   */
  send(message: {
    idempotencyKey: string;
    template: EmailTemplateName;
    to: string[];
    subject?: string;
    context: TemplateContext;
    language?: EmailLanguage;
    tags: Record<string, string>;
  }): Promise<MailResult>;
}

/** What a send did: `outcome: 'unknown'` when the provider may or may not have the email (never resent automatically). */
export interface MailResult {
  messageId: string;
  duplicate: boolean;
  outcome: 'sent' | 'unknown';
}

/** One fact of a run's life for the projection (admin API, analytics). Keyed for idempotent upserts. */
export type RunRecord = { workflowId: string; at: number; idempotencyKey: string } & RunFact;

/** The run projection in PostgreSQL: one row per run plus its timeline; upsert on `idempotencyKey`. */
export interface RunRecorder {
  record(record: RunRecord): Promise<void>;
}

/**
 * Attempts per physical card across all runs, for the card-network rules. `reserve` must be atomic per
 * fingerprint (an advisory lock): read the card's latest block and attempts, decide with
 * `decideCardAttempt` and, when allowed, insert the attempt keyed by `idempotencyKey` in the same
 * transaction; a repeated key returns `{ allowed: true }` without inserting again. `settle` books the
 * charge's result on that row (its outcome, codes and class); `observe` records an attempt made elsewhere
 * (the provider's own retry, a sandbox charge), once per provider charge id.
 */
export interface CardAttemptLedger {
  reserve(request: {
    fingerprint: string;
    cardBrand?: string;
    /** Epoch ms on the run's clock. */
    at: number;
    dayMs: number;
    idempotencyKey: string;
    runId?: string;
    invoiceId?: string;
    /** The payment method about to be charged: another one than the blocked one lifts a block. */
    paymentMethodId?: string;
  }): Promise<CardDecision>;
  settle(request: { fingerprint: string; idempotencyKey: string; attempt: PaymentAttempt }): Promise<void>;
  observe(request: ObservedCardAttempt): Promise<{ recorded: boolean }>;
}

/** An attempt on a card reported by the provider (an event), not made by a run. */
export interface ObservedCardAttempt {
  fingerprint: string;
  cardBrand?: string;
  /** Epoch ms when the provider attempted it. */
  at: number;
  /** Dedupe key: the provider's charge id, else the event's id. */
  chargeId?: string;
  eventKey: string;
  invoiceId?: string;
  paymentMethodId?: string;
  succeeded: boolean;
  declineCode?: string;
  networkDeclineCode?: string;
  networkAdviceCode?: string;
}

/**
 * Inserts a system-derived due-date event into the gateway's pipeline (event row + outbox, as for a
 * webhook), with `id` as the dedupe key so a real `invoice.overdue` for the same deadline is ignored.
 * Implementations re-read the invoice and return `accepted: false` when it is no longer open.
 */
export interface DerivedEvents {
  raise(event: DerivedEvent): Promise<{ accepted: boolean }>;
}

/** One due-date deadline of one invoice, raised as an event. */
export interface DerivedEvent {
  /** Dedupe key, `derivedEventId(kind, invoiceId, days)`: deliberately the same for every run (see docs). */
  id: string;
  kind: DeadlineKind;
  invoiceId: string;
  customerId: string;
  days: number;
  occurredAt: number;
}

/**
 * Delivers an outgoing webhook (signed, at most once per key on the receiver's side via its header). A
 * refused delivery throws `runFailure(RunFailureType.WebhookRejected, …)`; other errors are retried.
 */
export interface WebhookEmitter {
  emit(request: { idempotencyKey: string; url: string; eventType: string; payload: unknown }): Promise<{ status: number }>;
}

/** Everything `createActivities` needs. */
export interface ActivityDeps {
  billing: BillingProvider;
  mailer: Mailer;
  records: RunRecorder;
  cardLedger: CardAttemptLedger;
  derivedEvents: DerivedEvents;
  webhooks: WebhookEmitter;
  /** Company domain(s) from config plus the account's users, read when a team email is sent. */
  teamEmailPolicy: () => Promise<TeamEmailPolicy>;
  /** Mints the self-service link of customer emails (Stripe portal, URL template); absent: none is minted. */
  selfServiceLinks?: SelfServiceLinks;
}
