/**
 * Provider payloads → domain `BillingEvent`: Stripe webhooks (both invoice shapes) and generic events.
 * The Stripe schemas and `to*Snapshot` mappings also serve the Stripe billing provider's API reads.
 */
export * from './normalize-result';
export { normalizeStripeEvent, STRIPE_EVENT_KINDS, type HandledStripeEventType } from './stripe-event';
export {
  toInvoiceSnapshot,
  toAttemptFacts,
  invoiceSubscriptionId,
  invoicePaymentCard,
  paymentCard,
  type CardFacts,
  type StripeInvoicePayments,
} from './stripe-invoice';
export * from './stripe-schemas';
export { toCustomerSnapshot, toPaymentMethodSnapshot, toSubscriptionSnapshot } from './stripe-objects';
export * from './generic-event';
