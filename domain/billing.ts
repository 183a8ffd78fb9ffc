/**
 * Provider-neutral billing facts. Stripe payloads (both invoice shapes) and the sandbox ledger are turned
 * into these; matching, schedules, templates and workflows only ever see these shapes.
 * Amounts are integers in the currency's minor unit (cents), as Stripe sends them.
 */

/** An amount in the minor unit of a lower-case ISO currency code. */
export interface Money {
  amount: number;
  currency: string;
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';
export type SubscriptionStatus =
  | 'incomplete'
  | 'incomplete_expired'
  | 'trialing'
  | 'active'
  | 'past_due'
  | 'canceled'
  | 'unpaid'
  | 'paused';
export type RecurringInterval = 'day' | 'week' | 'month' | 'year';
export type CollectionMethod = 'charge_automatically' | 'send_invoice';
export type SubjectType = 'invoice' | 'subscription' | 'customer';

/** One priced line of an invoice or item of a subscription. */
export interface PriceRef {
  priceId: string;
  productId: string;
  /** The product's name, where the payload or the provider gave it (customer emails show it instead of the id). */
  productName?: string;
  interval?: RecurringInterval;
  intervalCount?: number;
  /** The interval the invoice line's period stands for, used only when neither the payload nor the provider gives one. */
  periodInterval?: RecurringInterval;
}

export interface CustomerSnapshot {
  id: string;
  email?: string;
  name?: string;
  metadata: Record<string, string>;
  /** Stripe `preferred_locales`: the languages the customer reads, best first. */
  preferredLocales?: string[];
  defaultPaymentMethodId?: string;
  /** Epoch ms of the provider object's last change we know of (used to order out-of-order events). */
  updatedAt?: number;
}

export interface InvoiceSnapshot {
  id: string;
  number?: string;
  customerId: string;
  subscriptionId?: string;
  status: InvoiceStatus;
  collectionMethod: CollectionMethod;
  amountDue: number;
  amountRemaining: number;
  currency: string;
  /** Epoch ms; only `send_invoice` invoices have one. */
  dueDate?: number;
  /** Number of payment attempts the provider has made so far. */
  attemptCount: number;
  hostedInvoiceUrl?: string;
  /** Stripe `auto_advance`: false means the provider stopped collecting the invoice automatically. */
  autoAdvance?: boolean;
  metadata: Record<string, string>;
  lines: PriceRef[];
  /** Epoch ms of the provider object's last change we know of (used to order out-of-order events). */
  updatedAt?: number;
}

export interface SubscriptionSnapshot {
  id: string;
  customerId: string;
  status: SubscriptionStatus;
  items: PriceRef[];
  /** The billing interval of the first item (Stripe subscriptions share one interval across items). */
  interval?: RecurringInterval;
  intervalCount?: number;
  currentPeriodEnd?: number;
  canceledAt?: number;
  cancellationReason?: string;
  /** Stripe `pause_collection` is set (with any behavior): the provider collects nothing meanwhile. */
  collectionPaused?: boolean;
  /** The subscription's own payment method (Stripe `default_payment_method`), charged before the customer's. */
  defaultPaymentMethodId?: string;
  /** Its legacy card source (Stripe `default_source`), charged next. */
  defaultSourceId?: string;
  metadata: Record<string, string>;
  /** Epoch ms of the provider object's last change we know of (used to order out-of-order events). */
  updatedAt?: number;
}

export interface PaymentMethodSnapshot {
  id: string;
  customerId?: string;
  /** visa, mastercard, amex, …; the card network decides the retry cap. */
  cardBrand?: string;
  last4?: string;
  /** Identifies the physical card across payment methods (caps are per card, not per payment method). */
  fingerprint?: string;
  /** The card's expiry: month 1–12 and four-digit year (the card is valid to the end of that month). */
  expMonth?: number;
  expYear?: number;
  /** Epoch ms when it was attached to the customer (newest-first order of the backup cards). */
  createdAt?: number;
  /** Epoch ms of the provider object's last change we know of (used to order out-of-order events). */
  updatedAt?: number;
}

/** The outcome of one charge attempt. A decline is data, not an error. */
export interface PaymentAttempt {
  status: 'succeeded' | 'failed';
  declineCode?: string;
  /** The card network's response code (Stripe `network_decline_code`). */
  networkDeclineCode?: string;
  /** The card network's advice code (Stripe `network_advice_code`, Mastercard MAC). */
  networkAdviceCode?: string;
  /** The provider's charge id, when it made one. */
  chargeId?: string;
  failureMessage?: string;
  paymentMethodId?: string;
  cardBrand?: string;
  cardFingerprint?: string;
  invoiceStatus: InvoiceStatus;
  /** Epoch ms when the provider attempted the charge. */
  attemptedAt: number;
}
