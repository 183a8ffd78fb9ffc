import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BILLING_EVENT_KINDS } from '../../../domain/billing-event';
import { genericEventSchema, normalizeGenericEvent, normalizeStripeEvent, type NormalizeResult } from '../../../domain/normalize';
import { stripeEvent } from '../../../testkit/stripe-events';

const DOC = readFileSync(path.resolve(__dirname, '../../../docs/generic-events.md'), 'utf8');
const EXAMPLES: Record<string, any>[] = [...DOC.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));
const example = (type: string) => structuredClone(EXAMPLES.find((e) => e.type === type)!);

const eventOf = (result: NormalizeResult) => {
  if (result.status !== 'normalized') throw new Error(`expected normalized, got ${JSON.stringify(result)}`);
  return result.event;
};
const pathsOf = (body: unknown) => {
  const result = normalizeGenericEvent(body);
  if (result.status !== 'invalid') throw new Error(`expected invalid, got ${result.status}`);
  return result.issues.map((i) => i.path);
};

describe('documented examples', () => {
  it('has one example per event kind', () => {
    expect(EXAMPLES.map((e) => e.type).sort()).toEqual([...BILLING_EVENT_KINDS].sort());
  });

  it.each(BILLING_EVENT_KINDS.map((k) => [k]))('accepts the %s example', (kind) => {
    const e = eventOf(normalizeGenericEvent(example(kind)));
    expect(e).toMatchObject({ kind, provider: 'generic', livemode: false, id: example(kind).id });
  });
});

describe('mapping', () => {
  it('maps invoice_payment_failed like the equivalent Stripe event', () => {
    const body = {
      id: 'evt_g1', type: 'invoice_payment_failed', occurred_at: '2026-01-01T00:00:00Z',
      customer: { id: 'cus_QXg1o8vcGmoR32', email: 'jenny.rosen@example.com', name: 'Jenny Rosen' },
      invoice: { id: 'in_1', customer_id: 'cus_QXg1o8vcGmoR32', subscription_id: 'sub_1', status: 'open', amount_due: 120000,
        currency: 'USD', attempt_count: 1, number: 'JR-0001', hosted_invoice_url: 'https://invoice.stripe.com/i/acct_test/in_1', auto_advance: true,
        lines: [{ price_id: 'price_1PgafmB7WZ01zgkW6dKueIc5', product_id: 'prod_QXg1hqf4jFNsqG', interval: 'year', interval_count: 1 }] },
      attempt: { number: 1, decline_code: 'lost_card', charge_id: 'ch_1PgafuB7WZ01zgkWXYmPNZs8', payment_method_id: 'pm_1Pgc75B7WZ01zgkWlHVgdEGJ', card_brand: 'visa', card_fingerprint: 'AOB934RVNwzk6xtn' },
    };
    const stripe = eventOf(normalizeStripeEvent(stripeEvent('invoice.payment_failed', {
      shape: 'legacy', id: 'evt_g1', interval: 'year', declineCode: 'lost_card', ids: { invoice: 'in_1', subscription: 'sub_1' },
      invoice: { amount_due: 120000 },
    })));
    expect(eventOf(normalizeGenericEvent(body))).toStrictEqual({ ...stripe, provider: 'generic' });
  });

  it('converts times to epoch ms, honouring offsets', () => {
    const e = eventOf(normalizeGenericEvent(example('customer_created')));
    expect(e.occurredAt).toBe(Date.UTC(2026, 0, 2, 9));
    expect(e.customer).toStrictEqual({ id: 'cust_43', email: 'ops@globex.com', name: 'Globex', metadata: { source: 'self_serve' }, updatedAt: e.occurredAt });
  });

  it('derives defaults: days from the due date, amount_remaining, attempt_count, collection method', () => {
    const overdue = eventOf(normalizeGenericEvent(example('invoice_overdue')));
    expect(overdue.days).toBe(7);
    expect(overdue.invoice).toMatchObject({ dueDate: Date.UTC(2026, 2, 3), amountRemaining: 250000, currency: 'eur' });
    expect(eventOf(normalizeGenericEvent(example('invoice_paid'))).invoice).toMatchObject({ amountRemaining: 0, attemptCount: 0, collectionMethod: 'charge_automatically' });
    expect(eventOf(normalizeGenericEvent({ ...example('invoice_overdue'), days: 2 })).days).toBe(2);
  });

  it('takes the subscription interval from its first item unless given', () => {
    expect(eventOf(normalizeGenericEvent(example('subscription_canceled'))).subscription).toMatchObject({ interval: 'year', canceledAt: Date.UTC(2026, 3, 1, 12) });
    expect(eventOf(normalizeGenericEvent(example('subscription_updated'))).subscription).toMatchObject({ interval: 'year', items: [] });
  });

  it('gives a payment method the customer of the event', () => {
    const body: Record<string, any> = { ...example('payment_method_updated'), customer: { id: 'cust_42' } };
    delete body.payment_method.customer_id;
    expect(eventOf(normalizeGenericEvent(body)).paymentMethod?.customerId).toBe('cust_42');
  });

  it('keeps livemode when given', () => {
    expect(eventOf(normalizeGenericEvent({ ...example('invoice_paid'), livemode: true })).livemode).toBe(true);
  });
});

describe('rejections', () => {
  it.each<[string, (b: Record<string, any>) => void, string]>([
    ['an unknown top-level field', (b) => (b.amount = 1), ''],
    ['an unknown nested field', (b) => (b.invoice.amount = 4900), 'invoice'],
    ['an unknown field in a line', (b) => (b.invoice.lines[0].plan = 'x'), 'invoice.lines.0'],
    ['a string amount', (b) => (b.invoice.amount_due = '49.00'), 'invoice.amount_due'],
    ['a negative amount', (b) => (b.invoice.amount_due = -1), 'invoice.amount_due'],
    ['an unknown type', (b) => (b.type = 'invoice.payment_failed'), 'type'],
    ['a date without time', (b) => (b.occurred_at = '2026-01-01'), 'occurred_at'],
    ['a bad currency', (b) => (b.invoice.currency = 'us dollars'), 'invoice.currency'],
    ['a non-string metadata value', (b) => (b.customer.metadata = { seats: 5 }), 'customer.metadata.seats'],
    ['attempt number 0', (b) => (b.attempt.number = 0), 'attempt.number'],
    ['a missing attempt', (b) => delete b.attempt, 'attempt'],
    ['a missing invoice', (b) => delete b.invoice, 'invoice'],
    ['a mismatched customer', (b) => (b.invoice.customer_id = 'cust_other'), 'invoice.customer_id'],
  ])('rejects %s', (_name, edit, expected) => {
    const body = example('invoice_payment_failed');
    edit(body);
    expect(pathsOf(body)).toContain(expected);
  });

  it.each([
    ['subscription_canceled', 'subscription'],
    ['customer_created', 'customer'],
    ['payment_method_updated', 'payment_method'],
  ])('rejects %s without its %s', (type, part) => {
    const body = example(type);
    delete body[part];
    expect(pathsOf(body)).toEqual([part]);
  });

  it('rejects a due-date event without a due date', () => {
    const body = example('invoice_due_date_upcoming');
    delete body.invoice.due_date;
    expect(pathsOf(body)).toEqual(['invoice.due_date']);
  });

  it('rejects a payment method nobody owns', () => {
    const body = example('payment_method_updated');
    delete body.payment_method.customer_id;
    expect(pathsOf(body)).toEqual(['payment_method.customer_id']);
  });

  it.each([null, 'x', [], {}])('rejects the body %p', (body) => {
    expect(normalizeGenericEvent(body).status).toBe('invalid');
  });
});

it('exports a schema the gateway can turn into JSON Schema for its docs', () => {
  const schema = z.toJSONSchema(genericEventSchema) as { required: string[]; additionalProperties: boolean };
  expect(schema.required).toEqual(['id', 'type', 'occurred_at']);
  expect(schema.additionalProperties).toBe(false);
});
