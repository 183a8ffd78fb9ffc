import { readdirSync } from 'node:fs';
import path from 'node:path';
import { newStripeIds, stripeEvent } from '../../../testkit/stripe-events';

describe('stripeEvent builder', () => {
  it('builds a complete webhook envelope', () => {
    const event = stripeEvent('invoice.payment_failed', { id: 'evt_1', created: 1_767_225_600 });
    expect(event).toEqual({
      id: 'evt_1', object: 'event', api_version: '2026-07-29.dahlia', created: 1_767_225_600, livemode: false,
      pending_webhooks: 1, request: { id: null, idempotency_key: null }, type: 'invoice.payment_failed',
      data: { object: expect.objectContaining({ object: 'invoice' }) },
    });
    expect(stripeEvent('payment_method.attached').request.id).toMatch(/^req_/);
  });

  it('gives each event a fresh id unless told', () => {
    expect(stripeEvent('invoice.paid').id).not.toBe(stripeEvent('invoice.paid').id);
    expect(newStripeIds().invoice).not.toBe(newStripeIds().invoice);
  });

  it('writes the legacy invoice shape: subscription, charge, price and plan on lines, no parent', () => {
    const invoice = stripeEvent('invoice.payment_failed', { shape: 'legacy', interval: 'year', ids: { subscription: 'sub_1' } }).data.object;
    expect(invoice).toMatchObject({ subscription: 'sub_1', charge: expect.stringMatching(/^ch_/), payment_intent: expect.stringMatching(/^pi_/), paid: false });
    expect(invoice).not.toHaveProperty('parent');
    const line = invoice.lines.data[0];
    expect(line).toMatchObject({ type: 'subscription', price: { recurring: { interval: 'year' } }, plan: { interval: 'year' }, subscription: 'sub_1' });
    expect(line).not.toHaveProperty('pricing');
    expect(line).not.toHaveProperty('parent');
  });

  it('writes the current invoice shape: parent and pricing, none of the removed fields', () => {
    const invoice = stripeEvent('invoice.payment_failed', { shape: 'current', ids: { subscription: 'sub_1', product: 'prod_1' } }).data.object;
    expect(invoice.parent).toEqual({ type: 'subscription_details', quote_details: null, subscription_details: { metadata: {}, subscription: 'sub_1' } });
    for (const removed of ['subscription', 'subscription_details', 'charge', 'payment_intent', 'paid', 'paid_out_of_band', 'payments']) {
      expect(invoice).not.toHaveProperty(removed);
    }
    const line = invoice.lines.data[0];
    expect(line.pricing.price_details).toEqual({ price: 'price_1PgafmB7WZ01zgkW6dKueIc5', product: 'prod_1' });
    expect(line.parent).toMatchObject({ type: 'subscription_item_details', invoice_item_details: null, subscription_item_details: { subscription: 'sub_1' } });
    expect(line).not.toHaveProperty('price');
    expect(line).not.toHaveProperty('plan');
  });

  it('expands the payment intent only when a decline code is asked for', () => {
    const legacy = stripeEvent('invoice.payment_failed', { shape: 'legacy', declineCode: 'lost_card' }).data.object;
    const current = stripeEvent('invoice.payment_failed', { shape: 'current', declineCode: 'lost_card' }).data.object;
    expect(legacy.payment_intent.last_payment_error).toMatchObject({ decline_code: 'lost_card', payment_method: { object: 'payment_method' } });
    expect(current.payments.data[0].payment.payment_intent.last_payment_error.decline_code).toBe('lost_card');
    expect(current.payments.data[0].payment.payment_intent).not.toHaveProperty('invoice'); // removed in 2025-03-31
  });

  it('puts the subscription period on the subscription (legacy) or its items (current)', () => {
    const legacy = stripeEvent('customer.subscription.updated', { shape: 'legacy' }).data.object;
    const current = stripeEvent('customer.subscription.updated', { shape: 'current' }).data.object;
    expect(legacy.current_period_end).toBe(addMonth(legacy.current_period_start));
    expect(legacy.items.data[0]).not.toHaveProperty('current_period_end');
    expect(current).not.toHaveProperty('current_period_end');
    expect(current.items.data[0].current_period_end).toBe(legacy.current_period_end);
  });

  it('keeps amounts, currency and status coherent with the event type', () => {
    const paid = stripeEvent('invoice.paid', { currency: 'eur', invoice: { amount_due: 5000 } }).data.object;
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 5000, amount_remaining: 0, currency: 'eur', total: 5000 });
    expect(paid.lines.data[0]).toMatchObject({ amount: 5000, currency: 'eur' });
    const overdue = stripeEvent('invoice.overdue', { created: 1_000_000 }).data.object;
    expect(overdue).toMatchObject({ collection_method: 'send_invoice', due_date: 1_000_000 - 3 * 86_400 });
  });

  it('applies overrides last, deleting fields set to undefined', () => {
    const invoice = stripeEvent('invoice.paid', { invoice: { status: 'open', customer: undefined, extra: 1 } }).data.object;
    expect(invoice.status).toBe('open');
    expect(invoice).not.toHaveProperty('customer');
    expect(invoice.extra).toBe(1);
  });

  it('builds a one-off invoice without any subscription reference', () => {
    const legacy = stripeEvent('invoice.finalized', { shape: 'legacy', subscription: false }).data.object;
    const current = stripeEvent('invoice.finalized', { shape: 'current', subscription: false }).data.object;
    expect(legacy.subscription).toBeNull();
    expect(legacy.lines.data[0]).toMatchObject({ type: 'invoiceitem', plan: null, price: { type: 'one_time', recurring: null } });
    expect(current.parent).toBeNull();
    expect(current.lines.data[0].parent.subscription_item_details).toBeNull();
  });

  it('reads fixtures from the copy inside the repository', () => {
    const dir = path.resolve(__dirname, '../../../testkit/fixtures/stripe');
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'SOURCE.json', 'current', 'legacy']);
    expect(readdirSync(path.join(dir, 'current'))).toEqual(readdirSync(path.join(dir, 'legacy')));
  });
});

function addMonth(seconds: number): number {
  const d = new Date(seconds * 1000);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.getTime() / 1000;
}
