import type { BillingEvent } from '../../../domain/billing-event';
import { normalizeStripeEvent } from '../../../domain/normalize';
import { stripeEvent, stripeFixture, type StripeEventOptions, type StripeShape } from '../../../testkit/stripe-events';

const SHAPES: StripeShape[] = ['legacy', 'current'];
const AT = 1_767_225_600;

function normalize(type: string, options: StripeEventOptions = {}): BillingEvent {
  const result = normalizeStripeEvent(stripeEvent(type, { created: AT, ...options }));
  if (result.status !== 'normalized') throw new Error(`expected normalized, got ${JSON.stringify(result)}`);
  return result.event;
}

describe('subscription events', () => {
  it.each(SHAPES)('customer.subscription.deleted → subscription_canceled (%s)', (shape) => {
    const e = normalize('customer.subscription.deleted', {
      shape, interval: 'year', ids: { subscription: 'sub_1', customer: 'cus_1' }, subscription: { metadata: { plan: 'pro' } },
    });
    expect(e.kind).toBe('subscription_canceled');
    expect(e.subscription).toStrictEqual({
      id: 'sub_1', customerId: 'cus_1', status: 'canceled', metadata: { plan: 'pro' }, defaultPaymentMethodId: 'pm_1Pgc75B7WZ01zgkWlHVgdEGJ',
      items: [{ priceId: 'price_1PgafmB7WZ01zgkW6dKueIc5', productId: 'prod_QXg1hqf4jFNsqG', interval: 'year', intervalCount: 1 }],
      interval: 'year', intervalCount: 1, currentPeriodEnd: Date.UTC(2026, 11, 31, 23) , canceledAt: AT * 1000,
      cancellationReason: 'cancellation_requested', updatedAt: AT * 1000,
    });
    expect(e).not.toHaveProperty('customer'); // the webhook carries only the customer id
  });

  it('gives the same domain event for both shapes (period end on the subscription vs on its items)', () => {
    const legacy = normalize('customer.subscription.updated', { shape: 'legacy', id: 'evt_s' });
    const current = normalize('customer.subscription.updated', { shape: 'current', id: 'evt_s' });
    expect(legacy.subscription?.currentPeriodEnd).toBeDefined();
    expect(current).toStrictEqual(legacy);
  });

  it('customer.subscription.updated → subscription_updated with the new status', () => {
    const e = normalize('customer.subscription.updated', { subscription: { status: 'past_due' } });
    expect(e).toMatchObject({ kind: 'subscription_updated', subscription: { status: 'past_due' } });
  });

  it('takes the earliest item period end when items renew at different times (current)', () => {
    const event = stripeEvent('customer.subscription.updated', { shape: 'current', created: AT });
    const [item] = event.data.object.items.data;
    const earlier = item.current_period_end - 86_400 * 20;
    event.data.object.items.data.push({ ...item, id: 'si_weekly', current_period_end: earlier });
    const result = normalizeStripeEvent(event);
    expect(result.status === 'normalized' && result.event.subscription?.currentPeriodEnd).toBe(earlier * 1000);
  });

  it('keeps an expanded customer', () => {
    const event = stripeEvent('customer.subscription.deleted', { created: AT });
    event.data.object.customer = { ...stripeFixture('current', 'customer'), email: 'x@acme.io', metadata: { seg: 'smb' } };
    const result = normalizeStripeEvent(event);
    expect(result.status === 'normalized' && result.event.customer).toMatchObject({ email: 'x@acme.io', metadata: { seg: 'smb' } });
  });
});

describe('customer events', () => {
  it.each(SHAPES)('customer.created → customer_created (%s)', (shape) => {
    const e = normalize('customer.created', { shape, customer: { id: 'cus_new', metadata: { source: 'web' }, email: 'j@acme.io' } });
    expect(e).toMatchObject({ kind: 'customer_created' });
    expect(e.customer).toStrictEqual({ id: 'cus_new', email: 'j@acme.io', name: 'Jenny Rosen', metadata: { source: 'web' }, updatedAt: AT * 1000 });
  });

  it('falls back to the legacy default card source for the default payment method', () => {
    const e = normalize('customer.created', { customer: { default_source: 'card_1Legacy', invoice_settings: { default_payment_method: null } } });
    expect(e.customer?.defaultPaymentMethodId).toBe('card_1Legacy');
  });

  it.each(SHAPES)('customer.updated with a new default payment method → payment_method_updated (%s)', (shape) => {
    const e = normalize('customer.updated', { shape, ids: { customer: 'cus_1', paymentMethod: 'pm_new' } });
    expect(e.kind).toBe('payment_method_updated');
    expect(e.paymentMethod).toStrictEqual({ id: 'pm_new', customerId: 'cus_1', updatedAt: AT * 1000 });
    expect(e.customer).toMatchObject({ id: 'cus_1', defaultPaymentMethodId: 'pm_new' });
  });

  it('takes card facts from an expanded default payment method', () => {
    const event = stripeEvent('customer.updated', { created: AT });
    event.data.object.invoice_settings.default_payment_method = stripeFixture('current', 'payment_method');
    const result = normalizeStripeEvent(event);
    expect(result.status === 'normalized' && result.event.paymentMethod).toMatchObject({
      id: 'pm_1Pgc75B7WZ01zgkWlHVgdEGJ', customerId: 'cus_QXg1o8vcGmoR32', cardBrand: 'visa', fingerprint: 'AOB934RVNwzk6xtn',
    });
  });

  it('ignores customer.updated that did not change the default payment method', () => {
    const result = normalizeStripeEvent(stripeEvent('customer.updated', { previousAttributes: { email: 'old@acme.io' } }));
    expect(result).toEqual({ status: 'ignored', reason: expect.stringContaining('default_payment_method') });
  });

  it('ignores customer.updated that removed the default payment method', () => {
    const event = stripeEvent('customer.updated', { previousAttributes: { invoice_settings: { default_payment_method: 'pm_old' } } });
    event.data.object.invoice_settings.default_payment_method = null;
    expect(normalizeStripeEvent(event)).toEqual({ status: 'ignored', reason: expect.stringContaining('removed') });
  });
});

describe.each(['payment_method.attached', 'payment_method.updated', 'payment_method.automatically_updated'])('%s', (type) => {
  it.each(SHAPES)('→ payment_method_updated with card facts (%s)', (shape) => {
    const e = normalize(type, { shape, ids: { paymentMethod: 'pm_2', customer: 'cus_2' }, card: { brand: 'amex', fingerprint: 'fp_9', last4: '0005' } });
    expect(e.kind).toBe('payment_method_updated');
    expect(e.paymentMethod).toStrictEqual({
      id: 'pm_2', customerId: 'cus_2', cardBrand: 'amex', last4: '0005', fingerprint: 'fp_9', expMonth: 8, expYear: 2030, createdAt: 1767139200000, updatedAt: AT * 1000,
    });
  });
});
