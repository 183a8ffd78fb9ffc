import type { CustomerSnapshot, PaymentMethodSnapshot, PriceRef, SubscriptionSnapshot } from '../billing';
import { compact, secondsToMs } from './billing-enums';
import type {
  StripeCustomer,
  StripePaymentMethod,
  StripePlan,
  StripePrice,
  StripeSubscription,
} from './stripe-schemas';

type Ref = string | { id: string };

/** The id of an expandable Stripe field, whether it came as an id or as the expanded object. */
export function refId(ref: Ref): string;
export function refId(ref: Ref | null | undefined): string | undefined;
export function refId(ref: Ref | null | undefined): string | undefined {
  return typeof ref === 'string' ? ref : ref?.id;
}

/** The object of an expandable Stripe field, if the payload expanded it (webhooks usually send ids only). */
export const expanded = <T>(value: string | T | null | undefined): T | undefined =>
  value && typeof value !== 'string' ? value : undefined;

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
  const product = price?.product;
  const productName = typeof product === 'object' ? product.name ?? undefined : undefined;
  return compact({ priceId, productId, productName, interval: recurring?.interval, intervalCount: recurring?.interval_count });
}

/** The price ref of a subscription item or a pre-2025-03-31 invoice line: its price, else its plan. */
export function priceOrPlanRef({ price, plan }: { price?: StripePrice | null; plan?: StripePlan | null }): PriceRef | undefined {
  return toPriceRef(price?.id ?? plan?.id, refId(price?.product ?? plan?.product), price, plan);
}

/** The price refs of subscription items (both shapes keep `items.data[].price`). */
export function itemPriceRefs(items: StripeSubscription['items']['data']): PriceRef[] {
  return items.flatMap((item) => priceOrPlanRef(item) ?? []);
}

/**
 * A Stripe customer object (or just its id) as a snapshot; invoices lend their copied email and name.
 * A deleted customer (`{ id, deleted: true }`) keeps only its id.
 */
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
  // A legacy card source is what Stripe charges when no default payment method is set; the payment
  // methods API reads it too (`card_…`), so the card retry cap still applies.
  const defaultPm = customer.invoice_settings?.default_payment_method ?? customer.default_source;
  return compact({
    id: customer.id,
    email: customer.email ?? fallback.email ?? undefined,
    name: customer.name ?? fallback.name ?? undefined,
    metadata: stringMap(customer.metadata),
    preferredLocales: customer.preferred_locales?.length ? customer.preferred_locales : undefined,
    defaultPaymentMethodId: refId(defaultPm),
    updatedAt,
  });
}

/** A Stripe subscription in either shape as a snapshot; the interval is the first item's. */
export function toSubscriptionSnapshot(sub: StripeSubscription, updatedAt: number): SubscriptionSnapshot {
  const items = itemPriceRefs(sub.items.data);
  // Before 2025-03-31 the period sits on the subscription; later on each item. Items may then run on
  // different intervals: the subscription's next renewal is the earliest end.
  const itemEnds = sub.items.data.flatMap((i) => (i.current_period_end ? [i.current_period_end] : []));
  const periodEnd = sub.current_period_end ?? (itemEnds.length ? Math.min(...itemEnds) : undefined);
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
    collectionPaused: sub.pause_collection ? true : undefined,
    defaultPaymentMethodId: refId(sub.default_payment_method),
    defaultSourceId: refId(sub.default_source),
    metadata: stringMap(sub.metadata),
    updatedAt,
  });
}

/** A Stripe payment method as a snapshot (card facts decide the network retry cap). */
export function toPaymentMethodSnapshot(pm: StripePaymentMethod, updatedAt: number): PaymentMethodSnapshot {
  return compact({
    id: pm.id,
    customerId: refId(pm.customer),
    cardBrand: pm.card?.brand ?? undefined,
    last4: pm.card?.last4 ?? undefined,
    fingerprint: pm.card?.fingerprint ?? undefined,
    expMonth: pm.card?.exp_month ?? undefined,
    expYear: pm.card?.exp_year ?? undefined,
    createdAt: pm.created ? secondsToMs(pm.created) : undefined,
    updatedAt,
  });
}
