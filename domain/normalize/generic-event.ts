import type { BillingEvent } from '../billing-event';
import { compact, dueDays, isDueDateKind } from './billing-enums';
import { genericEventSchema, type GenericEvent } from './generic-event-schema';
import { genericCustomerSnapshot, genericInvoiceSnapshot, genericPaymentMethodSnapshot, genericSubscriptionSnapshot, isoMs as ms } from './generic-snapshots';
import { invalidFromZod, normalized, type NormalizeResult } from './normalize-result';

export * from './generic-event-schema';
export * from './generic-snapshots';

/** Snapshots of the objects the body carries, each stamped with the event time (out-of-order decisions). */
function snapshots(body: GenericEvent, at: number): Partial<BillingEvent> {
  const { customer: c, invoice: i, subscription: s, payment_method: pm, attempt: a } = body;
  return {
    customer: c && genericCustomerSnapshot(c, at),
    invoice: i && genericInvoiceSnapshot(i, at, a?.number),
    subscription: s && genericSubscriptionSnapshot(s, at),
    paymentMethod: pm && genericPaymentMethodSnapshot(pm, at, c?.id),
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
