import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createIngestionApp, isolatedDatabase } from '../support/ingestion-app';

const KEY = 'Bearer dev-admin-key';

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
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await isolatedDatabase();
    app = await createIngestionApp({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('requires an admin API key', async () => {
    const res = await http().post('/v1/events').send(genericEvent()).expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('accepts a generic event with 202, and a repeat with 200 duplicate without a second row', async () => {
    const event = genericEvent();
    const first = await http().post('/v1/events').set('Authorization', KEY).send(event).expect(202);
    expect(first.body).toEqual({ id: expect.any(String), received: true, duplicate: false });
    const again = await http().post('/v1/events').set('Authorization', KEY).send({ ...event, attempt: { number: 2 } }).expect(200);
    expect(again.body).toEqual({ id: first.body.id, received: true, duplicate: true });
    const rows = await db.dataSource.query('SELECT provider, type, payload FROM events WHERE provider_event_id = $1', [event.id]);
    expect(rows).toEqual([{ provider: 'generic', type: 'invoice_payment_failed', payload: event }]);
    expect((await db.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE event_id = $1', [first.body.id]))[0].n).toBe(1);
  });

  it('rejects unknown fields and wrong types with one error per field path, storing nothing', async () => {
    const event = genericEvent({ colour: 'red', invoice: { ...genericEvent().invoice, amount_due: '49.00' } });
    const res = await http().post('/v1/events').set('Authorization', KEY).send(event).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const paths = JSON.parse(res.text).errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['invoice.amount_due', '']));
    expect(JSON.stringify(JSON.parse(res.text).errors)).toContain('colour');
    expect(await db.dataSource.query('SELECT 1 FROM events WHERE provider_event_id = $1', [event.id])).toEqual([]);
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
    expect(none.body).toEqual({ data: [], hasMore: false });
  });

  it('rejects bad query parameters with their names', async () => {
    const res = await http().get('/v1/events').query({ limit: 0, status: 'lost', colour: 'red' }).set('Authorization', KEY).expect(400);
    const paths = JSON.parse(res.text).errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['limit', 'status', 'colour']));
    await http().get('/v1/events').query({ starting_after: randomUUID() }).set('Authorization', KEY).expect(400);
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
