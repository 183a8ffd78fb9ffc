import type { CustomerSnapshot, PaymentMethodSnapshot, PriceRef, SubscriptionSnapshot } from '../billing';
import { compact, secondsToMs } from './billing-enums';
import type {
  StripeCustomer,
  StripePaymentMethod,
  StripePlan,
  StripePrice,
  StripeSubscription,
} from './stripe-schemas';

/** The id of an expandable Stripe field, whether it came as an id or as the expanded object. */
export const refId = (ref: string | { id: string }): string => (typeof ref === 'string' ? ref : ref.id);

/** Metadata as a fresh string map (Stripe sends `null` on some older objects). */
export const stringMap = (metadata: Record<string, string> | null | undefined): Record<string, string> => ({
  ...metadata,
});

/**
 * A price reference from whichever of price / plan the payload has. The plan's interval only counts when
 * it mirrors the same price: legacy payloads may carry a plan object for an unrelated price.
 */
export function toPriceRef(
  priceId: string | undefined,
  productId: string | undefined,
  price: StripePrice | null | undefined,
  plan: StripePlan | null | undefined,
): PriceRef | undefined {
  if (!priceId || !productId) return undefined;
  const recurring = price?.recurring ?? (plan && plan.id === priceId ? plan : undefined);
  return compact({ priceId, productId, interval: recurring?.interval, intervalCount: recurring?.interval_count });
}

/** The price refs of subscription items (both shapes keep `items.data[].price`). */
function itemPriceRefs(items: StripeSubscription['items']['data']): PriceRef[] {
  return items.flatMap((item) => {
    const productId = item.price ? refId(item.price.product) : item.plan?.product ? refId(item.plan.product) : undefined;
    return toPriceRef(item.price?.id ?? item.plan?.id, productId, item.price, item.plan) ?? [];
  });
}

/** A Stripe customer object (or just its id) as a snapshot; invoices lend their copied email and name. */
export function toCustomerSnapshot(
  customer: string | StripeCustomer,
  updatedAt: number,
  fallback: { email?: string | null; name?: string | null } = {},
): CustomerSnapshot {
  if (typeof customer === 'string') {
    return compact({
      id: customer,
      email: fallback.email ?? undefined,
      name: fallback.name ?? undefined,
      metadata: {}, // not in the payload: the dispatcher's enrichment fills it
      updatedAt,
    });
  }
  const defaultPm = customer.invoice_settings?.default_payment_method;
  return compact({
    id: customer.id,
    email: customer.email ?? fallback.email ?? undefined,
    name: customer.name ?? fallback.name ?? undefined,
    metadata: stringMap(customer.metadata),
    defaultPaymentMethodId: defaultPm ? refId(defaultPm) : undefined,
    updatedAt,
  });
}

/** A Stripe subscription in either shape as a snapshot; the interval is the first item's. */
export function toSubscriptionSnapshot(sub: StripeSubscription, updatedAt: number): SubscriptionSnapshot {
  const items = itemPriceRefs(sub.items.data);
  // Before 2025-03-31 the period sits on the subscription; later on each item (they share one cycle).
  const periodEnd = sub.current_period_end ?? sub.items.data.find((i) => i.current_period_end)?.current_period_end;
  return compact({
    id: sub.id,
    customerId: refId(sub.customer),
    status: sub.status,
    items,
    interval: items[0]?.interval,
    intervalCount: items[0]?.intervalCount,
    currentPeriodEnd: periodEnd ? secondsToMs(periodEnd) : undefined,
    canceledAt: sub.canceled_at ? secondsToMs(sub.canceled_at) : undefined,
    cancellationReason: sub.cancellation_details?.reason ?? undefined,
    metadata: stringMap(sub.metadata),
    updatedAt,
  });
}

/** A Stripe payment method as a snapshot (card facts decide the network retry cap). */
export function toPaymentMethodSnapshot(pm: StripePaymentMethod, updatedAt: number): PaymentMethodSnapshot {
  return compact({
    id: pm.id,
    customerId: pm.customer ? refId(pm.customer) : undefined,
    cardBrand: pm.card?.brand ?? undefined,
    last4: pm.card?.last4 ?? undefined,
    fingerprint: pm.card?.fingerprint ?? undefined,
    updatedAt,
  });
}
