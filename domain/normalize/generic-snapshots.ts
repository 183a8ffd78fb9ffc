import type { CustomerSnapshot, InvoiceSnapshot, PaymentMethodSnapshot, PriceRef, SubscriptionSnapshot } from '../billing';
import { compact } from './billing-enums';
import type { GenericEvent } from './generic-event-schema';

/*
 * Objects of the generic format (the `POST /v1/events` bodies, and the answers of the HTTP billing contract)
 * → domain snapshots, each stamped with the time it describes (`at`), used to order out-of-order facts.
 */

type Generic<K extends keyof GenericEvent> = NonNullable<GenericEvent[K]>;
type GenericPrice = NonNullable<Generic<'invoice'>['lines']>;

/** ISO 8601 → epoch ms; the schema already checked the format, so this never yields NaN. */
export const isoMs = (iso: string): number => Date.parse(iso);
const msOrUndefined = (iso: string | undefined) => (iso === undefined ? undefined : isoMs(iso));

const priceRefs = (prices: GenericPrice = []): PriceRef[] =>
  prices.map((p) => compact({ priceId: p.price_id, productId: p.product_id, productName: p.product_name, interval: p.interval, intervalCount: p.interval_count }));

/** The customer snapshot of a generic `customer` object. */
export function genericCustomerSnapshot(c: Generic<'customer'>, at: number): CustomerSnapshot {
  return compact({ id: c.id, email: c.email, name: c.name, metadata: { ...c.metadata }, preferredLocales: c.preferred_locales, defaultPaymentMethodId: c.default_payment_method_id, updatedAt: at });
}

/** The invoice snapshot of a generic `invoice` object; `attemptNumber` is the default of `attempt_count`. */
export function genericInvoiceSnapshot(i: Generic<'invoice'>, at: number, attemptNumber?: number): InvoiceSnapshot {
  return compact({
    id: i.id, number: i.number, customerId: i.customer_id, subscriptionId: i.subscription_id, status: i.status,
    collectionMethod: i.collection_method ?? 'charge_automatically',
    amountDue: i.amount_due, amountRemaining: i.amount_remaining ?? (i.status === 'paid' ? 0 : i.amount_due),
    currency: i.currency.toLowerCase(), dueDate: msOrUndefined(i.due_date),
    attemptCount: i.attempt_count ?? attemptNumber ?? 0, hostedInvoiceUrl: i.hosted_invoice_url, autoAdvance: i.auto_advance,
    metadata: { ...i.metadata }, lines: priceRefs(i.lines), updatedAt: at,
  });
}

/** The subscription snapshot of a generic `subscription` object; the interval defaults to its first item's. */
export function genericSubscriptionSnapshot(s: Generic<'subscription'>, at: number): SubscriptionSnapshot {
  const items = priceRefs(s.items);
  return compact({
    id: s.id, customerId: s.customer_id, status: s.status, items,
    interval: s.interval ?? items[0]?.interval, intervalCount: s.interval_count ?? items[0]?.intervalCount,
    currentPeriodEnd: msOrUndefined(s.current_period_end), canceledAt: msOrUndefined(s.canceled_at),
    cancellationReason: s.cancellation_reason, collectionPaused: s.collection_paused, metadata: { ...s.metadata }, updatedAt: at,
  });
}

/** The payment method snapshot of a generic `payment_method` object (its customer defaults to `customerId`). */
export function genericPaymentMethodSnapshot(pm: Generic<'payment_method'>, at: number, customerId?: string): PaymentMethodSnapshot {
  return compact({
    id: pm.id, customerId: pm.customer_id ?? customerId, cardBrand: pm.card_brand, last4: pm.last4, fingerprint: pm.fingerprint,
    expMonth: pm.exp_month, expYear: pm.exp_year, createdAt: pm.created_at ? Date.parse(pm.created_at) : undefined, updatedAt: at,
  });
}
