import {
  customerSnapshot,
  invoiceSnapshot,
  paidInvoice,
  paymentMethodSnapshot,
  subscriptionSnapshot,
} from '../../providers/billing/stripe/stripe-mapping';
import { stripeFixture } from '../../testkit/stripe-fixtures';

// API objects go through the same schemas and mappings as webhook payloads (domain/normalize); these
// check what the provider reads, as of a read time (Stripe keeps no last-modified time).
const READ_AT = 1_700_000_500_000;
const toInvoiceSnapshot = (invoice: object) => invoiceSnapshot(invoice, READ_AT);
const toSubscriptionSnapshot = (sub: object) => subscriptionSnapshot(sub, READ_AT);
const toCustomerSnapshot = (customer: object) => customerSnapshot(customer, READ_AT);
const toPaymentMethodSnapshot = (pm: object) => paymentMethodSnapshot(pm, READ_AT);

// The fixtures are generated examples (a draft one-off invoice); these turn them into the renewal invoice of
// a monthly subscription, written in each API shape, so both shapes must give one and the same snapshot.
function renewalInvoice(shape: 'legacy' | 'current') {
  const inv = stripeFixture(shape, 'invoice');
  Object.assign(inv, {
    status: 'open', number: 'INV-0042', attempt_count: 1, amount_due: 4900, amount_remaining: 4900,
    hosted_invoice_url: 'https://invoice.stripe.com/i/acct_1/test', metadata: { plan: 'pro' },
    status_transitions: { finalized_at: 1_700_000_100, paid_at: null, voided_at: null, marked_uncollectible_at: null },
    created: 1_700_000_000,
  });
  const line = inv.lines.data[0];
  if (shape === 'legacy') {
    inv.subscription = 'sub_1Pgc6rB7WZ01zgkWNy0Cn5nw';
    line.price = { ...line.price, type: 'recurring', recurring: { interval: 'month', interval_count: 1 } };
  } else {
    inv.parent = { type: 'subscription_details', quote_details: null, subscription_details: { metadata: {}, subscription: 'sub_1Pgc6rB7WZ01zgkWNy0Cn5nw' } };
    line.pricing = { type: 'price_details', price_details: { price: 'price_1PgafmB7WZ01zgkW02Hf9z6c', product: 'prod_QXg1hqf4jFNsqG' }, unit_amount_decimal: '4900' };
  }
  return inv;
}

describe('toInvoiceSnapshot', () => {
  it('maps the legacy fixture (invoice.subscription, lines.data[].price)', () => {
    const snap = toInvoiceSnapshot(stripeFixture('legacy', 'invoice'));
    expect(snap).toMatchObject({
      id: 'in_1Pgc6tB7WZ01zgkWu9fdqL6I', customerId: 'cus_QXg1o8vcGmoR32', status: 'draft',
      collectionMethod: 'charge_automatically', amountDue: 1000, currency: 'usd', dueDate: 1_234_567_890_000, attemptCount: 0,
    });
    // A one-time price: no interval (the key is left out, as in every snapshot).
    expect(snap.lines).toEqual([{ priceId: 'price_1PgafmB7WZ01zgkW02Hf9z6c', productId: 'prod_QXg1hqf4jFNsqG' }]);
    expect(snap.subscriptionId).toBeUndefined(); // `subscription: null` in a one-off invoice
  });

  it('maps the current fixture (invoice.parent.subscription_details)', () => {
    const snap = toInvoiceSnapshot(stripeFixture('current', 'invoice'));
    expect(snap).toMatchObject({ id: 'in_1Pgc6tB7WZ01zgkWu9fdqL6I', customerId: 'cus_QXg1o8vcGmoR32', subscriptionId: 'subscription' });
    expect(snap.lines).toEqual([]); // the fixture's pricing has no price_details: nothing priced to report
  });

  it('gives the same snapshot for the same renewal invoice in both shapes', () => {
    const legacy = toInvoiceSnapshot(renewalInvoice('legacy'));
    const current = toInvoiceSnapshot(renewalInvoice('current'));
    expect(legacy).toMatchObject({
      subscriptionId: 'sub_1Pgc6rB7WZ01zgkWNy0Cn5nw', status: 'open', number: 'INV-0042', attemptCount: 1,
      amountRemaining: 4900, metadata: { plan: 'pro' }, updatedAt: READ_AT,
      lines: [{ priceId: 'price_1PgafmB7WZ01zgkW02Hf9z6c', productId: 'prod_QXg1hqf4jFNsqG', interval: 'month', intervalCount: 1 }],
    });
    // Current-shape lines carry no interval: equal once the subscription is expanded (next test).
    expect({ ...current, lines: [] }).toEqual({ ...legacy, lines: [] });
    expect(current.lines[0]).toMatchObject({ priceId: 'price_1PgafmB7WZ01zgkW02Hf9z6c', productId: 'prod_QXg1hqf4jFNsqG' });
  });

  it('takes line intervals from an expanded subscription in the current shape', () => {
    const inv = renewalInvoice('current');
    const sub = stripeFixture('current', 'subscription');
    sub.items.data[0].price.id = 'price_1PgafmB7WZ01zgkW02Hf9z6c';
    inv.parent.subscription_details.subscription = sub;
    const snap = toInvoiceSnapshot(inv);
    expect(snap.subscriptionId).toBe('sub_1Pgc6rB7WZ01zgkWNy0Cn5nw');
    expect(snap.lines[0]).toMatchObject({ interval: 'month', intervalCount: 1 });
    expect(snap).toEqual(toInvoiceSnapshot(renewalInvoice('legacy')));
  });

  it('lists each price once and finds the subscription on a line when the invoice has no parent (current)', () => {
    const inv = renewalInvoice('current');
    inv.lines.data.push(structuredClone(inv.lines.data[0])); // a proration pair repeats the price
    inv.parent = null;
    inv.lines.data[0].parent = { type: 'subscription_item_details', subscription_item_details: { subscription: 'sub_from_line' } };
    const snap = toInvoiceSnapshot(inv);
    expect(snap.subscriptionId).toBe('sub_from_line');
    expect(snap.lines).toEqual([{ priceId: 'price_1PgafmB7WZ01zgkW02Hf9z6c', productId: 'prod_QXg1hqf4jFNsqG' }]);
  });
});

describe('toSubscriptionSnapshot', () => {
  it('reads the period end at the top level (legacy) or on the items (current)', () => {
    const legacy = toSubscriptionSnapshot(stripeFixture('legacy', 'subscription'));
    const current = toSubscriptionSnapshot(stripeFixture('current', 'subscription'));
    expect(legacy).toMatchObject({
      id: 'sub_1Pgc6rB7WZ01zgkWNy0Cn5nw', customerId: 'cus_QXg1o8vcGmoR32', status: 'active', interval: 'month',
      intervalCount: 1, currentPeriodEnd: 1_234_567_890_000, canceledAt: 1_234_567_890_000,
      items: [{ priceId: 'price_1PgafmB7WZ01zgkW6dKueIc5', productId: 'prod_QXg1hqf4jFNsqG', interval: 'month' }],
    });
    expect(current).toMatchObject({ status: 'active', interval: 'month', currentPeriodEnd: 976_287_773_000 });
  });

  it('reports our mark-unpaid emulation as unpaid, and only with collection paused', () => {
    const sub = stripeFixture('current', 'subscription');
    sub.status = 'past_due';
    sub.metadata = { dunning_state: 'unpaid' };
    expect(toSubscriptionSnapshot(sub).status).toBe('unpaid');
    sub.pause_collection = null; // resumed by hand: Stripe's own status again
    expect(toSubscriptionSnapshot(sub).status).toBe('past_due');
  });

  it('keeps canceled and the cancellation reason', () => {
    const sub = stripeFixture('legacy', 'subscription');
    Object.assign(sub, { status: 'canceled', cancellation_details: { reason: 'payment_failed' } });
    expect(toSubscriptionSnapshot(sub)).toMatchObject({ status: 'canceled', cancellationReason: 'payment_failed' });
  });
});

describe('customers and payment methods', () => {
  it('maps a customer with its default payment method', () => {
    const cus = stripeFixture('current', 'customer');
    Object.assign(cus, { email: 'ada@example.com', name: 'Ada', metadata: { tier: 'gold' } });
    cus.invoice_settings.default_payment_method = 'pm_1Pgc75B7WZ01zgkWlHVgdEGJ';
    expect(toCustomerSnapshot(cus)).toEqual({
      id: 'cus_QXg1o8vcGmoR32', email: 'ada@example.com', name: 'Ada', metadata: { tier: 'gold' },
      defaultPaymentMethodId: 'pm_1Pgc75B7WZ01zgkWlHVgdEGJ', updatedAt: READ_AT,
    });
    expect(toCustomerSnapshot({ id: 'cus_gone', object: 'customer', deleted: true })).toEqual({ id: 'cus_gone', metadata: {}, updatedAt: READ_AT });
  });

  it('maps a card payment method with the fingerprint the network cap counts', () => {
    for (const shape of ['legacy', 'current'] as const) {
      expect(toPaymentMethodSnapshot(stripeFixture(shape, 'payment_method'))).toEqual({
        id: 'pm_1Pgc75B7WZ01zgkWlHVgdEGJ', customerId: undefined, cardBrand: 'visa', last4: '4242', fingerprint: 'AOB934RVNwzk6xtn',
        expMonth: 8, expYear: shape === 'legacy' ? 2025 : 2030, createdAt: 1234567890000, updatedAt: READ_AT,
      });
    }
  });

  it('finds the charged payment method in either invoice shape', () => {
    const pm = stripeFixture('current', 'payment_method');
    const card = { paymentMethodId: pm.id, cardBrand: 'visa', cardFingerprint: 'AOB934RVNwzk6xtn' };
    const intent = { ...stripeFixture('current', 'payment_intent'), payment_method: pm };
    const current = { status: 'paid', payments: { data: [{ is_default: true, payment: { type: 'payment_intent', payment_intent: intent } }] } };
    expect(paidInvoice(current)).toEqual({ status: 'paid', card });
    expect(paidInvoice({ status: 'paid', payment_intent: { id: 'pi_1', payment_method: pm } }).card).toEqual(card);
    expect(paidInvoice({ status: 'paid', payment_intent: 'pi_1' }).card).toEqual({}); // not expanded
  });
});
