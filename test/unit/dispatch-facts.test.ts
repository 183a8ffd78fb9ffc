import type { BillingEvent } from '../../domain/billing-event';
import { enrichEvent, eventSubject, orderingKey, staleInvoiceReason } from '../../domain/dispatch-facts';
import { routeEvent } from '../../domain/triggers';

const invoice = { id: 'in_1', customerId: 'cus_1', subscriptionId: 'sub_1', status: 'open' as const, collectionMethod: 'charge_automatically' as const,
  amountDue: 2000, amountRemaining: 2000, currency: 'usd', attemptCount: 1, metadata: {}, lines: [{ priceId: 'price_1', productId: 'prod_1' }] };
const failed: BillingEvent = { id: 'evt_1', provider: 'stripe', kind: 'invoice_payment_failed', occurredAt: 1, invoice,
  customer: { id: 'cus_1', email: 'a@example.com', metadata: {} }, attempt: { number: 1 } };
const subscription = { id: 'sub_1', customerId: 'cus_1', status: 'past_due' as const, interval: 'year' as const, intervalCount: 1,
  items: [{ priceId: 'price_1', productId: 'prod_1', interval: 'year' as const }], metadata: {} };

describe('enrichEvent', () => {
  it('adds the subscription and the customer metadata the payload lacks, keeping what the payload says', () => {
    const read = { subscription, customer: { id: 'cus_1', email: 'old@example.com', name: 'Jenny', metadata: { plan: 'gold' } } };
    const out = enrichEvent(failed, read);
    expect(out.subscription).toEqual(subscription);
    expect(out.customer).toEqual({ id: 'cus_1', email: 'a@example.com', name: 'Jenny', metadata: { plan: 'gold' } });
    expect(out.invoice).toBe(invoice);
  });

  it('fills only the interval of a subscription the payload carries, and ignores reads about other objects', () => {
    const own = { ...subscription, interval: undefined, status: 'canceled' as const };
    expect(enrichEvent({ ...failed, subscription: own }, { subscription }).subscription).toMatchObject({ status: 'canceled', interval: 'year' });
    expect(enrichEvent(failed, { customer: { id: 'cus_other', metadata: { plan: 'x' } } }).customer?.metadata).toEqual({});
  });
});

describe('staleInvoiceReason', () => {
  it.each(['paid', 'void', 'uncollectible'] as const)('says a %s invoice starts nothing', (status) => {
    expect(staleInvoiceReason({ ...invoice, status })).toContain(status);
  });
  it('lets an open invoice, or an unknown one, through', () => {
    expect(staleInvoiceReason(invoice)).toBeUndefined();
    expect(staleInvoiceReason(undefined)).toBeUndefined();
  });
});

describe('eventSubject', () => {
  it('is the trigger subject, else the signal target, else the first object', () => {
    expect(eventSubject(failed, routeEvent(failed, 86_400_000))).toEqual({ type: 'invoice', id: 'in_1' });
    const pm: BillingEvent = { id: 'e', provider: 'stripe', kind: 'payment_method_updated', occurredAt: 1, paymentMethod: { id: 'pm_1', customerId: 'cus_9' } };
    expect(eventSubject(pm, routeEvent(pm, 86_400_000))).toEqual({ type: 'customer', id: 'cus_9' });
    const updated: BillingEvent = { id: 'e', provider: 'stripe', kind: 'subscription_updated', occurredAt: 1, subscription };
    expect(eventSubject(updated, routeEvent(updated, 86_400_000))).toEqual({ type: 'subscription', id: 'sub_1' });
  });
});

describe('orderingKey', () => {
  it('orders the events of one customer together, else of one subscription or invoice', () => {
    const paid: BillingEvent = { id: 'e2', provider: 'stripe', kind: 'invoice_paid', occurredAt: 2, invoice };
    const canceled: BillingEvent = { id: 'e3', provider: 'stripe', kind: 'subscription_canceled', occurredAt: 3, subscription };
    expect([failed, paid, canceled].map(orderingKey)).toEqual(['customer:cus_1', 'customer:cus_1', 'customer:cus_1']);
    const orphan: BillingEvent = { id: 'e4', provider: 'generic', kind: 'invoice_paid', occurredAt: 4, invoice: { ...invoice, customerId: undefined as never, subscriptionId: undefined } };
    expect(orderingKey(orphan)).toBe('invoice:in_1');
    expect(orderingKey({ ...orphan, invoice: { ...orphan.invoice!, subscriptionId: 'sub_2' } })).toBe('subscription:sub_2');
    expect(orderingKey({ id: 'e5', provider: 'generic', kind: 'customer_created', occurredAt: 5 } as BillingEvent)).toBeUndefined();
  });
});
