import type {
  CollectionMethod,
  InvoiceSnapshot,
  InvoiceStatus,
  PriceRef,
  RecurringInterval,
  SubscriptionSnapshot,
  SubscriptionStatus,
} from '../../domain/billing';
import {
  idOf,
  type StripeInvoiceLike,
  type StripeInvoiceLineLike,
  type StripePriceLike,
  type StripeSubscriptionItemLike,
  type StripeSubscriptionLike,
} from './stripe-objects';

/**
 * Stripe has no API to set a subscription to `unpaid`; the adapter pauses collection and leaves this
 * marker in the subscription's metadata (see StripeBillingProvider.markSubscriptionUnpaid).
 */
export const UNPAID_MARKER_KEY = 'dunning_state';
export const UNPAID_MARKER_VALUE = 'unpaid';

const INVOICE_STATUSES: readonly InvoiceStatus[] = ['draft', 'open', 'paid', 'void', 'uncollectible'];
const SUBSCRIPTION_STATUSES: readonly string[] = [
  'incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused',
];
const INTERVALS: readonly string[] = ['day', 'week', 'month', 'year'];

const ms = (seconds: number | null | undefined) => (typeof seconds === 'number' ? seconds * 1000 : undefined);
const orUndefined = <T>(value: T | null | undefined) => value ?? undefined;
const interval = (value: string | null | undefined) =>
  value && INTERVALS.includes(value) ? (value as RecurringInterval) : undefined;

function priceRef(price: StripePriceLike | string, product: string | undefined): PriceRef | undefined {
  const priceId = idOf(price);
  if (!priceId) return undefined;
  const recurring = typeof price === 'string' ? undefined : price.recurring;
  return {
    priceId,
    productId: product ?? (typeof price === 'string' ? undefined : idOf(price.product)) ?? '',
    interval: interval(recurring?.interval),
    intervalCount: orUndefined(recurring?.interval_count),
  };
}

/** A line's price in either shape: `lines.data[].price` (legacy) or `.pricing.price_details` (2025-03-31+). */
function lineRef(line: StripeInvoiceLineLike): PriceRef | undefined {
  const details = line.pricing?.price_details;
  if (details?.price) return priceRef(details.price, orUndefined(details.product));
  if (line.price) return priceRef(line.price, undefined);
  if (line.plan?.id) return priceRef({ ...line.plan, recurring: { interval: line.plan.interval } }, undefined);
  return undefined;
}

function itemRef(item: StripeSubscriptionItemLike): PriceRef | undefined {
  if (item.price) return priceRef(item.price, undefined);
  if (item.plan?.id) return priceRef({ ...item.plan, recurring: { interval: item.plan.interval } }, undefined);
  return undefined;
}

/** The invoice's subscription, id or expanded object, from either shape. */
export function invoiceSubscription(invoice: StripeInvoiceLike) {
  return invoice.parent?.subscription_details?.subscription ?? invoice.subscription ?? undefined;
}

/** Maps a Stripe invoice of either API shape. An expanded subscription fills in the lines' intervals. */
export function toInvoiceSnapshot(invoice: StripeInvoiceLike): InvoiceSnapshot {
  const subscription = invoiceSubscription(invoice);
  // 2025+ lines carry only price ids; the interval comes from the subscription's items when expanded.
  const known = new Map<string, PriceRef>();
  if (subscription && typeof subscription === 'object') {
    for (const ref of toSubscriptionSnapshot(subscription).items) known.set(ref.priceId, ref);
  }
  const lines = (invoice.lines?.data ?? [])
    .map(lineRef)
    .filter((ref): ref is PriceRef => ref !== undefined)
    .map((ref) => (ref.interval ? ref : { ...ref, ...pickInterval(known.get(ref.priceId)) }));
  const transitions = Object.values(invoice.status_transitions ?? {}).filter((t): t is number => typeof t === 'number');
  return {
    id: invoice.id ?? '',
    number: orUndefined(invoice.number),
    customerId: idOf(invoice.customer) ?? '',
    subscriptionId: idOf(subscription),
    // `status` is null only on preview (upcoming) invoices, which are drafts in all but name.
    status: INVOICE_STATUSES.find((s) => s === invoice.status) ?? 'draft',
    collectionMethod: (invoice.collection_method as CollectionMethod) ?? 'charge_automatically',
    amountDue: invoice.amount_due ?? 0,
    amountRemaining: invoice.amount_remaining ?? invoice.amount_due ?? 0,
    currency: invoice.currency ?? '',
    dueDate: ms(invoice.due_date),
    attemptCount: invoice.attempt_count ?? 0,
    hostedInvoiceUrl: orUndefined(invoice.hosted_invoice_url),
    metadata: { ...invoice.metadata },
    lines,
    // Stripe has no `updated` field: the latest status transition is the last change we can see.
    updatedAt: ms(Math.max(invoice.created ?? 0, ...transitions) || undefined),
  };
}

function pickInterval(ref: PriceRef | undefined) {
  return ref ? { interval: ref.interval, intervalCount: ref.intervalCount } : {};
}

/** Maps a Stripe subscription of either API shape (period end at top level before 2025-03-31, on items after). */
export function toSubscriptionSnapshot(subscription: StripeSubscriptionLike): SubscriptionSnapshot {
  const rawItems = subscription.items?.data ?? [];
  const items = rawItems.map(itemRef).filter((ref): ref is PriceRef => ref !== undefined);
  const itemPeriodEnds = rawItems.map((i) => i.current_period_end).filter((t): t is number => typeof t === 'number');
  const metadata = { ...subscription.metadata };
  let status = (SUBSCRIPTION_STATUSES.find((s) => s === subscription.status) ?? 'incomplete') as SubscriptionStatus;
  // Our emulated `unpaid` (paused collection + marker) reads as Stripe's own `unpaid` would.
  if ((status === 'active' || status === 'past_due') && isMarkedUnpaid(subscription)) status = 'unpaid';
  return {
    id: subscription.id ?? '',
    customerId: idOf(subscription.customer) ?? '',
    status,
    items,
    interval: items[0]?.interval,
    intervalCount: items[0]?.intervalCount,
    currentPeriodEnd: ms(subscription.current_period_end ?? (itemPeriodEnds.length ? Math.min(...itemPeriodEnds) : undefined)),
    canceledAt: ms(subscription.canceled_at),
    cancellationReason: orUndefined(subscription.cancellation_details?.reason),
    metadata,
  };
}

/** True when the adapter's mark-unpaid emulation is in force on this subscription. */
export function isMarkedUnpaid(subscription: StripeSubscriptionLike): boolean {
  return subscription.metadata?.[UNPAID_MARKER_KEY] === UNPAID_MARKER_VALUE && !!subscription.pause_collection?.behavior;
}

export { idOf } from './stripe-objects';
export * from './stripe-customer-mapping';
