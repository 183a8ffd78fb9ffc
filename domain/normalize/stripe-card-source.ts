import { z } from 'zod';
import type { BillingEvent } from '../billing-event';
import type { PaymentMethodSnapshot } from '../billing';
import { compact } from './billing-enums';
import { normalized, type NormalizeResult } from './normalize-result';
import { parseObject } from './stripe-parse';
import type { StripeEventEnvelope } from './stripe-schemas';

/**
 * `customer.source.expiring` and `customer.source.updated`: their object is a legacy Card (`card_…`, the card
 * facts on the object itself) or a Source (`src_…`, the facts under `card`). Stripe sends `expiring` once, at the
 * start of the month the card expires in; the days left are computed from the expiry when routed.
 */
const text = z.string().nullish();
const cardFacts = { brand: text, last4: text, fingerprint: text, exp_month: z.number().int().min(1).max(12).nullish(), exp_year: z.number().int().nullish() };
const sourceSchema = z.object({
  id: z.string().min(1),
  object: z.string(),
  customer: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
  ...cardFacts,
  card: z.object(cardFacts).nullish(),
});

/** A Card or Source as a payment method snapshot. */
function toSnapshot(source: z.infer<typeof sourceSchema>, at: number): PaymentMethodSnapshot {
  const facts = source.object === 'card' ? source : (source.card ?? {});
  const customerId = typeof source.customer === 'string' ? source.customer : source.customer?.id;
  return compact({
    id: source.id, customerId, cardBrand: facts.brand?.toLowerCase() ?? undefined, last4: facts.last4 ?? undefined,
    fingerprint: facts.fingerprint ?? undefined, expMonth: facts.exp_month ?? undefined, expYear: facts.exp_year ?? undefined, updatedAt: at,
  });
}

/** The domain event of a `customer.source.*` event (an expiring or updated card of a customer). */
export function cardSourceEvent(envelope: StripeEventEnvelope, base: BillingEvent): NormalizeResult {
  return parseObject(sourceSchema, envelope, (source, at) => {
    // The customer is left out on purpose: the dispatcher reads it (its metadata feeds the filters).
    return normalized({ ...base, paymentMethod: toSnapshot(source, at) });
  });
}
