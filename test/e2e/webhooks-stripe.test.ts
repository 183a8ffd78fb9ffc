import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';
import { createIngestionApp, isolatedDatabase, postStripeWebhook, stripeSignature, WEBHOOK_SECRETS } from '../support/ingestion-app';
import { newStripeIds, stripeEvent } from '../../testkit/stripe-events';

describe('POST /webhooks/stripe', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let app: INestApplication;

  beforeAll(async () => {
    db = await isolatedDatabase();
    app = await createIngestionApp({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** `signature: null` sends no header at all. */
  const post = (body: string, signature?: string | null) => postStripeWebhook(app, body, signature);
  const stored = async (providerEventId: string) => ({
    events: Number((await db.dataSource.query('SELECT count(*) FROM events WHERE provider_event_id = $1', [providerEventId]))[0].count),
    outbox: Number((await db.dataSource.query('SELECT count(*) FROM outbox o JOIN events e ON e.id = o.event_id WHERE e.provider_event_id = $1', [providerEventId]))[0].count),
  });
  const expectProblem = (res: request.Response, status: number, detail: RegExp) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ status, detail: expect.stringMatching(detail) });
    return JSON.parse(res.text);
  };

  it('stores a signed event once with one outbox row; redeliveries are acknowledged and change nothing', async () => {
    const event = stripeEvent('invoice.payment_failed', { ids: newStripeIds(), interval: 'year' });
    const body = JSON.stringify(event);
    await post(body).expect(200, { received: true, duplicate: false });
    await post(body).expect(200, { received: true, duplicate: true });
    await post(body, stripeSignature(body, { secret: WEBHOOK_SECRETS[0] })).expect(200, { received: true, duplicate: true });
    expect(await stored(event.id)).toEqual({ events: 1, outbox: 1 });
    const [row] = await db.dataSource.query('SELECT provider, type, status, payload FROM events WHERE provider_event_id = $1', [event.id]);
    expect(row).toMatchObject({ provider: 'stripe', type: 'invoice.payment_failed', status: 'received', payload: event });
  });

  it('accepts any configured secret (rotation)', async () => {
    const body = JSON.stringify(stripeEvent('customer.created', { ids: newStripeIds() }));
    await post(body, stripeSignature(body, { secret: WEBHOOK_SECRETS[0] })).expect(200);
  });

  it.each([
    ['a tampered body', (body: string) => ({ body: body.replace('"livemode":false', '"livemode":true'), signature: stripeSignature(body) }), 400, /No signature matches/],
    ['a wrong secret', (body: string) => ({ body, signature: stripeSignature(body, { secret: 'whsec_someone_else' }) }), 400, /No signature matches/],
    ['an expired timestamp', (body: string) => ({ body, signature: stripeSignature(body, { timestamp: Math.floor(Date.now() / 1000) - 301 }) }), 400, /older than 300 seconds/],
    ['no signature header', (body: string) => ({ body, signature: null }), 400, /header is missing/],
    ['a garbled signature header', (body: string) => ({ body, signature: 'nonsense' }), 400, /malformed/],
    ['malformed JSON', () => ({ body: '{"id": "evt_1", "type": ', signature: stripeSignature('{"id": "evt_1", "type": ') }), 400, /JSON/],
  ])('rejects %s with a problem and stores nothing', async (_, make, status, detail) => {
    const event = stripeEvent('invoice.payment_failed', { ids: newStripeIds() });
    const { body, signature } = make(JSON.stringify(event));
    expectProblem(await post(body, signature), status, detail);
    expect(await stored(event.id)).toEqual({ events: 0, outbox: 0 });
  });

  it('rejects wrong field types with their paths and stores nothing', async () => {
    const event = stripeEvent('invoice.payment_failed', { ids: newStripeIds(), invoice: { amount_due: 'lots', attempt_count: '1' } });
    const problem = expectProblem(await post(JSON.stringify(event)), 400, /missing or mistyped/);
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['data.object.amount_due', 'data.object.attempt_count']));
    expect(await stored(event.id)).toEqual({ events: 0, outbox: 0 });
  });

  it('acknowledges an unknown event type without storing it', async () => {
    const event = stripeEvent('charge.refunded', { ids: newStripeIds() });
    const res = await post(JSON.stringify(event)).expect(200);
    expect(res.body).toEqual({ received: true, duplicate: false, ignored: expect.stringContaining('charge.refunded') });
    expect(await stored(event.id)).toEqual({ events: 0, outbox: 0 });
  });

  it('stores a signed customer.source.expiring for dispatch (the card-expiry trigger), no longer ignored', async () => {
    const ids = newStripeIds();
    const object = { id: `card_${ids.customer.slice(4)}`, object: 'card', customer: ids.customer, brand: 'Visa', last4: '4242', exp_month: 12, exp_year: 2030 };
    const event = stripeEvent('customer.source.expiring', { ids, object });
    const res = await post(JSON.stringify(event)).expect(200);
    expect(res.body).toEqual({ received: true, duplicate: false });
    expect(await stored(event.id)).toEqual({ events: 1, outbox: 1 });
  });

  it('accepts a body above the 100kb parser default but rejects one above WEBHOOK_MAX_BODY (512kb) with 413', async () => {
    const big = stripeEvent('invoice.payment_failed', { ids: newStripeIds(), invoice: { description: 'x'.repeat(200_000) } });
    await post(JSON.stringify(big)).expect(200);
    const huge = stripeEvent('invoice.payment_failed', { ids: newStripeIds(), invoice: { description: 'x'.repeat(600_000) } });
    expectProblem(await post(JSON.stringify(huge)), 413, /too large/);
    expect(await stored(huge.id)).toEqual({ events: 0, outbox: 0 });
  });

  it('rejects text PostgreSQL cannot store (NUL) with 400 instead of failing', async () => {
    const event = stripeEvent('invoice.payment_failed', { ids: newStripeIds(), invoice: { description: 'nul \u0000 here' } });
    const problem = expectProblem(await post(JSON.stringify(event)), 400, /NUL/);
    expect(problem.errors[0].path).toBe('data.object.description');
  });

  it('never answers 5xx, whatever the (signed or unsigned) body', async () => {
    const template = stripeEvent('invoice.payment_failed', { ids: newStripeIds() });
    const mutated = fc.tuple(fc.constantFrom('id', 'type', 'created', 'data', 'livemode'), fc.jsonValue()).map(([key, value]) =>
      JSON.stringify({ ...template, id: `evt_fc_${Math.random()}`, [key]: value }));
    const objectMutated = fc.tuple(fc.constantFrom('amount_due', 'customer', 'lines', 'status', 'attempt_count', 'parent', 'currency'), fc.jsonValue())
      .map(([key, value]) => JSON.stringify({ ...template, id: `evt_fc_${Math.random()}`, data: { object: { ...template.data.object, [key]: value } } }));
    const bodies = fc.oneof(fc.string(), fc.json(), mutated, objectMutated);
    await fc.assert(
      fc.asyncProperty(bodies, fc.boolean(), async (body, sign) => {
        const res = await post(body, sign ? stripeSignature(body) : 't=1,v1=abc');
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('POST /webhooks/stripe without secrets', () => {
  it('answers 503 (Stripe retries) and says what to configure', async () => {
    const db = await isolatedDatabase();
    const app = await createIngestionApp({ databaseUrl: db.url, env: { STRIPE_WEBHOOK_SECRETS: '' } });
    try {
      const body = JSON.stringify(stripeEvent('customer.created'));
      const res = await postStripeWebhook(app, body).expect(503);
      expect(res.body.detail ?? JSON.parse(res.text).detail).toMatch(/STRIPE_WEBHOOK_SECRETS/);
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
