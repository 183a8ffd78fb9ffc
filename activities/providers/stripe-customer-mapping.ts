import type { CustomerSnapshot, PaymentMethodSnapshot } from '../../domain/billing';
import {
  idOf,
  type StripeCustomerLike,
  type StripeInvoiceLike,
  type StripePaymentIntentLike,
  type StripePaymentMethodLike,
} from './stripe-objects';

const orUndefined = <T>(value: T | null | undefined) => value ?? undefined;

/** Maps a Stripe customer; a deleted customer keeps only its id. */
export function toCustomerSnapshot(customer: StripeCustomerLike): CustomerSnapshot {
  return {
    id: customer.id ?? '',
    email: orUndefined(customer.email),
    name: orUndefined(customer.name),
    metadata: { ...customer.metadata },
    defaultPaymentMethodId: idOf(customer.invoice_settings?.default_payment_method) ?? idOf(customer.default_source),
  };
}

/** Maps a Stripe payment method (or legacy card source); the fingerprint identifies the physical card. */
export function toPaymentMethodSnapshot(pm: StripePaymentMethodLike): PaymentMethodSnapshot {
  return {
    id: pm.id ?? '',
    customerId: idOf(pm.customer),
    cardBrand: orUndefined(pm.card?.brand),
    last4: orUndefined(pm.card?.last4),
    fingerprint: orUndefined(pm.card?.fingerprint),
  };
}

/** The payment method of the invoice's latest payment, when expanded (legacy `payment_intent`, 2025+ `payments`). */
export function invoicePaymentMethod(invoice: StripeInvoiceLike): StripePaymentMethodLike | string | undefined {
  const payments = invoice.payments?.data ?? [];
  const intent: StripePaymentIntentLike | string | null | undefined =
    (payments.find((p) => p.is_default) ?? payments[0])?.payment?.payment_intent ?? invoice.payment_intent;
  return typeof intent === 'object' && intent ? (intent.payment_method ?? undefined) : undefined;
}
