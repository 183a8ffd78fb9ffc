import type { BillingEvent } from '../billing-event';
import { ignored, normalized, type NormalizeResult } from './normalize-result';
import { toCustomerSnapshot, toPaymentMethodSnapshot } from './stripe-objects';
import { stripeCustomerSchema, type StripeEventEnvelope } from './stripe-schemas';
import { parseObject } from './stripe-parse';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `customer.updated` matters only when the default payment method changed: that is how a customer who
 * fixes their card in the portal shows up, and it should prompt a retry like `payment_method.attached`.
 */
export function customerUpdatedEvent(envelope: StripeEventEnvelope, base: BillingEvent): NormalizeResult {
  const previous = envelope.data.previous_attributes?.invoice_settings;
  // A legacy integration changes `default_source` instead: the same news.
  const sourceChanged = Object.hasOwn(envelope.data.previous_attributes ?? {}, 'default_source');
  if (!sourceChanged && (!isRecord(previous) || !Object.hasOwn(previous, 'default_payment_method'))) {
    return ignored('customer.updated without a change of invoice_settings.default_payment_method or default_source');
  }
  return parseObject(stripeCustomerSchema, envelope, (customer, at) => {
    const current = customer.invoice_settings?.default_payment_method ?? (sourceChanged ? customer.default_source : undefined);
    // A removed default leaves nothing to retry with: no reason to wake a run.
    if (!current) return ignored('customer.updated removed the default payment method');
    const paymentMethod =
      typeof current === 'string'
        ? { id: current, customerId: customer.id, updatedAt: at }
        : { ...toPaymentMethodSnapshot(current, at), customerId: customer.id };
    return normalized({ ...base, customer: toCustomerSnapshot(customer, at), paymentMethod });
  });
}
