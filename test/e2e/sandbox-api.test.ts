import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AUTH, startAdminApp, type AdminApp } from './admin-helpers';
import { eventsAbout } from '../support/sandbox-events';
import { signSelfServiceToken } from '../../providers/self-service/self-service-links';
import { DEV_SELF_SERVICE_SECRET } from '../../services/common/config/app.config';

const auth = { Authorization: AUTH };

/** The sandbox ledger's API as the real gateway serves it (createGateway through startAdminApp). */
describe('sandbox API (/v1/sandbox)', () => {
  let admin: AdminApp;
  let app: INestApplication;
  let dataSource: DataSource;
  const api = () => request(app.getHttpServer());
  const post = (path: string, body: object = {}) => api().post(path).set(auth).send(body);
  const get = (path: string) => api().get(path).set(auth);

  beforeAll(async () => {
    // The gateway without its dispatcher, so the outbox rows the ledger writes stay put for the assertions.
    admin = await startAdminApp({ DISPATCHER_ENABLED: 'false' });
    ({ app, db: { dataSource } } = admin);
  });
  afterAll(() => admin?.close());

  /** Each event is stored with its outbox row, in the generic format the dispatcher normalizes. */
  async function expectEvents(objectId: string, types: string[]) {
    const events = await eventsAbout(dataSource, objectId);
    expect(events.map((e) => e.type)).toEqual(types);
    for (const e of events) expect([e.normalized.status, e.outboxRows]).toEqual(['normalized', 1]);
    return events;
  }

  it('runs a subscription renewal that fails, is retried after a card change, and is paid', async () => {
    const customer = (await post('/v1/sandbox/customers', { email: 'ada@customer.test', metadata: { tier: 'gold' } }).expect(201)).body;
    expect(customer.id).toMatch(/^cus_[A-Za-z0-9]{24}$/);
    const badCard = (await post(`/v1/sandbox/customers/${customer.id}/payment-methods`, { brand: 'visa', last4: '0002', outcome: 'decline', declineCode: 'stolen_card' }).expect(201)).body;
    const product = (await post('/v1/sandbox/products', { name: 'Pro' }).expect(201)).body;
    const price = (await post('/v1/sandbox/prices', { productId: product.id, unitAmount: 2900, currency: 'usd', interval: 'month' }).expect(201)).body;
    const sub = (await post('/v1/sandbox/subscriptions', { customerId: customer.id, priceId: price.id }).expect(201)).body;
    expect([badCard.id, product.id, price.id, sub.id]).toEqual([expect.stringMatching(/^pm_/), expect.stringMatching(/^prod_/), expect.stringMatching(/^price_/), expect.stringMatching(/^sub_/)]);
    const invoice = (await post('/v1/sandbox/invoices', { customerId: customer.id, subscriptionId: sub.id }).expect(201)).body;
    expect(invoice).toMatchObject({ id: expect.stringMatching(/^in_/), status: 'open', amountDue: 2900, currency: 'usd', priceId: price.id });

    const failed = (await post(`/v1/sandbox/invoices/${invoice.id}/attempt`, { idempotencyKey: 'renewal-1' }).expect(200)).body;
    expect(failed).toMatchObject({ status: 'failed', declineCode: 'stolen_card', invoiceStatus: 'open' });
    expect((await post(`/v1/sandbox/invoices/${invoice.id}/attempt`, { idempotencyKey: 'renewal-1' }).expect(200)).body).toEqual(failed);
    expect((await get(`/v1/sandbox/subscriptions/${sub.id}`).expect(200)).body.status).toBe('past_due');

    const goodCard = (await post(`/v1/sandbox/customers/${customer.id}/payment-methods`, { brand: 'mastercard', makeDefault: false }).expect(201)).body;
    await post(`/v1/sandbox/customers/${customer.id}/default-payment-method`, { paymentMethodId: goodCard.id }).expect(200);
    expect((await post(`/v1/sandbox/invoices/${invoice.id}/attempt`).expect(200)).body).toMatchObject({ status: 'succeeded', invoiceStatus: 'paid', cardBrand: 'mastercard' });

    const read = (await get(`/v1/sandbox/invoices/${invoice.id}`).expect(200)).body;
    expect(read).toMatchObject({ status: 'paid', attemptCount: 2 });
    expect(read.charges.map((c: { status: string; declineCode: string | null }) => [c.status, c.declineCode])).toEqual([['failed', 'stolen_card'], ['succeeded', null]]);
    expect((await get(`/v1/sandbox/customers/${customer.id}`).expect(200)).body).toMatchObject({ defaultPaymentMethodId: goodCard.id, paymentMethods: expect.arrayContaining([expect.objectContaining({ id: badCard.id })]) });
    expect((await get(`/v1/sandbox/subscriptions?customerId=${customer.id}`).expect(200)).body.data).toHaveLength(1);
    expect((await get(`/v1/sandbox/products/${product.id}`).expect(200)).body.prices).toEqual([expect.objectContaining({ id: price.id, interval: 'month' })]);

    await expectEvents(invoice.id, ['invoice_finalized', 'invoice_payment_failed', 'invoice_paid']);
    const customerEvents = (await eventsAbout(dataSource, customer.id)).filter((e) => !e.type.startsWith('invoice'));
    expect(customerEvents.map((e) => [e.type, e.payload.payment_method?.id])).toEqual([
      // The good card: attached (another card on file), then made the default.
      ['customer_created', undefined], ['payment_method_updated', badCard.id], ['payment_method_updated', goodCard.id], ['payment_method_updated', goodCard.id],
    ]);
  });

  it('pays out of band, voids, marks uncollectible and cancels, refusing changes the state forbids (409)', async () => {
    const customer = (await post('/v1/sandbox/customers', { email: 'bo@customer.test' }).expect(201)).body;
    const dueDate = '2026-05-01T00:00:00.000Z';
    const sent = (await post('/v1/sandbox/invoices', { customerId: customer.id, amountDue: 5000, currency: 'EUR', collectionMethod: 'send_invoice', dueDate }).expect(201)).body;
    expect(sent).toMatchObject({ collectionMethod: 'send_invoice', dueDate, currency: 'eur' });
    await post(`/v1/sandbox/invoices/${sent.id}/pay`).expect(200);
    const conflict = await post(`/v1/sandbox/invoices/${sent.id}/void`).expect(409);
    expect(conflict.headers['content-type']).toMatch(/^application\/problem\+json/);
    await post(`/v1/sandbox/invoices/${sent.id}/attempt`).expect(409);

    const other = (await post('/v1/sandbox/invoices', { customerId: customer.id, amountDue: 100, currency: 'usd' }).expect(201)).body;
    await post(`/v1/sandbox/invoices/${other.id}/mark-uncollectible`).expect(200);
    expect((await post(`/v1/sandbox/invoices/${other.id}/void`).expect(200)).body.status).toBe('void');
    await expectEvents(sent.id, ['invoice_finalized', 'invoice_paid']);
    await expectEvents(other.id, ['invoice_finalized', 'invoice_marked_uncollectible', 'invoice_voided']);
    expect((await get(`/v1/sandbox/invoices?customerId=${customer.id}&status=void`).expect(200)).body.data.map((i: { id: string }) => i.id)).toEqual([other.id]);

    const product = (await post('/v1/sandbox/products', { name: 'Basic' }).expect(201)).body;
    const price = (await post('/v1/sandbox/prices', { productId: product.id, unitAmount: 9900, currency: 'usd', interval: 'year' }).expect(201)).body;
    const sub = (await post('/v1/sandbox/subscriptions', { customerId: customer.id, priceId: price.id }).expect(201)).body;
    await post(`/v1/sandbox/subscriptions/${sub.id}/cancel`, { reason: 'cancellation_requested' }).expect(200);
    expect((await post(`/v1/sandbox/subscriptions/${sub.id}/cancel`).expect(200)).body).toMatchObject({ status: 'canceled', cancellationReason: 'cancellation_requested', interval: 'year' });
    await expectEvents(sub.id, ['subscription_canceled']);
  });

  it('requires the API key', async () => {
    const response = await api().post('/v1/sandbox/customers').send({}).expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    await api().get('/v1/sandbox/invoices').set({ Authorization: 'Bearer wrong' }).expect(401);
  });

  it.each([
    ['/v1/sandbox/customers/cus_nope'], ['/v1/sandbox/invoices/in_nope'], ['/v1/sandbox/subscriptions/sub_nope'],
    ['/v1/sandbox/payment-methods/pm_nope'], ['/v1/sandbox/products/prod_nope'], ['/v1/sandbox/prices/price_nope'],
  ])('answers 404 problem+json for unknown %s', async (path) => {
    const response = await get(path).expect(404);
    expect(JSON.parse(response.text)).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('gives a card on file a new expiry (an automatic card updater), emitting payment_method_updated', async () => {
    const customer = (await post('/v1/sandbox/customers', { email: 'exp@customer.test' }).expect(201)).body;
    const card = (await post(`/v1/sandbox/customers/${customer.id}/payment-methods`, { brand: 'visa', expMonth: 1, expYear: 2027 }).expect(201)).body;
    expect(card).toMatchObject({ expMonth: 1, expYear: 2027 });
    expect((await post(`/v1/sandbox/payment-methods/${card.id}/expiry`, { expMonth: 1, expYear: 2031 }).expect(200)).body).toMatchObject({ id: card.id, expYear: 2031 });
    await post(`/v1/sandbox/payment-methods/${card.id}/expiry`, { expMonth: 13, expYear: 2031 }).expect(422);
    await post('/v1/sandbox/payment-methods/pm_nope/expiry', { expMonth: 1, expYear: 2031 }).expect(404);
    const updates = (await eventsAbout(dataSource, card.id)).filter((e) => e.type === 'payment_method_updated');
    expect(updates.map((e) => e.payload.payment_method.exp_year)).toEqual([2027, 2031]);
  });

  it('answers 404 for changes to unknown objects', async () => {
    await post('/v1/sandbox/invoices/in_nope/attempt').expect(404);
    await post('/v1/sandbox/subscriptions/sub_nope/cancel').expect(404);
    await post('/v1/sandbox/customers/cus_nope/payment-methods', { brand: 'visa' }).expect(404);
    await post('/v1/sandbox/invoices', { customerId: 'cus_nope', amountDue: 1, currency: 'usd' }).expect(404);
  });

  it('rejects invalid input with 422 problem+json naming the fields, and stores nothing', async () => {
    const customer = (await post('/v1/sandbox/customers', { email: 'cy@customer.test' }).expect(201)).body;
    const bad = await post('/v1/sandbox/customers', { email: 'not-an-email', metadata: { n: 1 }, extra: true }).expect(422);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(bad.text).errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['email', 'metadata', 'extra']));
    await post(`/v1/sandbox/customers/${customer.id}/payment-methods`, { brand: 'visa', nextOutcomes: [{ outcome: 'decline' }] }).expect(422);
    await post('/v1/sandbox/prices', { productId: 'prod_x', unitAmount: -1, currency: 'dollars', interval: 'week' }).expect(422);
    // Rules across fields are the ledger's: a send_invoice invoice needs a due date.
    await post('/v1/sandbox/invoices', { customerId: customer.id, amountDue: 100, currency: 'usd', collectionMethod: 'send_invoice' }).expect(422);
    await post('/v1/sandbox/invoices', { customerId: customer.id }).expect(422);
    expect(await eventsAbout(dataSource, customer.id)).toHaveLength(1); // customer_created only
  });

  it('documents the routes in OpenAPI', async () => {
    const paths = Object.keys((await get('/openapi.json').expect(200)).body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/v1/sandbox/invoices/{id}/attempt', '/v1/sandbox/customers/{id}/payment-methods', '/v1/emails']));
  });
  describe('the self-service page /pay/{token}, public (the token is the credential)', () => {
    const token = (claims: { customerId: string; invoiceId?: string }, expiresAt = Date.now() + 3_600_000) => signSelfServiceToken({ ...claims, expiresAt }, DEV_SELF_SERVICE_SECRET);

    it('a customer-only link (a card-expiring email) adds or replaces the card through the ledger, which emits payment_method_updated', async () => {
      const customer = (await post('/v1/sandbox/customers', { email: 'card-only@customer.test', name: 'Kay' }).expect(201)).body;
      const old = (await post(`/v1/sandbox/customers/${customer.id}/payment-methods`, { brand: 'visa', last4: '1881', expMonth: 1, expYear: 2027 }).expect(201)).body;
      const t = token({ customerId: customer.id });
      const page = await api().get(`/pay/${t}`).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('visa ending in 1881 (expires 01/2027) — default');
      expect(page.text).toContain('Add or replace a card');
      expect(page.text).not.toContain('id="pay"'); // no invoice: nothing to pay

      // A form from another site, or carrying another link's token, changes nothing.
      await api().post(`/pay/${t}`).set('Origin', 'https://evil.test').type('form').send({ token: t, action: 'card', number: '5555555555554444', expMonth: '3', expYear: '2031' }).expect(403);
      await api().post(`/pay/${t}`).type('form').send({ token: token({ customerId: 'cus_other' }), action: 'card', number: '5555555555554444', expMonth: '3', expYear: '2031' }).expect(403);
      const refused = await api().post(`/pay/${t}`).type('form').send({ token: t, action: 'card', number: '12', expMonth: '3', expYear: '2031' }).expect(422);
      expect(refused.text).toContain('The card number must be 12 to 19 digits.');
      expect((await get(`/v1/sandbox/customers/${customer.id}`).expect(200)).body.defaultPaymentMethodId).toBe(old.id);

      const saved = await api().post(`/pay/${t}`).type('form').send({ token: t, action: 'card', number: '5555 5555 5555 4444', expMonth: '3', expYear: '2031' }).expect(200);
      expect(saved.text).toContain('Saved: mastercard ending in 4444 is your default card.');
      const after = (await get(`/v1/sandbox/customers/${customer.id}`).expect(200)).body;
      const card = after.paymentMethods.find((m: { id: string }) => m.id === after.defaultPaymentMethodId);
      expect(card).toMatchObject({ brand: 'mastercard', last4: '4444', expMonth: 3, expYear: 2031, outcome: 'succeed' });
      expect((await eventsAbout(dataSource, card.id)).map((e) => e.type)).toEqual(['payment_method_updated']);
    });

    it('shows the invoice with its amount in its currency; a tampered, foreign or expired link is a 4xx page, or problem+json for JSON clients', async () => {
      const customer = (await post('/v1/sandbox/customers', { email: 'eur@customer.test' }).expect(201)).body;
      const invoice = (await post('/v1/sandbox/invoices', { customerId: customer.id, amountDue: 123_450, currency: 'eur', collectionMethod: 'send_invoice', dueDate: '2026-03-03T00:00:00Z' }).expect(201)).body;
      const page = await api().get(`/pay/${token({ customerId: customer.id, invoiceId: invoice.id })}`).expect(200);
      expect(page.text).toContain(`<span id="invoice-number">${invoice.number}</span>`);
      expect(page.text).toContain('<strong id="amount-due">€1,234.50</strong>');
      expect(page.text).toContain('March 3, 2026');

      const valid = token({ customerId: customer.id, invoiceId: invoice.id });
      const tampered = `${Buffer.from(JSON.stringify({ c: 'cus_x', i: invoice.id, e: Date.now() + 3_600_000 })).toString('base64url')}.${valid.split('.')[1]}`;
      const foreign = signSelfServiceToken({ customerId: customer.id, expiresAt: Date.now() + 3_600_000 }, 'another-key-of-at-least-16');
      for (const [t, status] of [[tampered, 404], [foreign, 404], ['nonsense', 404], [token({ customerId: customer.id }, Date.now() - 1), 410]] as const) {
        const html = await api().get(`/pay/${t}`).expect(status);
        expect(html.headers['content-type']).toMatch(/^text\/html/);
        expect(html.text).not.toContain(invoice.number);
        const json = await api().get(`/pay/${t}`).set('Accept', 'application/json').expect(status);
        expect(json.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(json.body).toMatchObject({ status, detail: expect.any(String), instance: '/pay/[Redacted]' });
      }
    });
  });
});
