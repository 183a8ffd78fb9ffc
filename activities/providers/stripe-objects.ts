/**
 * The parts of Stripe objects the mapping reads, typed loosely on purpose: the SDK's types describe only
 * its own API version, while webhook payloads (and accounts pinned to older versions) arrive in both the
 * pre-2025-03-31 shape and the 2025-03-31+ ("basil" and later) shape. Every field is optional here.
 */

/** An id, or the expanded object carrying it. */
export type Expandable<T extends { id?: string | null }> = string | T | null | undefined;

export type StripeMetadata = Record<string, string> | null | undefined;

/** A price, as found on legacy invoice lines and on subscription items. */
export interface StripePriceLike {
  id?: string | null;
  product?: Expandable<{ id?: string | null }>;
  recurring?: { interval?: string | null; interval_count?: number | null } | null;
}

/** A payment method or card, as expanded on a payment intent or returned by `paymentMethods.retrieve`. */
export interface StripePaymentMethodLike {
  id?: string | null;
  customer?: Expandable<{ id?: string | null }>;
  card?: { brand?: string | null; last4?: string | null; fingerprint?: string | null } | null;
}

/** A payment intent, as expanded on legacy invoices and on 2025+ invoice payments. */
export interface StripePaymentIntentLike {
  id?: string | null;
  payment_method?: Expandable<StripePaymentMethodLike>;
  last_payment_error?: { payment_method?: StripePaymentMethodLike | null } | null;
}

export interface StripeSubscriptionItemLike {
  price?: StripePriceLike | null;
  plan?: { id?: string | null; product?: Expandable<{ id?: string | null }>; interval?: string | null } | null;
  /** 2025-03-31+: the period lives on items. */
  current_period_end?: number | null;
}

export interface StripeSubscriptionLike {
  id?: string | null;
  customer?: Expandable<{ id?: string | null }>;
  status?: string | null;
  items?: { data?: StripeSubscriptionItemLike[] | null } | null;
  /** Before 2025-03-31 only. */
  current_period_end?: number | null;
  canceled_at?: number | null;
  cancellation_details?: { reason?: string | null; feedback?: string | null } | null;
  pause_collection?: { behavior?: string | null } | null;
  metadata?: StripeMetadata;
}

export interface StripeInvoiceLineLike {
  /** Before 2025-03-31. */
  price?: StripePriceLike | null;
  plan?: { id?: string | null; product?: Expandable<{ id?: string | null }>; interval?: string | null } | null;
  /** 2025-03-31+. */
  pricing?: { price_details?: { price?: Expandable<StripePriceLike>; product?: string | null } | null } | null;
}

export interface StripeInvoiceLike {
  id?: string | null;
  number?: string | null;
  customer?: Expandable<{ id?: string | null }>;
  status?: string | null;
  collection_method?: string | null;
  amount_due?: number | null;
  amount_remaining?: number | null;
  currency?: string | null;
  due_date?: number | null;
  attempt_count?: number | null;
  hosted_invoice_url?: string | null;
  metadata?: StripeMetadata;
  created?: number | null;
  status_transitions?: {
    finalized_at?: number | null;
    marked_uncollectible_at?: number | null;
    paid_at?: number | null;
    voided_at?: number | null;
  } | null;
  lines?: { data?: StripeInvoiceLineLike[] | null } | null;
  /** Before 2025-03-31. */
  subscription?: Expandable<StripeSubscriptionLike>;
  payment_intent?: Expandable<StripePaymentIntentLike>;
  /** 2025-03-31+. */
  parent?: { subscription_details?: { subscription?: Expandable<StripeSubscriptionLike> } | null } | null;
  payments?: {
    data?: Array<{ is_default?: boolean | null; payment?: { payment_intent?: Expandable<StripePaymentIntentLike> } }> | null;
  } | null;
}

export interface StripeCustomerLike {
  id?: string | null;
  deleted?: boolean | null | void;
  email?: string | null;
  name?: string | null;
  metadata?: StripeMetadata;
  invoice_settings?: { default_payment_method?: Expandable<{ id?: string | null }> } | null;
  default_source?: Expandable<{ id?: string | null }>;
}

/** The id of an id-or-expanded-object field. */
export function idOf(value: string | { id?: string | null } | null | undefined): string | undefined {
  if (typeof value === 'string') return value;
  return value?.id ?? undefined;
}
