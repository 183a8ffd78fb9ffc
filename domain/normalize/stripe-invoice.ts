import type { InvoiceSnapshot, PriceRef } from '../billing';
import type { AttemptFacts } from '../billing-event';
import { compact, secondsToMs } from './billing-enums';
import { refId, stringMap, toPriceRef } from './stripe-objects';
import type { StripeCharge, StripeInvoice, StripePaymentIntent } from './stripe-schemas';

type Line = StripeInvoice['lines']['data'][number];

/** One line's price ref: `pricing.price_details` (2025-03-31+) first, else `price` / `plan` (before). */
function linePriceRef(line: Line): PriceRef | undefined {
  const details = line.pricing?.price_details;
  if (details) {
    const expanded = typeof details.price === 'string' ? undefined : details.price;
    return toPriceRef(refId(details.price), details.product, expanded, undefined);
  }
  const productId = line.price ? refId(line.price.product) : line.plan?.product ? refId(line.plan.product) : undefined;
  return toPriceRef(line.price?.id ?? line.plan?.id, productId, line.price, line.plan);
}

/** Unique by price: proration pairs repeat a price, and filters only ask "is this price/product in it". */
function priceRefs(lines: Line[]): PriceRef[] {
  const byPrice = new Map<string, PriceRef>();
  for (const ref of lines.map(linePriceRef)) if (ref && !byPrice.has(ref.priceId)) byPrice.set(ref.priceId, ref);
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

/** A Stripe invoice in either shape as a snapshot; `updatedAt` is the event's `created` in ms. */
export function toInvoiceSnapshot(invoice: StripeInvoice, updatedAt: number): InvoiceSnapshot {
  return compact({
    id: invoice.id,
    number: invoice.number ?? undefined,
    customerId: refId(invoice.customer),
    subscriptionId: invoiceSubscriptionId(invoice),
    status: invoice.status,
    collectionMethod: invoice.collection_method,
    amountDue: invoice.amount_due,
    amountRemaining: invoice.amount_remaining,
    currency: invoice.currency.toLowerCase(),
    dueDate: invoice.due_date ? secondsToMs(invoice.due_date) : undefined,
    attemptCount: invoice.attempt_count,
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? undefined,
    metadata: stringMap(invoice.metadata),
    lines: priceRefs(invoice.lines.data),
    updatedAt,
  });
}

const expanded = <T>(value: string | T | null | undefined): T | undefined =>
  value && typeof value !== 'string' ? value : undefined;

/** The latest payment's intent and charge, if the payload expanded them (webhooks usually send ids only). */
function latestPayment(invoice: StripeInvoice): { intent?: StripePaymentIntent; charge?: StripeCharge } {
  const payments = [...(invoice.payments?.data ?? [])].sort((a, b) => (b.created ?? 0) - (a.created ?? 0));
  const payment = payments[0]?.payment;
  const intent = expanded(invoice.payment_intent) ?? expanded(payment?.payment_intent);
  const charge = expanded(invoice.charge) ?? expanded(payment?.charge) ?? expanded(intent?.latest_charge);
  return { intent, charge };
}

/**
 * Facts of the attempt an `invoice.payment_failed` reports. The issuer's decline code (`insufficient_funds`,
 * `lost_card`, …) decides hard vs soft declines, so it wins over the generic `card_declined` error code.
 */
export function toAttemptFacts(invoice: StripeInvoice): AttemptFacts {
  const { intent, charge } = latestPayment(invoice);
  const error = intent?.last_payment_error;
  const pm = error?.payment_method ?? expanded(intent?.payment_method);
  const chargeCard = charge?.payment_method_details?.card;
  const pmId =
    pm?.id ??
    charge?.payment_method ??
    (intent?.payment_method ? refId(intent.payment_method) : undefined) ??
    (invoice.default_payment_method ? refId(invoice.default_payment_method) : undefined);
  return compact({
    number: invoice.attempt_count,
    declineCode: error?.decline_code ?? charge?.outcome?.reason ?? error?.code ?? charge?.failure_code ?? undefined,
    paymentMethodId: pmId ?? undefined,
    cardBrand: pm?.card?.brand ?? chargeCard?.brand ?? undefined,
    cardFingerprint: pm?.card?.fingerprint ?? chargeCard?.fingerprint ?? undefined,
  });
}
