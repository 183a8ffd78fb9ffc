import type { BillingEvent } from '../../../domain/billing-event';
import { normalizeStripeEvent } from '../../../domain/normalize';
import { stripeEvent, stripeFixture, type StripeEventOptions, type StripeShape } from '../../../testkit/stripe-events';

const SHAPES: StripeShape[] = ['legacy', 'current'];

function normalize(type: string, options: StripeEventOptions = {}): BillingEvent {
  const result = normalizeStripeEvent(stripeEvent(type, options));
  if (result.status !== 'normalized') throw new Error(`expected normalized, got ${JSON.stringify(result)}`);
  return result.event;
}

/** The current shape does not carry the price's interval: it comes from enrichment, so compare without it. */
const withoutIntervals = (e: BillingEvent): BillingEvent => ({
  ...e,
  invoice: e.invoice && { ...e.invoice, lines: e.invoice.lines.map(({ priceId, productId }) => ({ priceId, productId })) },
});

describe.each([
  ['invoice.payment_failed', 'invoice_payment_failed', 'open'],
  ['invoice.paid', 'invoice_paid', 'paid'],
  ['invoice.payment_succeeded', 'invoice_paid', 'paid'],
  ['invoice.voided', 'invoice_voided', 'void'],
  ['invoice.marked_uncollectible', 'invoice_marked_uncollectible', 'uncollectible'],
  ['invoice.finalized', 'invoice_finalized', 'open'],
  ['invoice.overdue', 'invoice_overdue', 'open'],
  ['invoice.will_be_due', 'invoice_due_date_upcoming', 'open'],
])('%s', (type, kind, status) => {
  it.each(SHAPES)('maps the %s shape', (shape) => {
    const e = normalize(type, { shape, id: 'evt_1', created: 1_767_225_600, ids: { invoice: 'in_9', subscription: 'sub_9' } });
    expect(e).toMatchObject({ id: 'evt_1', provider: 'stripe', kind, occurredAt: 1_767_225_600_000, livemode: false });
    expect(e.invoice).toMatchObject({ id: 'in_9', subscriptionId: 'sub_9', status, updatedAt: 1_767_225_600_000 });
    expect(e.customer).toMatchObject({ id: 'cus_QXg1o8vcGmoR32', email: 'jenny.rosen@example.com', name: 'Jenny Rosen' });
  });

  it('gives the same domain event for both shapes', () => {
    const options = { id: 'evt_same', interval: 'year', declineCode: 'insufficient_funds' } as const;
    const legacy = normalize(type, { ...options, shape: 'legacy' });
    const current = normalize(type, { ...options, shape: 'current' });
    expect(withoutIntervals(current)).toStrictEqual(withoutIntervals(legacy));
    expect(legacy.invoice?.lines).toEqual([
      { priceId: 'price_1PgafmB7WZ01zgkW6dKueIc5', productId: 'prod_QXg1hqf4jFNsqG', interval: 'year', intervalCount: 1 },
    ]);
    expect(current.invoice?.lines[0]).not.toHaveProperty('interval'); // left for enrichment
  });
});

describe('invoice snapshot', () => {
  it.each(SHAPES)('carries amounts, currency, metadata and due date (%s)', (shape) => {
    const e = normalize('invoice.finalized', {
      shape, currency: 'EUR', ids: { product: 'prod_pro', price: 'price_pro' },
      invoice: { amount_due: 120_000, collection_method: 'send_invoice', due_date: 1_767_830_400, metadata: { region: 'eu' } },
    });
    expect(e.invoice).toMatchObject({
      amountDue: 120_000, amountRemaining: 120_000, currency: 'eur', collectionMethod: 'send_invoice',
      dueDate: 1_767_830_400_000, metadata: { region: 'eu' }, lines: [expect.objectContaining({ productId: 'prod_pro', priceId: 'price_pro' })],
    });
  });

  it.each(SHAPES)('has no subscription for a one-off invoice (%s)', (shape) => {
    const e = normalize('invoice.payment_failed', { shape, subscription: false });
    expect(e.invoice?.subscriptionId).toBeUndefined();
    expect(e.invoice?.lines).toEqual([{ priceId: 'price_1PgafmB7WZ01zgkW6dKueIc5', productId: 'prod_QXg1hqf4jFNsqG' }]);
  });

  it('reads the subscription from the line parent when the invoice parent is missing (current)', () => {
    const event = stripeEvent('invoice.paid', { shape: 'current', ids: { subscription: 'sub_line' } });
    event.data.object.parent = null;
    const result = normalizeStripeEvent(event);
    expect(result.status === 'normalized' && result.event.invoice?.subscriptionId).toBe('sub_line');
  });

  it('takes the interval from a legacy plan when the line has no price', () => {
    const event = stripeEvent('invoice.paid', { shape: 'legacy', interval: 'year' });
    event.data.object.lines.data[0].price = null;
    const result = normalizeStripeEvent(event);
    expect(result.status === 'normalized' && result.event.invoice?.lines[0]).toMatchObject({ interval: 'year' });
  });

  it('takes line intervals from an expanded subscription (current)', () => {
    const event = stripeEvent('invoice.paid', { shape: 'current' });
    const sub = stripeEvent('customer.subscription.updated', { shape: 'current', interval: 'week' }).data.object;
    event.data.object.parent.subscription_details.subscription = sub;
    const result = normalizeStripeEvent(event);
    expect(result.status === 'normalized' && result.event.invoice).toMatchObject({
      subscriptionId: sub.id, lines: [{ priceId: 'price_1PgafmB7WZ01zgkW6dKueIc5', interval: 'week', intervalCount: 1 }],
    });
  });

  it('uses an expanded customer for metadata', () => {
    const event = stripeEvent('invoice.paid', { shape: 'current' });
    event.data.object.customer = { ...stripeFixture('current', 'customer'), metadata: { tier: 'gold' }, email: 'a@b.co' };
    const result = normalizeStripeEvent(event);
    expect(result.status === 'normalized' && result.event.customer).toMatchObject({ metadata: { tier: 'gold' }, email: 'a@b.co' });
  });
});

describe('attempt facts of invoice.payment_failed', () => {
  it.each(SHAPES)('reads decline code, payment method and card from the expanded intent (%s)', (shape) => {
    const e = normalize('invoice.payment_failed', {
      shape, declineCode: 'lost_card', invoice: { attempt_count: 3 }, ids: { paymentMethod: 'pm_x' },
      card: { brand: 'mastercard', fingerprint: 'fp_1' },
    });
    expect(e.attempt).toStrictEqual({ number: 3, declineCode: 'lost_card', chargeId: expect.stringMatching(/^ch_/), paymentMethodId: 'pm_x', cardBrand: 'mastercard', cardFingerprint: 'fp_1' });
  });

  it.each(SHAPES)('reads the network decline and advice codes of the payment error (%s)', (shape) => {
    const event = stripeEvent('invoice.payment_failed', { shape, declineCode: 'do_not_honor', card: { brand: 'mastercard' } });
    const intent = shape === 'legacy' ? event.data.object.payment_intent : event.data.object.payments.data[0].payment.payment_intent;
    Object.assign(intent.last_payment_error, { network_decline_code: '05', network_advice_code: '03' });
    const result = normalizeStripeEvent(event);
    expect(result.status === 'normalized' && result.event.attempt).toMatchObject({ declineCode: 'do_not_honor', networkDeclineCode: '05', networkAdviceCode: '03' });
  });

  it.each(SHAPES)('has only the attempt number when the payload holds ids only (%s)', (shape) => {
    expect(normalize('invoice.payment_failed', { shape }).attempt).toStrictEqual({ number: 1 });
  });

  it('reads an expanded legacy charge: outcome reason and card', () => {
    const event = stripeEvent('invoice.payment_failed', { shape: 'legacy' });
    const charge = stripeFixture('legacy', 'charge');
    event.data.object.charge = { ...charge, failure_code: 'card_declined', outcome: { type: 'issuer_declined', reason: 'stolen_card', network_decline_code: '43' } };
    const result = normalizeStripeEvent(event);
    expect(result.status === 'normalized' && result.event.attempt).toStrictEqual({
      number: 1, declineCode: 'stolen_card', networkDeclineCode: '43', chargeId: charge.id, paymentMethodId: charge.payment_method, cardBrand: 'visa', cardFingerprint: 'AOB934RVNwzk6xtn',
    });
  });

  it('prefers the issuer decline code, falling back to the error code', () => {
    const event = stripeEvent('invoice.payment_failed', { shape: 'legacy', declineCode: 'pickup_card' });
    const declined = normalizeStripeEvent(event);
    delete event.data.object.payment_intent.last_payment_error.decline_code;
    event.data.object.payment_intent.last_payment_error.code = 'expired_card';
    const coded = normalizeStripeEvent(event);
    expect(declined.status === 'normalized' && declined.event.attempt?.declineCode).toBe('pickup_card');
    expect(coded.status === 'normalized' && coded.event.attempt?.declineCode).toBe('expired_card');
  });

  it('reads the default invoice payment (the one collection retries), not a later one', () => {
    const event = stripeEvent('invoice.payment_failed', { shape: 'current', declineCode: 'lost_card' });
    const [byDefault] = event.data.object.payments.data;
    const intent = { ...byDefault.payment.payment_intent, id: 'pi_other', last_payment_error: { code: 'card_declined', decline_code: 'do_not_honor' } };
    event.data.object.payments.data.push({ ...byDefault, is_default: false, created: byDefault.created + 30, payment: { type: 'payment_intent', payment_intent: intent } });
    const result = normalizeStripeEvent(event);
    expect(result.status === 'normalized' && result.event.attempt?.declineCode).toBe('lost_card');
  });

  it('falls back to the invoice default payment method', () => {
    const e = normalize('invoice.payment_failed', { shape: 'current', invoice: { default_payment_method: 'pm_default' } });
    expect(e.attempt).toStrictEqual({ number: 1, paymentMethodId: 'pm_default' });
  });
});

describe('due-date events', () => {
  const created = 1_767_225_600;
  it.each([
    ['invoice.overdue', created - 3 * 86_400 - 7200, 3], // sent a couple of hours late
    ['invoice.overdue', created - 10 * 86_400, 10],
    ['invoice.will_be_due', created + 7 * 86_400 - 600, 7],
  ])('%s with due date %i is %i days away', (type, due_date, days) => {
    expect(normalize(type, { created, invoice: { due_date } }).days).toBe(days);
  });

  it('rejects invoice.overdue without a due date', () => {
    const result = normalizeStripeEvent(stripeEvent('invoice.overdue', { invoice: { due_date: null } }));
    expect(result).toEqual({ status: 'invalid', issues: [{ path: 'data.object.due_date', message: 'required for invoice.overdue' }] });
  });

  it('has no days on other invoice events', () => {
    expect(normalize('invoice.finalized', { invoice: { collection_method: 'send_invoice' } })).not.toHaveProperty('days');
  });
});
