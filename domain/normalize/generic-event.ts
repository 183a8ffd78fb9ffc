import type { PriceRef } from '../billing';
import type { BillingEvent } from '../billing-event';
import { compact, dueDays, isDueDateKind } from './billing-enums';
import { genericEventSchema, type GenericEvent } from './generic-event-schema';
import { invalidFromZod, normalized, type NormalizeResult } from './normalize-result';

export * from './generic-event-schema';

type GenericPrice = NonNullable<GenericEvent['invoice']>['lines'];

/** ISO 8601 → epoch ms; the schema already checked the format, so this never yields NaN. */
const ms = (iso: string): number => Date.parse(iso);
const msOrUndefined = (iso: string | undefined) => (iso === undefined ? undefined : ms(iso));

const priceRefs = (prices: GenericPrice = []): PriceRef[] =>
  prices.map((p) => compact({ priceId: p.price_id, productId: p.product_id, interval: p.interval, intervalCount: p.interval_count }));

/** Snapshots of the objects the body carries, each stamped with the event time (out-of-order decisions). */
function snapshots(body: GenericEvent, at: number): Partial<BillingEvent> {
  const { customer: c, invoice: i, subscription: s, payment_method: pm, attempt: a } = body;
  const items = priceRefs(s?.items);
  return {
    customer: c && compact({ id: c.id, email: c.email, name: c.name, metadata: { ...c.metadata },
      defaultPaymentMethodId: c.default_payment_method_id, updatedAt: at }),
    invoice: i && compact({
      id: i.id, number: i.number, customerId: i.customer_id, subscriptionId: i.subscription_id, status: i.status,
      collectionMethod: i.collection_method ?? 'charge_automatically',
      amountDue: i.amount_due, amountRemaining: i.amount_remaining ?? (i.status === 'paid' ? 0 : i.amount_due),
      currency: i.currency.toLowerCase(), dueDate: msOrUndefined(i.due_date),
      attemptCount: i.attempt_count ?? a?.number ?? 0, hostedInvoiceUrl: i.hosted_invoice_url, autoAdvance: i.auto_advance,
      metadata: { ...i.metadata }, lines: priceRefs(i.lines), updatedAt: at,
    }),
    subscription: s && compact({
      id: s.id, customerId: s.customer_id, status: s.status, items,
      interval: s.interval ?? items[0]?.interval, intervalCount: s.interval_count ?? items[0]?.intervalCount,
      currentPeriodEnd: msOrUndefined(s.current_period_end), canceledAt: msOrUndefined(s.canceled_at),
      cancellationReason: s.cancellation_reason, collectionPaused: s.collection_paused, metadata: { ...s.metadata }, updatedAt: at,
    }),
    paymentMethod: pm && compact({ id: pm.id, customerId: pm.customer_id ?? c?.id, cardBrand: pm.card_brand,
      last4: pm.last4, fingerprint: pm.fingerprint, updatedAt: at }),
    attempt: a && compact({ number: a.number, declineCode: a.decline_code, networkDeclineCode: a.network_decline_code,
      networkAdviceCode: a.network_advice_code, chargeId: a.charge_id, paymentMethodId: a.payment_method_id,
      cardBrand: a.card_brand, cardFingerprint: a.card_fingerprint }),
  };
}

/** Days past (overdue) or before (upcoming) the due date: as sent, else from the due date the schema requires. */
function days(body: GenericEvent, at: number): number | undefined {
  if (!isDueDateKind(body.type)) return undefined;
  return body.days ?? dueDays(body.type, ms(body.invoice!.due_date!), at);
}

/** Turns a `POST /v1/events` body into the domain event; any schema violation is `invalid` with paths. */
export function normalizeGenericEvent(body: unknown): NormalizeResult {
  const parsed = genericEventSchema.safeParse(body);
  if (!parsed.success) return invalidFromZod(parsed.error);
  const at = ms(parsed.data.occurred_at);
  const event: BillingEvent = {
    id: parsed.data.id,
    provider: 'generic',
    kind: parsed.data.type,
    occurredAt: at,
    livemode: parsed.data.livemode ?? false, // generic events are test-mode unless said otherwise
    ...snapshots(parsed.data, at),
    days: days(parsed.data, at),
  };
  return normalized(compact(event));
}
