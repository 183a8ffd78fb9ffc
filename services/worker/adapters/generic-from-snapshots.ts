import type { CustomerSnapshot, InvoiceSnapshot, PriceRef, SubscriptionSnapshot } from '../../../domain/billing';
import { compact } from '../../../domain/normalize/billing-enums';
import { genericCustomerSchema, type GenericEvent } from '../../../domain/normalize/generic-event-schema';

/*
 * Provider snapshots (Stripe or sandbox) → objects of the generic event format, for events the system raises
 * itself: they then go through the same normalizer as `POST /v1/events` bodies.
 */

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const prices = (refs: PriceRef[]) =>
  refs.map((p) => compact({ price_id: p.priceId, product_id: p.productId, interval: p.interval, interval_count: p.intervalCount }));

/** The `invoice` object. */
export function genericInvoiceOf(i: InvoiceSnapshot): NonNullable<GenericEvent['invoice']> {
  return compact({
    id: i.id, number: i.number, customer_id: i.customerId, subscription_id: i.subscriptionId, status: i.status,
    collection_method: i.collectionMethod, amount_due: i.amountDue, amount_remaining: i.amountRemaining, currency: i.currency,
    due_date: iso(i.dueDate), attempt_count: i.attemptCount, hosted_invoice_url: i.hostedInvoiceUrl, metadata: i.metadata,
    lines: i.lines.length ? prices(i.lines) : undefined,
  });
}

/** The `customer` object; an address the format would reject is left out rather than failing the event. */
export function genericCustomerOf(c: CustomerSnapshot): NonNullable<GenericEvent['customer']> {
  const full = compact({ id: c.id, email: c.email, name: c.name, metadata: c.metadata, default_payment_method_id: c.defaultPaymentMethodId });
  return genericCustomerSchema.safeParse(full).success ? full : { id: c.id };
}

/** The `subscription` object. */
export function genericSubscriptionOf(s: SubscriptionSnapshot): NonNullable<GenericEvent['subscription']> {
  return compact({
    id: s.id, customer_id: s.customerId, status: s.status, items: s.items.length ? prices(s.items) : undefined,
    interval: s.interval, interval_count: s.intervalCount, current_period_end: iso(s.currentPeriodEnd),
    canceled_at: iso(s.canceledAt), cancellation_reason: s.cancellationReason, metadata: s.metadata,
  });
}
