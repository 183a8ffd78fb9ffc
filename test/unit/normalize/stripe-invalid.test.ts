import { normalizeStripeEvent, STRIPE_EVENT_KINDS } from '../../../domain/normalize';
import { stripeEvent, stripeFixture, type StripeWebhookEvent } from '../../../testkit/stripe-events';

const issuesOf = (event: unknown) => {
  const result = normalizeStripeEvent(event);
  if (result.status !== 'invalid') throw new Error(`expected invalid, got ${JSON.stringify(result).slice(0, 300)}`);
  return result.issues;
};

const edited = (type: string, edit: (object: Record<string, any>, event: StripeWebhookEvent) => void) => {
  const event = stripeEvent(type, { shape: 'current' });
  edit(event.data.object, event);
  return event;
};

describe('ignored event types', () => {
  it.each(['charge.succeeded', 'invoice.created', 'invoice.upcoming', 'payment_method.detached', 'customer.deleted'])(
    '%s is acknowledged and ignored',
    (type) => {
      expect(normalizeStripeEvent(stripeEvent(type, { object: { id: 'x' } }))).toEqual({
        status: 'ignored', reason: `Stripe event type "${type}" is not handled`,
      });
    },
  );

  it('ignores an unknown type whatever the rest looks like (a v2 thin event)', () => {
    const thin = { id: 'evt_test_65', object: 'v2.core.event', type: 'v1.billing.meter.error_report_triggered', created: '2026-01-01T00:00:00Z' };
    expect(normalizeStripeEvent(thin).status).toBe('ignored');
  });

  it('ignores prototype keys as types instead of treating them as handled', () => {
    expect(normalizeStripeEvent({ type: 'constructor' }).status).toBe('ignored');
    expect(normalizeStripeEvent({ type: '__proto__' }).status).toBe('ignored');
  });

  it('handles every type in the mapping table', () => {
    for (const type of Object.keys(STRIPE_EVENT_KINDS)) expect(normalizeStripeEvent(stripeEvent(type)).status).toBe('normalized');
  });
});

describe('invalid payloads', () => {
  it.each([null, [], 'invoice.paid', 42])('rejects a non-object body %p', (body) => {
    expect(issuesOf(body).length).toBeGreaterThan(0);
  });

  it('names each missing or mistyped envelope field', () => {
    const event: Record<string, unknown> = { ...stripeEvent('invoice.paid'), created: '1767225600' };
    delete event.id;
    expect(issuesOf(event).map((i) => i.path).sort()).toEqual(['created', 'id']);
    const mistyped = { ...stripeEvent('invoice.paid'), api_version: {}, pending_webhooks: 'one', request: 7 };
    expect(issuesOf(mistyped).map((i) => i.path).sort()).toEqual(['api_version', 'pending_webhooks', 'request']);
    for (const request of [null, 'req_legacy', { id: null, idempotency_key: null }]) {
      expect(normalizeStripeEvent({ ...stripeEvent('invoice.paid'), api_version: null, request }).status).toBe('normalized');
    }
  });

  it.each<[string, string, (o: Record<string, any>) => void]>([
    ['invoice.paid', 'data.object.amount_due', (o) => (o.amount_due = '2000')],
    ['invoice.paid', 'data.object.amount_due', (o) => (o.amount_due = 12.5)],
    ['invoice.paid', 'data.object.status', (o) => (o.status = 'settled')],
    ['invoice.paid', 'data.object.currency', (o) => (o.currency = 'dollars')],
    ['invoice.paid', 'data.object.lines', (o) => delete o.lines],
    ['invoice.paid', 'data.object.customer', (o) => (o.customer = 12)],
    ['invoice.paid', 'data.object.metadata.plan', (o) => (o.metadata = { plan: 3 })],
    ['invoice.paid', 'data.object.lines.data.0.pricing.price_details.product', (o) => (o.lines.data[0].pricing.price_details.product = null)],
    ['invoice.payment_failed', 'data.object.attempt_count', (o) => delete o.attempt_count],
    ['customer.subscription.deleted', 'data.object.items.data.0.price.recurring.interval', (o) => (o.items.data[0].price.recurring.interval = 'fortnight')],
    ['customer.subscription.updated', 'data.object.status', (o) => delete o.status],
    ['customer.created', 'data.object.email', (o) => (o.email = ['a@b.c'])],
    ['payment_method.attached', 'data.object.card.brand', (o) => (o.card.brand = 1)],
  ])('%s with a bad field reports %s', (type, path, edit) => {
    expect(issuesOf(edited(type, edit))).toContainEqual({ path, message: expect.any(String) });
  });

  it('rejects an object of the wrong kind for the event type', () => {
    const event = stripeEvent('invoice.paid', { object: stripeFixture('current', 'subscription') });
    expect(issuesOf(event).map((i) => i.path)).toContain('data.object.object');
  });

  it('rejects data without an object', () => {
    expect(issuesOf(edited('invoice.paid', (_o, e) => ((e as any).data = {})))).toContainEqual({ path: 'data.object', message: expect.any(String) });
  });
});

describe('leniency', () => {
  it('accepts fields Stripe may add later', () => {
    const event = edited('invoice.paid', (o, e) => {
      o.brand_new_field = { nested: true };
      (e as any).context = 'acct_123';
    });
    expect(normalizeStripeEvent(event).status).toBe('normalized');
  });

  it.each(['legacy', 'current'] as const)('normalizes the untouched %s fixture invoice (both parent variants filled)', (shape) => {
    const event = { id: 'evt_raw', object: 'event', type: 'invoice.finalized', created: 1234567890, api_version: null,
      livemode: false, data: { object: stripeFixture(shape, 'invoice') } };
    const result = normalizeStripeEvent(event);
    expect(result.status).toBe('normalized');
    if (result.status === 'normalized') expect(result.event.invoice?.subscriptionId).toBe(shape === 'current' ? 'subscription' : undefined);
  });

  it.each(['legacy', 'current'] as const)('normalizes the untouched %s fixture subscription', (shape) => {
    const event = { id: 'evt_raw', type: 'customer.subscription.deleted', created: 1234567890, data: { object: stripeFixture(shape, 'subscription') } };
    expect(normalizeStripeEvent(event).status).toBe('normalized');
  });
});
