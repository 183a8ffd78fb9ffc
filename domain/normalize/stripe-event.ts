import type { BillingEvent, BillingEventKind } from '../billing-event';
import { compact, dueDays, isDueDateKind, secondsToMs } from './billing-enums';
import { ignored, invalid, invalidFromZod, normalized, type NormalizeResult } from './normalize-result';
import { parseObject } from './stripe-parse';
import { toAttemptFacts, toInvoiceSnapshot } from './stripe-invoice';
import { toCustomerSnapshot, toPaymentMethodSnapshot, toSubscriptionSnapshot } from './stripe-objects';
import {
  stripeCustomerSchema,
  stripeEventEnvelopeSchema,
  stripeInvoiceSchema,
  stripePaymentMethodSchema,
  stripeSubscriptionSchema,
  type StripeEventEnvelope,
} from './stripe-schemas';
import { customerUpdatedEvent } from './stripe-customer-updated';
import { cardSourceEvent } from './stripe-card-source';

/** The Stripe event types we turn into domain events, and the kind each becomes (the webhook's `enabled_events`). */
export const STRIPE_EVENT_KINDS = {
  'invoice.payment_failed': 'invoice_payment_failed',
  'invoice.paid': 'invoice_paid',
  'invoice.payment_succeeded': 'invoice_paid',
  'invoice.voided': 'invoice_voided',
  'invoice.marked_uncollectible': 'invoice_marked_uncollectible',
  'invoice.finalized': 'invoice_finalized',
  'invoice.updated': 'invoice_updated',
  'invoice.overdue': 'invoice_overdue',
  'invoice.will_be_due': 'invoice_due_date_upcoming',
  'customer.subscription.deleted': 'subscription_canceled',
  'customer.subscription.updated': 'subscription_updated',
  'customer.subscription.paused': 'subscription_updated',
  'customer.created': 'customer_created',
  'customer.updated': 'payment_method_updated',
  'payment_method.attached': 'payment_method_updated',
  'payment_method.updated': 'payment_method_updated',
  'payment_method.automatically_updated': 'payment_method_updated',
  'customer.source.updated': 'payment_method_updated',
  'customer.source.expiring': 'payment_method_expiring',
} as const satisfies Record<string, BillingEventKind>;

/** A Stripe event type this normalizer handles. */
export type HandledStripeEventType = keyof typeof STRIPE_EVENT_KINDS;

type Handler = (envelope: StripeEventEnvelope, base: BillingEvent) => NormalizeResult;

const invoiceEvent: Handler = (envelope, base) =>
  parseObject(stripeInvoiceSchema, envelope, (invoice, at) => {
    const event: BillingEvent = {
      ...base,
      invoice: toInvoiceSnapshot(invoice, at),
      // Webhooks send the customer as an id; the invoice keeps a copy of the email and name.
      customer: toCustomerSnapshot(invoice.customer, at, { email: invoice.customer_email, name: invoice.customer_name }),
    };
    if (base.kind === 'invoice_payment_failed') event.attempt = toAttemptFacts(invoice);
    if (isDueDateKind(base.kind)) {
      if (!invoice.due_date) return invalid('data.object.due_date', `required for ${envelope.type}`);
      event.days = dueDays(base.kind, secondsToMs(invoice.due_date), at);
    }
    return normalized(event);
  });

const subscriptionEvent: Handler = (envelope, base) =>
  parseObject(stripeSubscriptionSchema, envelope, (sub, at) => {
    const customer = typeof sub.customer === 'string' ? undefined : toCustomerSnapshot(sub.customer, at);
    return normalized(compact({ ...base, subscription: toSubscriptionSnapshot(sub, at), customer }));
  });

const customerCreated: Handler = (envelope, base) =>
  parseObject(stripeCustomerSchema, envelope, (customer, at) =>
    normalized({ ...base, customer: toCustomerSnapshot(customer, at) }),
  );

const paymentMethodEvent: Handler = (envelope, base) =>
  parseObject(stripePaymentMethodSchema, envelope, (pm, at) =>
    normalized({ ...base, paymentMethod: toPaymentMethodSnapshot(pm, at) }),
  );

const HANDLERS = new Map<string, Handler>(
  Object.keys(STRIPE_EVENT_KINDS).map((type): [string, Handler] => {
    if (type === 'customer.updated') return [type, customerUpdatedEvent];
    if (type === 'customer.created') return [type, customerCreated];
    if (type.startsWith('customer.source.')) return [type, cardSourceEvent];
    if (type.startsWith('invoice.')) return [type, invoiceEvent];
    if (type.startsWith('customer.subscription.')) return [type, subscriptionEvent];
    return [type, paymentMethodEvent];
  }),
);

/**
 * Turns a Stripe webhook Event (either invoice shape) into the domain event. Unhandled types are ignored
 * before anything else is checked: Stripe expects a 2xx for them, and thin (v2) events differ in shape.
 */
export function normalizeStripeEvent(event: unknown): NormalizeResult {
  const type = typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined;
  if (typeof type === 'string' && !HANDLERS.has(type)) return ignored(`Stripe event type "${type}" is not handled`);
  const envelope = stripeEventEnvelopeSchema.safeParse(event);
  if (!envelope.success) return invalidFromZod(envelope.error);
  const kind = STRIPE_EVENT_KINDS[envelope.data.type as HandledStripeEventType];
  const base: BillingEvent = compact({
    id: envelope.data.id,
    provider: 'stripe' as const,
    kind,
    occurredAt: secondsToMs(envelope.data.created),
    livemode: envelope.data.livemode,
  });
  return HANDLERS.get(envelope.data.type)!(envelope.data, base);
}
