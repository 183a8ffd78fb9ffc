import { z } from 'zod';
import type { CustomerSnapshot, InvoiceSnapshot, PaymentMethodSnapshot, SubscriptionSnapshot } from '../../../domain/billing';
import {
  invoicePaymentCard,
  stripeCustomerSchema,
  stripeInvoiceSchema,
  stripePaymentMethodSchema,
  stripeSubscriptionSchema,
  toCustomerSnapshot,
  toInvoiceSnapshot,
  toPaymentMethodSnapshot,
  toSubscriptionSnapshot,
  zodIssues,
  type CardFacts,
} from '../../../domain/normalize';
import { BillingProviderError } from '../billing-provider';
import { BillingErrorType } from '../billing-errors';

/*
 * Objects read from the Stripe API → domain snapshots, through the same schemas and mappings as webhook
 * payloads (domain/normalize). Only what is particular to the adapter lives here: its `unpaid` emulation,
 * and that a response not matching the schema is an error rather than a snapshot with holes.
 */

/**
 * Stripe has no API to set a subscription to `unpaid`; the adapter pauses collection and leaves this
 * marker in the subscription's metadata (see StripeBillingProvider.markSubscriptionUnpaid).
 */
export const UNPAID_MARKER_KEY = 'dunning_state';
export const UNPAID_MARKER_VALUE = 'unpaid';

const subscriptionSchema = stripeSubscriptionSchema.extend({
  pause_collection: z.object({ behavior: z.string().nullish() }).nullish(),
});

/** What a successful `invoices.pay` reports: the status and the (expanded) payment. */
const paidInvoiceSchema = stripeInvoiceSchema.pick({ status: true, payment_intent: true, charge: true, payments: true });

/**
 * Parses an API answer. A mismatch (a field missing or of another type) is a broken contract that a
 * retry will not mend: it fails without retries and names the paths, never the values (customer data).
 */
function parse<S extends z.ZodType>(schema: S, object: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(object);
  if (parsed.success) return parsed.data;
  const issues = zodIssues(parsed.error).slice(0, 5).map((i) => `${i.path}: ${i.message}`);
  throw new BillingProviderError(`Stripe ${what} has an unexpected shape (${issues.join('; ')})`, BillingErrorType.InvalidResponse, false);
}

/** An invoice read from the API (either shape) as of `readAt`; an expanded subscription lends line intervals. */
export function invoiceSnapshot(invoice: unknown, readAt: number): InvoiceSnapshot {
  return toInvoiceSnapshot(parse(stripeInvoiceSchema, invoice, 'invoice'), readAt);
}

/** A subscription read from the API as of `readAt`; our `unpaid` emulation reads as Stripe's own `unpaid`. */
export function subscriptionSnapshot(subscription: unknown, readAt: number): SubscriptionSnapshot {
  const sub = parse(subscriptionSchema, subscription, 'subscription');
  const snapshot = toSubscriptionSnapshot(sub, readAt);
  const marked = sub.metadata?.[UNPAID_MARKER_KEY] === UNPAID_MARKER_VALUE && !!sub.pause_collection?.behavior;
  // Resumed by hand (no pause), or ended since: Stripe's own status wins.
  return marked && (sub.status === 'active' || sub.status === 'past_due') ? { ...snapshot, status: 'unpaid' } : snapshot;
}

/** A customer read from the API as of `readAt` (a deleted customer keeps only its id). */
export function customerSnapshot(customer: unknown, readAt: number): CustomerSnapshot {
  return toCustomerSnapshot(parse(stripeCustomerSchema, customer, 'customer'), readAt);
}

/** A payment method read from the API as of `readAt`. */
export function paymentMethodSnapshot(paymentMethod: unknown, readAt: number): PaymentMethodSnapshot {
  return toPaymentMethodSnapshot(parse(stripePaymentMethodSchema, paymentMethod, 'payment method'), readAt);
}

/** The status of an invoice `invoices.pay` returned, and the card of its payment when expanded. */
export function paidInvoice(invoice: unknown): { status: InvoiceSnapshot['status']; card: CardFacts } {
  const paid = parse(paidInvoiceSchema, invoice, 'invoice');
  return { status: paid.status, card: invoicePaymentCard(paid) };
}
