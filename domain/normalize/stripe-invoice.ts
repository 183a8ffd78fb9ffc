import type { InvoiceSnapshot, PriceRef } from '../billing';
import type { AttemptFacts } from '../billing-event';
import { compact, secondsToMs } from './billing-enums';
import { intervalFromPeriod } from '../billing-period';
import { expanded, itemPriceRefs, priceOrPlanRef, refId, stringMap, toPriceRef } from './stripe-objects';
import type { StripeCharge, StripeInvoice, StripePaymentIntent, StripePaymentMethod, StripeSubscription } from './stripe-schemas';

type Line = StripeInvoice['lines']['data'][number];

/** One line's price ref: `pricing.price_details` (2025-03-31+) first, else `price` / `plan` (before). */
function linePriceRef(line: Line): PriceRef | undefined {
  const details = line.pricing?.price_details;
  const ref = details
    ? toPriceRef(refId(details.price), details.product, typeof details.price === 'string' ? undefined : details.price, undefined)
    : priceOrPlanRef(line);
  // 2025-03-31+ lines name no recurrence: keep what the period says, for when nothing else tells the interval.
  const fromPeriod = ref && !ref.interval && line.period ? intervalFromPeriod(secondsToMs(line.period.start), secondsToMs(line.period.end)) : undefined;
  return fromPeriod ? { ...ref!, periodInterval: fromPeriod.interval } : ref;
}

/**
 * Unique by price: proration pairs repeat a price, and filters only ask "is this price/product in it".
 * 2025-03-31+ lines carry price ids only: an expanded subscription's items lend the same price's interval.
 */
function priceRefs(lines: Line[], subscription: StripeSubscription | undefined): PriceRef[] {
  const items = new Map(itemPriceRefs(subscription?.items.data ?? []).map((ref) => [ref.priceId, ref]));
  const byPrice = new Map<string, PriceRef>();
  for (const ref of lines.map(linePriceRef)) {
    if (!ref || byPrice.has(ref.priceId)) continue;
    const item = ref.interval ? undefined : items.get(ref.priceId);
    byPrice.set(ref.priceId, item ? compact({ ...ref, interval: item.interval, intervalCount: item.intervalCount }) : ref);
  }
  return [...byPrice.values()];
}

/** The subscription an invoice bills, wherever this API version puts it. */
export function invoiceSubscriptionId(invoice: StripeInvoice): string | undefined {
  const fromParent = invoice.parent?.subscription_details?.subscription;
  if (fromParent) return refId(fromParent);
  if (invoice.subscription) return refId(invoice.subscription);
  for (const line of invoice.lines.data) {
    const sub = line.parent?.subscription_item_details?.subscription ?? line.subscription;
    if (sub) return refId(sub);
  }
  return undefined;
}

/**
 * A Stripe invoice in either shape as a snapshot. `updatedAt` is when this state was seen: the event's
 * `created` for a webhook, the read time for an API read (Stripe keeps no last-modified time).
 */
export function toInvoiceSnapshot(invoice: StripeInvoice, updatedAt: number): InvoiceSnapshot {
  const subscription = expanded(invoice.parent?.subscription_details?.subscription) ?? expanded(invoice.subscription);
  return compact({
    id: invoice.id,
    number: invoice.number ?? undefined,
    customerId: refId(invoice.customer),
    subscriptionId: invoiceSubscriptionId(invoice),
    status: invoice.status,
    collectionMethod: invoice.collection_method,
    autoAdvance: invoice.auto_advance ?? undefined,
    amountDue: invoice.amount_due,
    amountRemaining: invoice.amount_remaining,
    currency: invoice.currency.toLowerCase(),
    dueDate: invoice.due_date ? secondsToMs(invoice.due_date) : undefined,
    attemptCount: invoice.attempt_count,
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? undefined,
    metadata: stringMap(invoice.metadata),
    lines: priceRefs(invoice.lines.data, subscription),
    updatedAt,
  });
}

/** The invoice fields that say how it was (or was tried to be) paid. */
export type StripeInvoicePayments = Pick<StripeInvoice, 'payment_intent' | 'charge' | 'payments'>;

/**
 * The payment collection works on, if the payload expanded it: the invoice's own intent / charge before
 * 2025-03-31; later the default InvoicePayment (the one automatic collection and `pay` confirm), else the latest.
 */
function latestPayment(invoice: StripeInvoicePayments): { intent?: StripePaymentIntent; charge?: StripeCharge } {
  const payments = [...(invoice.payments?.data ?? [])].sort((a, b) => (b.created ?? 0) - (a.created ?? 0));
  const payment = (payments.find((p) => p.is_default) ?? payments[0])?.payment;
  const intent = expanded(invoice.payment_intent) ?? expanded(payment?.payment_intent);
  const charge = expanded(invoice.charge) ?? expanded(payment?.charge) ?? expanded(intent?.latest_charge);
  return { intent, charge };
}

/** The card of a payment attempt; its fingerprint is what the per-card network retry cap counts. */
export type CardFacts = Pick<AttemptFacts, 'paymentMethodId' | 'cardBrand' | 'cardFingerprint'>;

/**
 * The card a payment intent charged or tried, from what is expanded: the method that failed first (a failed
 * attempt detaches it from the intent), then the intent's own, then the charge's card details.
 */
export function paymentCard(
  intent: StripePaymentIntent | undefined,
  charge?: StripeCharge,
  failedWith?: StripePaymentMethod | null,
): CardFacts {
  const pm = failedWith ?? intent?.last_payment_error?.payment_method ?? expanded(intent?.payment_method);
  const chargeCard = charge?.payment_method_details?.card;
  return compact({
    paymentMethodId: pm?.id ?? charge?.payment_method ?? refId(intent?.payment_method),
    cardBrand: pm?.card?.brand ?? chargeCard?.brand ?? undefined,
    cardFingerprint: pm?.card?.fingerprint ?? chargeCard?.fingerprint ?? undefined,
  });
}

/** The card behind the invoice's latest payment (webhooks and `invoices.pay` with the payment expanded). */
export function invoicePaymentCard(invoice: StripeInvoicePayments): CardFacts {
  const { intent, charge } = latestPayment(invoice);
  return paymentCard(intent, charge);
}

/**
 * Facts of the attempt an `invoice.payment_failed` reports. The issuer's decline code (`insufficient_funds`,
 * `lost_card`, …) decides hard vs soft declines, so it wins over the generic `card_declined` error code.
 */
export function toAttemptFacts(invoice: StripeInvoice): AttemptFacts {
  const { intent, charge } = latestPayment(invoice);
  const error = intent?.last_payment_error;
  const card = paymentCard(intent, charge);
  return compact({
    number: invoice.attempt_count,
    declineCode: error?.decline_code ?? charge?.outcome?.reason ?? error?.code ?? charge?.failure_code ?? undefined,
    // The card network's own codes (Visa response code, Mastercard advice code) decide the decline class.
    networkDeclineCode: error?.network_decline_code ?? charge?.outcome?.network_decline_code ?? undefined,
    networkAdviceCode: error?.network_advice_code ?? charge?.outcome?.network_advice_code ?? undefined,
    chargeId: charge?.id ?? error?.charge ?? undefined,
    ...card,
    paymentMethodId: card.paymentMethodId ?? refId(invoice.default_payment_method),
  });
}
