import request from 'supertest';
import { seedStoredFailures } from '../../testkit/stored-failures';
import { body, problemOf, recipe1, startAdminApp, type AdminApp } from './admin-helpers';

jest.setTimeout(60_000);

describe('admin API: /v1/retry-policies', () => {
  let api: AdminApp;
  beforeAll(async () => {
    api = await startAdminApp();
  });
  afterAll(() => api?.close());

  const smart = { type: 'smart', window: '1m', maxRetries: 4 };

  it('requires the API key', async () => {
    problemOf(await request(api.app.getHttpServer()).get('/v1/retry-policies'), 401);
    problemOf(await request(api.app.getHttpServer()).delete('/v1/retry-policies/x').set('Authorization', 'Bearer wrong'), 401);
  });

  it('creates, reads, lists, updates and deletes a named policy', async () => {
    const created = await api.post('/v1/retry-policies', { name: 'Monthly, 1 month', policy: smart }).expect(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: 'Monthly, 1 month', description: '', policy: smart });
    await api.get(`/v1/retry-policies/${created.body.id}`).expect(200, created.body);
    await api.post('/v1/retry-policies', { name: 'Custom', policy: { type: 'custom', days: [1, 3, 5] } }).expect(201);
    const page = await api.get('/v1/retry-policies?limit=1').expect(200);
    expect(page.body).toMatchObject({ data: [{ name: 'Custom' }], hasMore: true });
    const next = await api.get(`/v1/retry-policies?limit=1&starting_after=${page.body.nextStartingAfter}`).expect(200);
    expect(next.body).toMatchObject({ data: [{ name: 'Monthly, 1 month' }], hasMore: false });
    const updated = await api.patch(`/v1/retry-policies/${created.body.id}`, { description: 'd', policy: { type: 'custom', days: [2] } }).expect(200);
    expect(updated.body).toMatchObject({ description: 'd', policy: { type: 'custom', days: [2] } });
    // An explicit null name is refused with its path (not written to a NOT NULL column); a null description clears it.
    expect(problemOf(await api.patch(`/v1/retry-policies/${created.body.id}`, { name: null }), 422).errors!.map((e) => e.path)).toContain('name');
    expect((await api.patch(`/v1/retry-policies/${created.body.id}`, { description: null }).expect(200)).body).toMatchObject({ id: created.body.id, description: '' });
    await api.del(`/v1/retry-policies/${created.body.id}`).expect(200, { id: created.body.id, deleted: true });
    problemOf(await api.get(`/v1/retry-policies/${created.body.id}`), 404);
  });

  it('validates the policy with the domain schema (422 with paths) and rejects unknown fields', async () => {
    const bad = problemOf(await api.post('/v1/retry-policies', { name: 'bad', policy: { type: 'smart', window: '9w', maxRetries: 20 } }), 422);
    expect(bad.errors!.map((e) => e.path).sort()).toEqual(['policy.maxRetries', 'policy.window']);
    expect(problemOf(await api.post('/v1/retry-policies', { name: 'x', policy: smart, extra: 1 }), 422).errors).toEqual([
      { path: 'extra', message: expect.stringContaining('should not exist') },
    ]);
    expect(problemOf(await api.post('/v1/retry-policies', { policy: smart }), 422).errors!.map((e) => e.path)).toContain('name');
  });

  it('answers 409 for a duplicate name and 404 for unknown ids', async () => {
    await api.post('/v1/retry-policies', { name: 'Unique', policy: smart }).expect(201);
    problemOf(await api.post('/v1/retry-policies', { name: 'Unique', policy: smart }), 409);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      problemOf(await api.get(`/v1/retry-policies/${id}`), 404);
      problemOf(await api.patch(`/v1/retry-policies/${id}`, { name: 'x' }), 404);
      problemOf(await api.del(`/v1/retry-policies/${id}`), 404);
    }
  });

  it('resolves policyId into the version snapshot; later edits reach only new versions; in use → 409 on delete', async () => {
    const { body: policy } = await api.post('/v1/retry-policies', { name: 'Annual', policy: { type: 'smart', window: '2m', maxRetries: 8 } }).expect(201);
    const steps = [{ type: 'retry_payment', policyId: policy.id }, { type: 'cancel_subscription' }];
    const { body: a } = await api.post('/v1/automations', body(recipe1, { steps })).expect(201);
    expect(a.definition.steps[0]).toEqual({ type: 'retry_payment', policyId: policy.id, policy: policy.policy });
    await api.patch(`/v1/retry-policies/${policy.id}`, { policy: { type: 'custom', days: [3] } }).expect(200);
    expect((await api.get(`/v1/automations/${a.id}/versions/1`).expect(200)).body.definition.steps[0].policy).toEqual(policy.policy);
    const v2 = await api.patch(`/v1/automations/${a.id}`, { name: 'Annual v2' }).expect(200);
    expect(v2.body).toMatchObject({ version: 2, definition: { steps: [{ policyId: policy.id, policy: { type: 'custom', days: [3] } }, {}] } });
    problemOf(await api.patch(`/v1/automations/${a.id}`, { name: null }), 422);
    expect((await api.patch(`/v1/automations/${a.id}`, { description: null }).expect(200)).body.description).toBe('');
    problemOf(await api.del(`/v1/retry-policies/${policy.id}`), 409);
    const unknown = problemOf(await api.post('/v1/automations', body(recipe1, { steps: [{ type: 'retry_payment', policyId: 'pol_x' }] })), 422);
    expect(unknown.errors).toEqual([{ path: 'steps.0.policyId', message: 'no retry policy pol_x' }]);
  });

  it('backtests a policy over the stored failures of a period, over REST and GraphQL, changing nothing', async () => {
    const start = Date.UTC(2026, 0, 5, 12);
    await seedStoredFailures((sql, params) => api.db.dataSource.query(sql, params), 30, start, 10);
    const { body: policy } = await api.post('/v1/retry-policies', { name: 'Backtested', policy: { type: 'smart', window: '2m', maxRetries: 8 } }).expect(201);
    const count = async () => Number((await api.db.dataSource.query('SELECT count(*) AS n FROM card_attempts'))[0].n);
    const before = await count();
    const period = { from: new Date(start).toISOString(), to: new Date(start + 20 * 60_000).toISOString() }; // the first 20 failures
    const { body: report } = await api.post(`/v1/retry-policies/${policy.id}/backtest`, period).expect(200);
    expect(report.totals).toMatchObject({ invoices: 20, paidLater: 7, retryBeforePayment: expect.any(Number), rules: { retries: expect.any(String), deferrals: expect.any(String) } });
    expect(report.invoices).toHaveLength(20);
    const paid = report.invoices.find((i: { invoiceId: string }) => i.invoiceId === 'bt_in_0');
    expect(paid).toMatchObject({ end: 'paid', paidAt: new Date(start + 9 * 86_400_000).toISOString() });
    const open = report.invoices.find((i: { invoiceId: string }) => i.invoiceId === 'bt_in_1');
    expect(open.end).toBe('exhausted');
    expect(open.retries.length).toBeGreaterThan(0);
    expect(report.totals.retries).toBe(report.invoices.reduce((n: number, i: { retries: unknown[] }) => n + i.retries.length, 0));
    // Deterministic, and read-only.
    expect((await api.post(`/v1/retry-policies/${policy.id}/backtest`, period).expect(200)).body).toEqual(report);
    expect(await count()).toBe(before);
    const gql = await api.gql('query($id: ID!, $input: BacktestInput!) { backtestRetryPolicy(id: $id, input: $input) { totals { invoices retries } invoices { invoiceId end retries { at } } } }', { id: policy.id, input: period });
    expect(gql.errors).toBeUndefined();
    expect(gql.data.backtestRetryPolicy.totals).toEqual({ invoices: 20, retries: report.totals.retries });
    expect(gql.data.backtestRetryPolicy.invoices[1]).toEqual({ invoiceId: report.invoices[1].invoiceId, end: report.invoices[1].end, retries: report.invoices[1].retries.map((r: { at: string }) => ({ at: r.at })) });
  });

  it('refuses a bad period with 422 and an unknown policy with 404', async () => {
    const { body: policy } = await api.post('/v1/retry-policies', { name: 'Periods', policy: { type: 'custom', days: [1] } }).expect(201);
    const path = `/v1/retry-policies/${policy.id}/backtest`;
    expect(problemOf(await api.post(path, { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }), 422).errors).toEqual([{ path: 'to', message: 'must be after from' }]);
    expect(problemOf(await api.post(path, { from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }), 422).errors![0].path).toBe('to');
    expect(problemOf(await api.post(path, { from: 'yesterday', to: '2026-01-01T00:00:00Z' }), 422).errors!.map((e) => e.path)).toEqual(['from']);
    problemOf(await api.post('/v1/retry-policies/00000000-0000-4000-8000-000000000000/backtest', { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }), 404);
  });
});
