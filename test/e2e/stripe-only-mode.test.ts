import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AdminClient } from '../../services/cli/admin-client';
import { requireSandbox } from '../../services/cli/run-scenario';
import { body, KEY, paymentFailedEvent, problemOf, recipe1, startAdminApp, type AdminApp } from './admin-helpers';
import { eventually } from '../support/ingestion-app';
import { runOf } from '../support/recipes-world';

jest.setTimeout(120_000);

/** A local Stripe API: refuses every key (401, as Stripe answers a wrong one) until told to accept. */
function fakeStripe() {
  let accept = false;
  const server: Server = createServer((req, res) => {
    const send = (status: number, payload: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    if (!accept) return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API key provided: sk_test_******oops' } });
    if (req.method === 'GET' && req.url?.startsWith('/v1/customers?')) return send(200, { object: 'list', data: [], has_more: false, url: '/v1/customers' });
    send(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such object' } });
  });
  return {
    accept: () => (accept = true),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

describe('BILLING_PROVIDER=stripe is Stripe only; a refused key shows in readiness and holds dispatch', () => {
  const stripe = fakeStripe();
  let api: AdminApp;
  let listening: Server;
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    api = await startAdminApp({ BILLING_PROVIDER: 'stripe', STRIPE_API_KEY: 'sk_test_oops', STRIPE_API_BASE: await stripe.listen(), STRIPE_WEBHOOK_SECRETS: 'whsec_test_only' });
    listening = await new Promise<Server>((resolve) => { const s = api.app.getHttpServer().listen(0, '127.0.0.1', () => resolve(s)); });
    await api.post('/v1/automations', body(recipe1)).expect(201);
  });
  afterAll(async () => {
    await api?.close();
    await stripe.close();
  });

  it('answers the sandbox routes 404 problem+json naming the provider', async () => {
    for (const path of ['/v1/sandbox/customers', '/v1/sandbox/invoices/in_1', '/v1/sandbox/products']) {
      const problem = problemOf(await api.get(path), 404);
      expect(problem.detail).toContain('this system runs BILLING_PROVIDER=stripe');
    }
    expect(problemOf(await api.post('/v1/sandbox/customers', { email: 'a@b.test' }), 404).detail).toContain('sandbox ledger is off');
  });

  it('the trigger CLI refuses with a clear message', async () => {
    const client = new AdminClient(`http://127.0.0.1:${(listening.address() as AddressInfo).port}`, KEY);
    await expect(requireSandbox(client)).rejects.toThrow(/scenarios play in the sandbox ledger, which is off here \(this system runs BILLING_PROVIDER=stripe.*stripe trigger invoice\.payment_failed/);
  });

  it('a refused key: /health/ready 503 naming it, events held with no run started; once accepted, ready and dispatched', async () => {
    const ready = await eventually(async () => {
      const res = await http().get('/health/ready');
      return res.status === 503 && res;
    });
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ready.body.detail).toMatch(/billing: down \(auth: Stripe customers\.list: Invalid API key provided: \[redacted\]/);
    expect(ready.body.detail).toMatch(/postgres: up/);
    expect(ready.body.detail).toMatch(/temporal: up/);

    const event = paymentFailedEvent();
    await api.post('/v1/events', event).expect(202);
    const held = await eventually(async () => {
      const [row] = await api.db.dataSource.query(
        `SELECT e.status, o.attempts, o.last_error FROM events e JOIN outbox o ON o.event_id = e.id WHERE e.provider_event_id = $1`, [event.id]);
      return row?.attempts >= 1 && row;
    });
    expect(held).toMatchObject({ status: 'received', last_error: expect.stringContaining('refuses our credentials') });
    expect((await api.get(`/v1/runs?invoiceId=${event.invoice.id}`).expect(200)).body.data).toEqual([]);

    stripe.accept(); // the key is fixed (here: the provider accepts it again); the re-check finds it
    await eventually(async () => (await http().get('/health/ready')).status === 200, 60_000);
    const run = await runOf(api, `invoiceId=${event.invoice.id}`, 60_000);
    expect(run.id).toContain(`:invoice:${event.invoice.id}`);
  });

  it('Stripe still retrying an invoice: the run shows "provider retries on", readiness warns with the setting, its attempts are on the card', async () => {
    const event = paymentFailedEvent({ invoiceId: 'in_stripe_retries' });
    await api.post('/v1/events', event).expect(202);
    const run = await runOf(api, `invoiceId=${event.invoice.id}`, 60_000);
    const before = (await api.get(`/v1/runs/${encodeURIComponent(run.id)}`).expect(200)).body;
    expect(before.providerRetries).toMatchObject({ on: false, reasons: [], providerAttempts: 0 });
    expect((await http().get('/health/ready').expect(200)).body.details.providerRetries).toEqual({ status: 'up', invoices: 0 });
    // Stripe's own retry of the invoice, between the run's: its failed-payment event says the next attempt, and the
    // card ledger books the attempt as the provider's (as the dispatcher's recorder does for every such event).
    const at = new Date(Date.parse(before.startedAt) + 60_000);
    const stripeObject = { id: event.invoice.id, object: 'invoice', attempt_count: 2, next_payment_attempt: Math.floor(at.getTime() / 1000) + 3 * 86_400 };
    await api.db.dataSource.query(
      `INSERT INTO events (provider, provider_event_id, type, payload, status) VALUES ('stripe', 'evt_retry_2', 'invoice.payment_failed', $1, 'dispatched')`,
      [{ id: 'evt_retry_2', type: 'invoice.payment_failed', data: { object: stripeObject } }]);
    await api.db.dataSource.query(
      `INSERT INTO card_attempts (fingerprint, brand, attempted_at, idempotency_key, source, outcome, invoice_id, charge_id, decline_code)
       VALUES ('fp_stripe', 'visa', $1, 'observed:ch_stripe_2', 'provider', 'failed', $2, 'ch_stripe_2', 'insufficient_funds')`, [at, event.invoice.id]);
    const after = (await api.get(`/v1/runs/${encodeURIComponent(run.id)}`).expect(200)).body;
    expect(after.providerRetries).toEqual({
      invoiceId: event.invoice.id, on: true, reasons: ['next_payment_attempt', 'provider_attempts'], providerAttempts: 1,
      setting: expect.stringContaining('Manage failed payments → Smart Retries: off'),
    });
    const ready = (await http().get('/health/ready').expect(200)).body;
    expect(ready.status).toBe('ok');
    expect(ready.details.providerRetries).toMatchObject({ status: 'up', invoices: 1 });
    expect(ready.details.providerRetries.warning).toMatch(/Stripe still retries 1 invoice\(s\) in dunning runs \(in_stripe_retries\).*Settings → Billing → Subscriptions and emails → Manage failed payments → Smart Retries: off/);
    // Counted in the card budget: the provider's attempt is in the card's log with the runs' own.
    const card = (await api.get('/v1/cards/fp_stripe/attempts').expect(200)).body;
    expect(JSON.stringify(card)).toContain('ch_stripe_2');
  });
});
