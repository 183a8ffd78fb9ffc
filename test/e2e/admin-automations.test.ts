import request from 'supertest';
import { body, paymentFailedEvent, problemOf, recipe1, recipe2, recipe3, SECOND_KEY, startAdminApp, type AdminApp } from './admin-helpers';

jest.setTimeout(60_000);

describe('admin API: /v1/automations', () => {
  let api: AdminApp;
  beforeAll(async () => {
    api = await startAdminApp();
  });
  afterAll(() => api?.close());

  describe('auth', () => {
    it('answers 401 problem+json without a key and with a wrong key', async () => {
      problemOf(await request(api.app.getHttpServer()).get('/v1/automations'), 401);
      problemOf(await request(api.app.getHttpServer()).post('/v1/automations').set('Authorization', 'Bearer nope').send(body(recipe1)), 401);
      problemOf(await request(api.app.getHttpServer()).post('/v1/automations/reorder').set('Authorization', 'Basic x').send({ ids: [] }), 401);
    });

    it('accepts every configured key', async () => {
      await request(api.app.getHttpServer()).get('/v1/automations').set('Authorization', `Bearer ${SECOND_KEY}`).expect(200);
    });
  });

  describe('create and read', () => {
    it('creates version 1 and reads it back with its definition', async () => {
      const created = await api.post('/v1/automations', body(recipe1, { description: 'annual', priority: 5 })).expect(201);
      expect(created.body).toMatchObject({
        id: expect.any(String), name: recipe1.name, description: 'annual', priority: 5, status: 'enabled', version: 1,
        trigger: { type: 'subscription_payment_failed' }, definition: { steps: recipe1.steps, filters: recipe1.filters },
      });
      const read = await api.get(`/v1/automations/${created.body.id}`).expect(200);
      expect(read.body).toEqual(created.body);
      const v1 = await api.get(`/v1/automations/${created.body.id}/versions/1`).expect(200);
      expect(v1.body).toMatchObject({ automationId: created.body.id, version: 1, definition: { name: recipe1.name, steps: recipe1.steps } });
    });

    it('rejects an invalid definition with 422 and the domain field paths', async () => {
      const bad = body(recipe1, {
        steps: [{ type: 'retry_payment', policy: { type: 'smart', window: '5w', maxRetries: 9 } }, { type: 'wait', days: 0 }],
      });
      const problem = problemOf(await api.post('/v1/automations', bad), 422);
      const paths = problem.errors!.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['steps.0.policy.window', 'steps.0.policy.maxRetries', 'steps.1.days']));
    });

    it('rejects steps that do not fit the trigger and team emails outside the company', async () => {
      const wrongSubject = body(recipe3, { steps: [{ type: 'retry_payment', policy: { type: 'custom', days: [1] } }] });
      expect(problemOf(await api.post('/v1/automations', wrongSubject), 422).errors).toEqual([{ path: 'steps.0.type', message: expect.stringContaining('needs an invoice') }]);
      // A template about an invoice on a trigger without one would send "We could not collect  for invoice .".
      const noInvoice = body(recipe3, { steps: [{ type: 'send_customer_email', template: 'payment_failed' }] });
      expect(problemOf(await api.post('/v1/automations', noInvoice), 422).errors).toEqual([{ path: 'steps.0.template', message: 'template payment_failed needs an invoice; trigger subscription_canceled has none' }]);
      const outsider = body(recipe2, { steps: [{ type: 'send_team_email', to: ['boss@gmail.com'], memo: 'hi' }] });
      expect(problemOf(await api.post('/v1/automations', outsider), 422).errors).toEqual([{ path: 'steps.0.to', message: expect.stringContaining('boss@gmail.com') }]);
    });

    it('rejects unknown and mistyped fields with 422 and their paths', async () => {
      const unknown = problemOf(await api.post('/v1/automations', body(recipe1, { colour: 'red' })), 422);
      expect(unknown.errors).toEqual([{ path: 'colour', message: expect.stringContaining('should not exist') }]);
      const typed = problemOf(await api.post('/v1/automations', { ...body(recipe1), priority: 'high', steps: 'none' }), 422);
      expect([...new Set(typed.errors!.map((e) => e.path))].sort()).toEqual(['priority', 'steps']);
      problemOf(await api.get('/v1/automations?limit=0&colour=red'), 422);
    });

    it('answers 404 for unknown and malformed ids and versions', async () => {
      problemOf(await api.get('/v1/automations/00000000-0000-4000-8000-000000000000'), 404);
      problemOf(await api.get('/v1/automations/not-a-uuid'), 404);
      const { body: a } = await api.post('/v1/automations', body(recipe2)).expect(201);
      problemOf(await api.get(`/v1/automations/${a.id}/versions/7`), 404);
      problemOf(await api.get(`/v1/automations/${a.id}/versions/x`), 404);
      problemOf(await api.get(`/v1/automations/${a.id}/versions/99999999999`), 404); // past PostgreSQL's integer
      problemOf(await api.post(`/v1/automations/${a.id}/preview`, { event: paymentFailedEvent(), version: 2.4e307 }), 404);
      problemOf(await api.patch('/v1/automations/00000000-0000-4000-8000-000000000000', { name: 'x' }), 404);
    });
  });

  describe('versions', () => {
    it('makes a new version when the definition changes, and none for description or priority', async () => {
      const { body: a } = await api.post('/v1/automations', body(recipe1)).expect(201);
      const same = await api.patch(`/v1/automations/${a.id}`, { description: 'notes', priority: 3 }).expect(200);
      expect(same.body).toMatchObject({ version: 1, description: 'notes', priority: 3 });
      const steps = [{ type: 'retry_payment', policy: { type: 'custom', days: [1, 2] } }, { type: 'cancel_subscription' }];
      const v2 = await api.patch(`/v1/automations/${a.id}`, { steps }).expect(200);
      expect(v2.body).toMatchObject({ version: 2, definition: { steps, filters: recipe1.filters } });
      const v3 = await api.post(`/v1/automations/${a.id}`, { filters: null, name: 'renamed' }).expect(200);
      expect(v3.body).toMatchObject({ version: 3, name: 'renamed' });
      expect(v3.body.definition.filters).toBeUndefined();
      const list = await api.get(`/v1/automations/${a.id}/versions?limit=2`).expect(200);
      expect(list.body.data.map((v: { version: number }) => v.version)).toEqual([3, 2]);
      expect(list.body).toMatchObject({ hasMore: true, nextStartingAfter: '2' });
      const rest = await api.get(`/v1/automations/${a.id}/versions?starting_after=2`).expect(200);
      expect(rest.body.data.map((v: { version: number }) => v.version)).toEqual([1]);
      expect(rest.body.data[0].definition.steps).toEqual(recipe1.steps); // old versions are immutable
      problemOf(await api.patch(`/v1/automations/${a.id}`, { trigger: { type: 'invoice_overdue' } }), 422);
    });
  });

  describe('list, enable, disable, reorder, delete', () => {
    it('lists in matching order with filters and cursor pagination', async () => {
      const ids: string[] = [];
      for (const priority of [30, 10, 20]) {
        ids.push((await api.post('/v1/automations', body(recipe3, { priority, name: `cancel ${priority}` })).expect(201)).body.id);
      }
      const first = await api.get('/v1/automations?trigger=subscription_canceled&limit=2').expect(200);
      expect(first.body.data.map((a: { priority: number }) => a.priority)).toEqual([10, 20]);
      expect(first.body.hasMore).toBe(true);
      const next = await api.get(`/v1/automations?trigger=subscription_canceled&limit=2&starting_after=${first.body.nextStartingAfter}`).expect(200);
      expect(next.body).toMatchObject({ data: [{ priority: 30 }], hasMore: false, nextStartingAfter: null });
      problemOf(await api.get('/v1/automations?starting_after=00000000-0000-4000-8000-000000000000'), 422);

      const reordered = await api.post('/v1/automations/reorder', { ids: [ids[0]] }).expect(200);
      expect(reordered.body.map((a: { id: string }) => a.id)).toEqual([ids[0], ids[1], ids[2]]);
      expect(reordered.body.map((a: { priority: number }) => a.priority)).toEqual([10, 20, 30]);
      const { body: other } = await api.post('/v1/automations', body(recipe2)).expect(201);
      expect(problemOf(await api.post('/v1/automations/reorder', { ids: [ids[0], other.id] }), 422).errors![0].path).toBe('ids');
      problemOf(await api.post('/v1/automations/reorder', { ids: ['00000000-0000-4000-8000-000000000000'] }), 404);
      expect(problemOf(await api.post('/v1/automations/reorder', { ids: ['x'] }), 422).errors![0].path).toBe('ids');
    });

    it('enables and disables idempotently, and filters by status', async () => {
      const { body: a } = await api.post('/v1/automations', body(recipe2)).expect(201);
      expect((await api.post(`/v1/automations/${a.id}/enable`).expect(200)).body.status).toBe('enabled');
      for (let i = 0; i < 2; i++) {
        const res = await api.post(`/v1/automations/${a.id}/disable`, { mode: 'finish' }).expect(200);
        expect(res.body).toMatchObject({ automation: { id: a.id, status: 'disabled' }, mode: 'finish', canceledRunIds: [] });
      }
      const disabled = await api.get('/v1/automations?status=disabled&limit=100').expect(200);
      expect(disabled.body.data.map((x: { id: string }) => x.id)).toContain(a.id);
      expect(problemOf(await api.post(`/v1/automations/${a.id}/disable`, { mode: 'later' }), 422).errors![0].path).toBe('mode');
      problemOf(await api.post('/v1/automations/00000000-0000-4000-8000-000000000000/enable'), 404);
      expect((await api.post(`/v1/automations/${a.id}/enable`).expect(200)).body.status).toBe('enabled');
    });

    it('deletes only without running runs (409 otherwise), keeping versions for past runs', async () => {
      const { body: a } = await api.post('/v1/automations', body(recipe2)).expect(201);
      await api.db.dataSource.query(
        `INSERT INTO runs (id, automation_id, automation_version, subject_type, subject_id, status, started_at) VALUES ($1, $2, 1, 'invoice', 'in_del', 'running', now())`,
        [`run:${a.id}:invoice:in_del`, a.id],
      );
      problemOf(await api.del(`/v1/automations/${a.id}`), 409);
      await api.db.dataSource.query(`UPDATE runs SET status = 'completed', ended_at = now() WHERE automation_id = $1`, [a.id]);
      expect((await api.del(`/v1/automations/${a.id}`).expect(200)).body).toEqual({ id: a.id, deleted: true });
      problemOf(await api.get(`/v1/automations/${a.id}`), 404);
      problemOf(await api.del(`/v1/automations/${a.id}`), 404);
      const [{ n }] = await api.db.dataSource.query('SELECT count(*)::int AS n FROM automation_versions WHERE automation_id = $1', [a.id]);
      expect(n).toBe(1);
    });
  });
});
