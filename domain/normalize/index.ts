/** Provider payloads → domain `BillingEvent`: Stripe webhooks (both invoice shapes) and generic events. */
export * from './normalize-result';
export { normalizeStripeEvent, STRIPE_EVENT_KINDS, type HandledStripeEventType } from './stripe-event';
export { toInvoiceSnapshot, toAttemptFacts, invoiceSubscriptionId } from './stripe-invoice';
export * from './stripe-schemas';
export { toCustomerSnapshot, toPaymentMethodSnapshot, toSubscriptionSnapshot } from './stripe-objects';
export * from './generic-event';
