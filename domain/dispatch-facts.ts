import type { CustomerSnapshot, InvoiceSnapshot, SubjectType, SubscriptionSnapshot } from './billing';
import type { BillingEvent } from './billing-event';
import { compact } from './normalize/billing-enums';
import { customerIdOf, type EventRouting, type RunSubject } from './triggers';

/**
 * Pure decisions of the gateway's dispatcher: how provider reads complete an event's facts, when the
 * provider's own state says a trigger is stale (out-of-order delivery), and what an event is about.
 */

/** Current objects read from the billing provider; any may be missing (not found, not configured). */
export interface ProviderFacts {
  invoice?: InvoiceSnapshot;
  subscription?: SubscriptionSnapshot;
  customer?: CustomerSnapshot;
}

/**
 * Fills what the payload lacks, never overriding what it says: the payload is the object as it was when
 * the event happened. Stripe's 2025-03-31+ invoices carry no interval, and webhooks carry the customer
 * as an id (so no metadata).
 */
export function enrichEvent(event: BillingEvent, read: ProviderFacts): BillingEvent {
  const out: BillingEvent = { ...event };
  const sub = event.subscription;
  if (!sub && read.subscription) out.subscription = read.subscription;
  else if (sub && read.subscription && read.subscription.id === sub.id) {
    out.subscription = {
      ...sub,
      items: sub.items.length ? sub.items : read.subscription.items,
      interval: sub.interval ?? read.subscription.interval,
      intervalCount: sub.intervalCount ?? read.subscription.intervalCount,
    };
  }
  const customer = event.customer;
  if (!customer && read.customer) out.customer = read.customer;
  else if (customer && read.customer && read.customer.id === customer.id) {
    out.customer = {
      ...read.customer,
      ...compact(customer),
      metadata: Object.keys(customer.metadata).length ? customer.metadata : read.customer.metadata,
    };
  }
  return out;
}

/** Why an invoice trigger must not start anything, judged by the provider's current invoice, if at all. */
export function staleInvoiceReason(current: InvoiceSnapshot | undefined): string | undefined {
  if (!current) return undefined;
  // paid, void and uncollectible are terminal for dunning: an older "failed" or "finalized" means nothing now.
  if (current.status === 'paid' || current.status === 'void' || current.status === 'uncollectible') {
    return `invoice ${current.id} is already ${current.status} at the provider`;
  }
  return undefined;
}

/** What the event is about, for the event log: the trigger's subject, else its first signal target. */
export function eventSubject(event: BillingEvent, routing: EventRouting): RunSubject | undefined {
  if (routing.trigger) return routing.trigger.subject;
  const target = routing.signals[0]?.target;
  if (target) return { type: TARGET_SUBJECT[target.attribute], id: target.id };
  if (event.invoice) return { type: 'invoice', id: event.invoice.id };
  if (event.subscription) return { type: 'subscription', id: event.subscription.id };
  if (event.customer) return { type: 'customer', id: event.customer.id };
  return undefined;
}

const TARGET_SUBJECT: Record<'InvoiceId' | 'SubscriptionId' | 'CustomerId', SubjectType> = {
  InvoiceId: 'invoice',
  SubscriptionId: 'subscription',
  CustomerId: 'customer',
};

/**
 * The key under which a dispatcher applies events one after the other, in the order they were accepted: the
 * customer (whose invoices, subscriptions and payment methods the events of one dunning story concern), else
 * the subscription or the invoice. Events without one are independent of every other.
 */
export function orderingKey(event: BillingEvent): string | undefined {
  const customerId = customerIdOf(event);
  if (customerId) return `customer:${customerId}`;
  const subscriptionId = event.subscription?.id ?? event.invoice?.subscriptionId;
  if (subscriptionId) return `subscription:${subscriptionId}`;
  return event.invoice ? `invoice:${event.invoice.id}` : undefined;
}
