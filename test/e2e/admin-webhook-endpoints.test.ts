import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { DELIVERY_WINDOW_MS } from '../../domain/webhooks/delivery-schedule';
import { queueMessages } from '../../services/common/webhooks/run-event-outbox';
import { WebhookDeliveryService } from '../../services/gateway/webhook-endpoints/webhook-delivery.service';
import { problemOf, startAdminApp, type AdminApp } from './admin-helpers';

jest.setTimeout(60_000);

/** A receiver that answers `status` and keeps what it got. */
async function receiver(status: () => number) {
  const got: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => { got.push({ headers: req.headers, body }); res.writeHead(status()).end(); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { got, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, close: () => new Promise((r) => server.close(r)) };
}

const std = (h: IncomingHttpHeaders) => ({ 'webhook-id': String(h['webhook-id']), 'webhook-timestamp': String(h['webhook-timestamp']), 'webhook-signature': String(h['webhook-signature']) });

describe('admin API: /v1/webhook-endpoints and the delivery outbox', () => {
  let api: AdminApp;
  let delivery: WebhookDeliveryService;
  let db: DataSource;
  let ok: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    api = await startAdminApp({ OUTBOUND_ALLOWED_HOSTS: '127.0.0.1', DISPATCHER_ENABLED: 'false' });
    delivery = api.app.get(WebhookDeliveryService);
    await delivery.onModuleDestroy(); // the background loop off: this file drives deliverDue on its own clock
    db = api.app.get(DataSource);
    ok = await receiver(() => 204);
  });
  afterAll(async () => {
    await ok?.close();
    await api?.close();
  });

  /** Queues one message as a run record would, and sends what is due at `at` (default: once queued); answers that time. */
  async function queueAndDeliver(messageId: string, at?: Date): Promise<Date> {
    await db.transaction((tx) => queueMessages(tx, [{ messageId, type: 'run.ended', runId: 'run:x', body: { type: 'run.ended', timestamp: new Date().toISOString(), data: { runId: 'run:x' } } }]));
    const now = at ?? new Date();
    await Promise.all(await delivery.deliverDue(now));
    return now;
  }

  it('requires the API key', async () => {
    problemOf(await request(api.app.getHttpServer()).get('/v1/webhook-endpoints'), 401);
  });

  it('refuses bad input with problem+json 422 (paths) or 404, storing nothing', async () => {
    const cases: [object, string[]][] = [
      [{ url: 'ftp://hooks.example.com/x', eventTypes: ['run.ended'] }, ['url']],
      [{ url: 'http://169.254.169.254/latest', eventTypes: ['run.ended'] }, ['url']],
      [{ url: 'http://localhost:9/x', eventTypes: ['run.ended'] }, ['url']],
      [{ url: 'https://hooks.example.com/x', eventTypes: ['run.exploded'] }, ['eventTypes']],
      [{ url: 'https://hooks.example.com/x', eventTypes: [] }, ['eventTypes']],
      [{ url: 'https://hooks.example.com/x' }, ['eventTypes']],
      [{ url: 'https://hooks.example.com/x', eventTypes: ['*'], secret: 'mine' }, ['secret']],
    ];
    for (const [input, paths] of cases) {
      const res = await api.post('/v1/webhook-endpoints', input);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect([...new Set(problemOf(res, 422).errors!.map((e) => e.path))]).toEqual(paths);
    }
    expect((await api.get('/v1/webhook-endpoints').expect(200)).body.data).toEqual([]);
    problemOf(await api.get('/v1/webhook-endpoints/not-a-uuid'), 404);
    problemOf(await api.post('/v1/webhook-endpoints/00000000-0000-4000-8000-000000000000/enable'), 404);
    const created = await api.post('/v1/webhook-endpoints', { url: 'https://hooks.example.com/x', eventTypes: ['*'] }).expect(201);
    problemOf(await api.patch(`/v1/webhook-endpoints/${created.body.id}`, { url: 'http://10.0.0.1/x' }), 422);
    // An explicit null is not "leave as it is": refused with its path, the stored endpoint unchanged.
    for (const field of ['url', 'eventTypes', 'enabled']) {
      expect([...new Set(problemOf(await api.patch(`/v1/webhook-endpoints/${created.body.id}`, { [field]: null }), 422).errors!.map((e) => e.path))]).toEqual([field]);
    }
    expect((await api.get(`/v1/webhook-endpoints/${created.body.id}`).expect(200)).body).toMatchObject({ url: 'https://hooks.example.com/x', eventTypes: ['*'], enabled: true });
    // A null description clears it (descriptions are text, empty when unset).
    expect((await api.patch(`/v1/webhook-endpoints/${created.body.id}`, { description: null }).expect(200)).body.description).toBe('');
    problemOf(await api.post(`/v1/webhook-endpoints/${created.body.id}/rotate-secret`, { graceSeconds: -1 }), 422);
    problemOf(await api.get(`/v1/webhook-endpoints/${created.body.id}/deliveries?status=lost`), 422);
    await api.del(`/v1/webhook-endpoints/${created.body.id}`).expect(200, { id: created.body.id, deleted: true });
  });

  it('creates, lists, updates and deletes; the secret is shown only when made; GraphQL is the same service', async () => {
    const created = await api.post('/v1/webhook-endpoints', { url: 'https://hooks.example.com/a', eventTypes: ['run.started', 'run.ended'], description: 'CRM' }).expect(201);
    expect(created.body).toMatchObject({ url: 'https://hooks.example.com/a', eventTypes: ['run.started', 'run.ended'], enabled: true, status: 'active', secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/) });
    const { secret, ...shown } = created.body;
    expect(secret).toBeDefined();
    await api.get(`/v1/webhook-endpoints/${created.body.id}`).expect(200, shown);
    const updated = await api.patch(`/v1/webhook-endpoints/${created.body.id}`, { enabled: false, eventTypes: ['*'] }).expect(200);
    expect(updated.body).toMatchObject({ enabled: false, eventTypes: ['*'] });
    expect(updated.body.secret).toBeUndefined();
    const gql = await api.gql('query($id: ID!) { webhookEndpoint(id: $id) { id enabled status eventTypes secret } webhookEndpoints { data { id } } }', { id: created.body.id });
    expect(gql.data).toEqual({ webhookEndpoint: { id: created.body.id, enabled: false, status: 'active', eventTypes: ['*'], secret: null }, webhookEndpoints: { data: [{ id: created.body.id }] } });
    const made = await api.gql('mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { id secret } }', { i: { url: 'ftp://x.example.com', eventTypes: ['*'] } });
    expect(made.errors?.[0].extensions).toMatchObject({ status: 422 });
    const rotated = await api.gql('mutation($id: ID!) { rotateWebhookEndpointSecret(id: $id, input: { graceSeconds: 0 }) { secret previousSecretExpiresAt } }', { id: created.body.id });
    expect(rotated.data.rotateWebhookEndpointSecret).toEqual({ secret: expect.stringMatching(/^whsec_/), previousSecretExpiresAt: null });
    const deleted = await api.gql('mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { id deleted } }', { id: created.body.id });
    expect(deleted.data.deleteWebhookEndpoint).toEqual({ id: created.body.id, deleted: true });
  });

  it('delivers signed as Standard Webhooks; during a rotation both secrets verify the same message', async () => {
    const endpoint = (await api.post('/v1/webhook-endpoints', { url: ok.url, eventTypes: ['run.ended'] }).expect(201)).body;
    await queueAndDeliver('msg_one');
    const [first] = ok.got.splice(0);
    expect(new Webhook(endpoint.secret).verify(first.body, std(first.headers))).toMatchObject({ type: 'run.ended', data: { runId: 'run:x' } });
    expect(first.headers['webhook-id']).toBe('msg_one');

    const rotated = (await api.post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, {}).expect(200)).body;
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000); // a day's grace by default
    await queueAndDeliver('msg_two');
    const [second] = ok.got.splice(0);
    expect(String(second.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const s of [rotated.secret, endpoint.secret]) expect(new Webhook(s).verify(second.body, std(second.headers))).toMatchObject({ type: 'run.ended' });
    expect(() => new Webhook(`whsec_${Buffer.from('someone else').toString('base64')}`).verify(second.body, std(second.headers))).toThrow();

    const page = (await api.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`).expect(200)).body;
    expect(page.data.map((d: { messageId: string; status: string; attempts: number; lastStatus: number }) => [d.messageId, d.status, d.attempts, d.lastStatus]))
      .toEqual([['msg_two', 'delivered', 1, 204], ['msg_one', 'delivered', 1, 204]]);
    await api.patch(`/v1/webhook-endpoints/${endpoint.id}`, { enabled: false }).expect(200);
  });

  it('retries a dead endpoint with backoff for 3 days, then marks it failing and holds its events until re-enabled', async () => {
    let status = 503;
    const flaky = await receiver(() => status);
    try {
      const endpoint = (await api.post('/v1/webhook-endpoints', { url: flaky.url, eventTypes: ['*'] }).expect(201)).body;
      const t0 = await queueAndDeliver('msg_dead');
      const deliveries = async () => (await api.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`).expect(200)).body.data;
      expect((await deliveries())[0]).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 503, nextAttemptAt: new Date(t0.getTime() + 10_000).toISOString() });
      await Promise.all(await delivery.deliverDue(new Date(t0.getTime() + 5_000)));
      expect((await deliveries())[0].attempts).toBe(1); // not due yet

      const late = new Date(t0.getTime() + DELIVERY_WINDOW_MS - 30_000); // a retry 20 s later still fits the window
      await Promise.all(await delivery.deliverDue(late));
      expect((await deliveries())[0]).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: new Date(late.getTime() + 20_000).toISOString() });
      await Promise.all(await delivery.deliverDue(new Date(late.getTime() + 20_000))); // the next one would not: given up
      expect((await deliveries())[0]).toMatchObject({ status: 'failed', attempts: 3 });
      const failing = (await api.get(`/v1/webhook-endpoints/${endpoint.id}`).expect(200)).body;
      expect(failing).toMatchObject({ status: 'failing', failingSince: expect.any(String) });

      await queueAndDeliver('msg_while_failing', new Date(late.getTime() + 60_000)); // queued but held: nothing is sent
      expect((await deliveries())[0]).toMatchObject({ messageId: 'msg_while_failing', status: 'held', attempts: 0 });
      const sent = flaky.got.length;

      status = 200;
      const enabled = (await api.post(`/v1/webhook-endpoints/${endpoint.id}/enable`).expect(200)).body;
      expect(enabled).toMatchObject({ status: 'active', enabled: true, failingSince: null });
      await Promise.all(await delivery.deliverDue(new Date(Date.now() + 1_000)));
      expect((await deliveries()).map((d: { messageId: string; status: string }) => [d.messageId, d.status])).toEqual([['msg_while_failing', 'delivered'], ['msg_dead', 'delivered']]);
      expect(flaky.got.length).toBe(sent + 2);
      const gql = await api.gql('query($id: ID!) { webhookDeliveries(endpointId: $id, status: "delivered") { data { messageId attempts } } }', { id: endpoint.id });
      expect(gql.errors).toBeUndefined();
      expect(gql.data.webhookDeliveries.data).toHaveLength(2);
    } finally {
      await flaky.close();
    }
  });
});
