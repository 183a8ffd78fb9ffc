import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AUTH as KEY, problemOf, startAdminApp, type AdminApp } from './admin-helpers';

/** A valid generic `invoice_payment_failed` event with a unique id. */
const genericEvent = (overrides: Record<string, unknown> = {}) => ({
  id: `evt_gen_${randomUUID()}`,
  type: 'invoice_payment_failed',
  occurred_at: '2026-01-15T09:30:00Z',
  invoice: { id: `in_${randomUUID()}`, customer_id: 'cus_1', subscription_id: 'sub_1', status: 'open', amount_due: 4900, currency: 'usd' },
  attempt: { number: 1, decline_code: 'insufficient_funds' },
  ...overrides,
});

describe('/v1/events', () => {
  let api: AdminApp;
  const http = () => request(api.app.getHttpServer());

  // The whole gateway, with the dispatcher off so that the events stay `received` for the list assertions.
  beforeAll(async () => {
    api = await startAdminApp({ DISPATCHER_ENABLED: 'false' });
  });
  afterAll(() => api?.close());

  it('requires an admin API key', async () => {
    const res = await http().post('/v1/events').send(genericEvent()).expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('accepts a generic event with 202, a repeat of the same body with 200 duplicate, another body under the id with 409, one row', async () => {
    const event = genericEvent();
    const first = await http().post('/v1/events').set('Authorization', KEY).send(event).expect(202);
    expect(first.body).toEqual({ id: expect.any(String), received: true, duplicate: false });
    // The same event re-sent with its keys in another order is the same body.
    const reordered = Object.fromEntries(Object.entries(event).reverse());
    const again = await http().post('/v1/events').set('Authorization', KEY).send(reordered).expect(200);
    expect(again.body).toEqual({ id: first.body.id, received: true, duplicate: true });
    const reused = problemOf(await http().post('/v1/events').set('Authorization', KEY).send({ ...event, attempt: { number: 2 } }), 409);
    expect(reused.detail).toContain(`Event id ${event.id} was already accepted with another body`);
    expect(reused.errors).toEqual([{ path: 'id', message: 'already used for another event' }]);
    const rows = await api.db.dataSource.query('SELECT provider, type, payload FROM events WHERE provider_event_id = $1', [event.id]);
    expect(rows).toEqual([{ provider: 'generic', type: 'invoice_payment_failed', payload: event }]);
    expect((await api.db.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE event_id = $1', [first.body.id]))[0].n).toBe(1);
  });

  it('rejects unknown fields and wrong types with 422 and one error per field path, storing nothing', async () => {
    const event = genericEvent({ colour: 'red', invoice: { ...genericEvent().invoice, amount_due: '49.00' } });
    const { errors } = problemOf(await http().post('/v1/events').set('Authorization', KEY).send(event), 422);
    expect(errors!.map((e) => e.path)).toEqual(expect.arrayContaining(['invoice.amount_due', '']));
    expect(JSON.stringify(errors)).toContain('colour');
    expect(await api.db.dataSource.query('SELECT 1 FROM events WHERE provider_event_id = $1', [event.id])).toEqual([]);
  });

  it('lists events newest first with filters and a cursor that covers every event exactly once', async () => {
    const type = 'customer_created';
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const event = { id: `evt_list_${randomUUID()}`, type, occurred_at: '2026-01-15T09:30:00Z', customer: { id: `cus_list_${i}` } };
      ids.push((await http().post('/v1/events').set('Authorization', KEY).send(event).expect(202)).body.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await http().get('/v1/events').query({ type, status: 'received', limit: 2, ...(cursor && { starting_after: cursor }) })
        .set('Authorization', KEY).expect(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data.map((e: { id: string; type: string }) => (expect(e.type).toBe(type), e.id)));
      cursor = res.body.hasMore ? res.body.nextStartingAfter : undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const none = await http().get('/v1/events').query({ type, status: 'dispatched' }).set('Authorization', KEY).expect(200);
    expect(none.body).toEqual({ data: [], hasMore: false, nextStartingAfter: null });
  });

  it('rejects bad query parameters and unknown cursors with 422 and their names', async () => {
    const { errors } = problemOf(await http().get('/v1/events').query({ limit: 0, status: 'lost', colour: 'red' }).set('Authorization', KEY), 422);
    expect(errors!.map((e) => e.path)).toEqual(expect.arrayContaining(['limit', 'status', 'colour']));
    const cursor = problemOf(await http().get('/v1/events').query({ starting_after: randomUUID() }).set('Authorization', KEY), 422);
    expect(cursor.errors).toEqual([{ path: 'starting_after', message: 'no item with this id' }]);
  });

  it('shows one event with its payload, and 404 for an unknown or malformed id', async () => {
    const event = genericEvent();
    const { id } = (await http().post('/v1/events').set('Authorization', KEY).send(event).expect(202)).body;
    const res = await http().get(`/v1/events/${id}`).set('Authorization', KEY).expect(200);
    expect(res.body).toMatchObject({ id, provider: 'generic', providerEventId: event.id, status: 'received', payload: event,
      explanation: null, outcome: null, matchedAutomation: null });
    await http().get(`/v1/events/${randomUUID()}`).set('Authorization', KEY).expect(404);
    await http().get('/v1/events/not-a-uuid').set('Authorization', KEY).expect(404);
  });
});
