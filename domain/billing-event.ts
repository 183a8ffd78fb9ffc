import type {
  CustomerSnapshot,
  InvoiceSnapshot,
  PaymentMethodSnapshot,
  SubscriptionSnapshot,
} from './billing';

/**
 * What happened, in provider-neutral words. Stripe events (`invoice.payment_failed`, …), generic events
 * from `POST /v1/events` and the sandbox ledger's changes all become one of these kinds.
 */
export const BILLING_EVENT_KINDS = [
  'invoice_payment_failed',
  'invoice_paid',
  'invoice_voided',
  'invoice_marked_uncollectible',
  'invoice_finalized',
  'invoice_updated',
  'invoice_overdue',
  'invoice_due_date_upcoming',
  'subscription_canceled',
  'subscription_updated',
  'customer_created',
  'payment_method_updated',
  'payment_method_expiring',
] as const;
export type BillingEventKind = (typeof BILLING_EVENT_KINDS)[number];

export const EVENT_PROVIDERS = ['stripe', 'sandbox', 'generic', 'system'] as const;
export type EventProvider = (typeof EVENT_PROVIDERS)[number];

/** One failed (or succeeded) collection attempt as reported by the provider. */
export interface AttemptFacts {
  /** 1 for the first attempt of the invoice (Stripe's `attempt_count`). */
  number: number;
  declineCode?: string;
  /** The card network's response code (Stripe `network_decline_code`), e.g. Visa `51`, `R1`. */
  networkDeclineCode?: string;
  /** The card network's advice code (Stripe `network_advice_code`), e.g. Mastercard `03`, `24`. */
  networkAdviceCode?: string;
  /** The provider's charge id: one attempt seen by a run and in an event is recorded once on the card. */
  chargeId?: string;
  paymentMethodId?: string;
  cardBrand?: string;
  cardFingerprint?: string;
}

/** The domain event: a kind plus the provider objects it is about, as they were when it happened. */
export interface BillingEvent {
  /** Provider event id (`evt_…`), unique per provider. */
  id: string;
  provider: EventProvider;
  kind: BillingEventKind;
  /** Epoch ms when the provider says it happened (not when we received it). */
  occurredAt: number;
  /** Stripe `livemode`; sandbox and generic events are test-mode unless said otherwise. */
  livemode?: boolean;
  customer?: CustomerSnapshot;
  invoice?: InvoiceSnapshot;
  subscription?: SubscriptionSnapshot;
  paymentMethod?: PaymentMethodSnapshot;
  attempt?: AttemptFacts;
  /** For `invoice_overdue` / `invoice_due_date_upcoming`: whole days past (or before) the due date; for
   * `payment_method_expiring`: whole days left before the card's expiry month ends. */
  days?: number;
}
