import fc from 'fast-check';
import request from 'supertest';
import { postStripeWebhook, stripeSignature, WEBHOOK_SECRETS } from '../support/ingestion-app';
import { newStripeIds, stripeEvent } from '../../testkit/stripe-events';
import { signStripe } from '../../testkit/faults/malformed-bodies';
import { AUTH, body as automationBody, paymentFailedEvent, recipe1, startAdminApp, type AdminApp } from './admin-helpers';

/** JSON text of an object nested `depth` levels deep (built as text: JSON.stringify itself recurses). */
const nestedJson = (depth: number): string => `${'{"a":'.repeat(depth)}true${'}'.repeat(depth)}`;
const NESTED = '"__nested__"';

describe('hostile input on every surface: 4xx problem+json, never 5xx, nothing stored', () => {
  let admin: AdminApp;
  const http = () => request(admin.app.getHttpServer());
  const storedEvents = async () => Number((await admin.db.dataSource.query('SELECT count(*) FROM events'))[0].count);
  const expectProblem = (res: request.Response, status: number) => {
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
  };

  beforeAll(async () => {
    admin = await startAdminApp({ STRIPE_WEBHOOK_SECRETS: WEBHOOK_SECRETS.join(','), DISPATCHER_ENABLED: 'false', OUTBOUND_ALLOWED_HOSTS: '127.0.0.1:4010' });
  });
  afterAll(() => admin?.close());

  it.each([
    '/v1/automations?starting_after=%00', '/v1/runs?customerId=%00', '/v1/events?type=%00', '/v1/runs/%00',
    '/v1/sandbox/customers/%00', '/v1/runs/a%00b', '/v1/events?type=%ED%A0%80', '/v1/runs/%ED%A0%80', '/v1/runs/%E0%A4%A',
    `/v1/runs?customerId=${'c'.repeat(3_000)}`, `/v1/runs/${'r'.repeat(3_000)}`,
  ].map((path) => [path.slice(0, 40), path]))('GET %s is a 400 problem', async (_, path) => {
    expectProblem(await admin.get(path), 400);
  });

  it.each([
    ['/v1/sandbox/products', { name: 'a\u0000b' }],
    ['/v1/automations', { name: 'a\u0000b' }],
    ['/v1/automations', { name: 'x', 'k\u0000': 1 }],
    ['/v1/automations', { name: '\ud800' }],
    ['/v1/events', { ...paymentFailedEvent(), id: 'evt_\u0000' }],
  ])('POST %s with %j is a 400 problem', async (path, body) => {
    expectProblem(await admin.post(path, body), 400);
  });

  it.each(['http://127.0.0.1:9/hook', 'http://169.254.169.254/latest/meta-data', 'file:///etc/passwd', 'gopher://hooks.example.com/', 'http://localhost/x'])(
    'refuses an emit_webhook step to %s with 422 at its field path, and saves nothing', async (url) => {
      const definition = { ...recipe1, steps: [{ type: 'emit_webhook', url }, ...recipe1.steps] };
      const res = await admin.post('/v1/automations', automationBody(definition as typeof recipe1));
      expectProblem(res, 422);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'steps.0.url' })]));
      expect(Number((await admin.db.dataSource.query('SELECT count(*) FROM automations'))[0].count)).toBe(0);
    });

  it('accepts an internal webhook target the allow-list names', async () => {
    const definition = { ...recipe1, steps: [{ type: 'emit_webhook', url: 'http://127.0.0.1:4010/hook' }, ...recipe1.steps] };
    await admin.post('/v1/automations', automationBody(definition as typeof recipe1)).expect(201);
  });

  it('refuses NUL in GraphQL literals and variables with HTTP 400 before execution', async () => {
    const literal = await http().post('/graphql').set('Authorization', AUTH).send({ query: '{ events(type:"a\\u0000b"){ hasMore } }' });
    expect(literal.status).toBe(400);
    expect(literal.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
    const variables = await http().post('/graphql').set('Authorization', AUTH)
      .send({ query: 'query($t: String){ events(type: $t){ hasMore } }', variables: { t: 'a\u0000b' } });
    expectProblem(variables, 400);
  });

  it('answers signed Stripe events that are too deep (413) or carry over-long ids (400), and stores none', async () => {
    const before = await storedEvents();
    for (const depth of [40, 5_500, 8_000]) {
      const event = stripeEvent('invoice.payment_failed', { ids: newStripeIds(), interval: 'year' });
      const body = JSON.stringify({ ...event, data: { ...event.data, object: { ...event.data.object, metadata: '__nested__' } } })
        .replace(NESTED, nestedJson(depth));
      expectProblem(await postStripeWebhook(admin.app, body), 413);
    }
    const event = stripeEvent('invoice.payment_failed', { ids: newStripeIds(), interval: 'year' });
    const longId = JSON.stringify({ ...event, id: `evt_${'x'.repeat(3_000)}` });
    expectProblem(await postStripeWebhook(admin.app, longId), 400);
    expect(await storedEvents()).toBe(before);
  });

  it('takes only JSON on both ingestion routes (415 otherwise), whatever a parser could read', async () => {
    const event = JSON.stringify(stripeEvent('invoice.payment_failed', { ids: newStripeIds(), interval: 'year' }));
    const form = `payload=${encodeURIComponent(event)}`;
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'application/xml']) {
      expectProblem(await http().post('/webhooks/stripe').set('Content-Type', type).set('Stripe-Signature', stripeSignature(form)).send(form), 415);
      expectProblem(await http().post('/v1/events').set('Authorization', AUTH).set('Content-Type', type).send(form), 415);
    }
    expect(await storedEvents()).toBe(0);
  });

  it('refuses bodies that are not UTF-8 on both ingestion routes, even when signed, and stores none', async () => {
    const event = JSON.stringify(stripeEvent('invoice.payment_failed', { ids: newStripeIds(), interval: 'year' }));
    const latin1 = Buffer.from(event.replace('"object":"event"', '"object":"event","note":"caf\u00e9"'), 'latin1'); // é as one byte 0xE9
    const webhook = await http().post('/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', signStripe(latin1, WEBHOOK_SECRETS[0]))
      .serialize((b) => b).send(latin1); // the bytes as they are, not a JSON rendering of the Buffer
    expectProblem(webhook, 400);
    expect(webhook.body.detail).toBe('The body is not valid UTF-8');
    const generic = Buffer.from(JSON.stringify({ ...paymentFailedEvent(), id: 'evt_caf\u00e9' }), 'latin1');
    expectProblem(await http().post('/v1/events').set('Authorization', AUTH).set('Content-Type', 'application/json').serialize((b) => b).send(generic), 400);
    expect(await storedEvents()).toBe(0);
  });

  it('refuses a signature dated beyond the tolerance in the future', async () => {
    const body = JSON.stringify(stripeEvent('invoice.payment_failed', { ids: newStripeIds(), interval: 'year' }));
    const res = await postStripeWebhook(admin.app, body, stripeSignature(body, { timestamp: Math.floor(Date.now() / 1000) + 600 }));
    expectProblem(res, 400);
    expect(res.body.detail).toMatch(/in the future/);
    await postStripeWebhook(admin.app, body, stripeSignature(body, { timestamp: Math.floor(Date.now() / 1000) + 60 })).expect(200);
  });

  it('gives no 5xx and stores nothing for a mix of hostile signed and unsigned bodies', async () => {
    const before = await storedEvents();
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }).map((s) => `id_${s}\u0000`),
      fc.constant('\udfff'),
      fc.integer({ min: 33, max: 9_000 }).map(() => '__nested__'),
      fc.integer({ min: 256, max: 5_000 }).map((n) => 'i'.repeat(n)),
      fc.array(fc.constant(1), { minLength: 1_001, maxLength: 1_100 }),
    );
    const depths = fc.integer({ min: 33, max: 9_000 });
    await fc.assert(fc.asyncProperty(hostile, depths, fc.boolean(), fc.constantFrom('id', 'type', 'customer_id'), async (value, depth, signed, key) => {
      const event = stripeEvent('invoice.payment_failed', { ids: newStripeIds(), interval: 'year' });
      const object = { ...event.data.object, [key]: value };
      const body = JSON.stringify(key === 'id' || key === 'type' ? { ...event, [key]: value } : { ...event, data: { object } }).replace(NESTED, nestedJson(depth));
      const webhook = await postStripeWebhook(admin.app, body, signed ? stripeSignature(body) : 't=1,v1=00');
      const generic = await http().post('/v1/events').set('Authorization', AUTH).set('Content-Type', 'application/json')
        .send(JSON.stringify({ ...paymentFailedEvent(), [key]: value }).replace(NESTED, nestedJson(depth)));
      // A hostile `type` on a signed Stripe event is an ignored type (200, nothing stored); all else is a 4xx.
      const ignored = webhook.status === 200 && typeof webhook.body.ignored === 'string';
      expect({ webhook: ignored || (webhook.status >= 400 && webhook.status < 500), generic: generic.status >= 400 && generic.status < 500 })
        .toEqual({ webhook: true, generic: true });
    }), { numRuns: 60, seed: 19 });
    expect(await storedEvents()).toBe(before);
  });
});

describe('rate limits: one admin limit for REST and GraphQL per client, one per ingestion source', () => {
  let admin: AdminApp;
  const http = () => request(admin.app.getHttpServer());

  beforeAll(async () => {
    admin = await startAdminApp({ STRIPE_WEBHOOK_SECRETS: WEBHOOK_SECRETS.join(','), DISPATCHER_ENABLED: 'false',
      RATE_LIMIT_ADMIN: '4', RATE_LIMIT_INGEST: '2', RATE_LIMIT_WINDOW: '1h' });
  });
  afterAll(() => admin?.close());

  it('answers 429 problem+json with Retry-After once REST and GraphQL together pass the admin limit', async () => {
    await admin.get('/v1/automations').expect(200);
    await http().post('/graphql').set('Authorization', AUTH).send({ query: '{ __typename }' }).expect(200);
    await admin.get('/v1/runs').expect(200);
    await http().post('/graphql').set('Authorization', AUTH).send({ query: '{ __typename }' }).expect(200);
    for (const res of [await admin.get('/v1/automations'), await http().post('/graphql').set('Authorization', AUTH).send({ query: '{ __typename }' })]) {
      expect(res.status).toBe(429);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    await request(admin.app.getHttpServer()).get('/health/live').expect(200); // probes are never limited
  });

  it('limits each ingestion route on its own, so Stripe redelivers a refused event later', async () => {
    const body = () => JSON.stringify(stripeEvent('customer.created', { ids: newStripeIds() }));
    await postStripeWebhook(admin.app, body()).expect(200);
    await postStripeWebhook(admin.app, body()).expect(200);
    const refused = await postStripeWebhook(admin.app, body());
    expect({ status: refused.status, retryAfter: Number(refused.headers['retry-after']) > 0 }).toEqual({ status: 429, retryAfter: true });
    expect((await admin.post('/v1/events', paymentFailedEvent())).status).toBe(202); // another source: its own count
  });
});
