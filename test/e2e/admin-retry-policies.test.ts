import request from 'supertest';
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
    problemOf(await api.del(`/v1/retry-policies/${policy.id}`), 409);
    const unknown = problemOf(await api.post('/v1/automations', body(recipe1, { steps: [{ type: 'retry_payment', policyId: 'pol_x' }] })), 422);
    expect(unknown.errors).toEqual([{ path: 'steps.0.policyId', message: 'no retry policy pol_x' }]);
  });
});
