import request from 'supertest';
import { body, KEY, problemOf, recipe1, startAdminApp, type AdminApp } from './admin-helpers';
import { validateOpenApi } from '../support/openapi-validator';

jest.setTimeout(60_000);

type Content = Record<string, { schema?: unknown }>;
type Operation = {
  operationId: string; responses: Record<string, { content?: Content }>; security?: unknown[]; tags?: string[];
  requestBody?: { content: Content };
};
type OpenApi = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: unknown; schemas: Record<string, unknown> } };

const ADMIN_TAGS = ['automations', 'retry-policies', 'runs', 'analytics', 'events', 'emails'];

const validate = validateOpenApi;

describe('admin API: OpenAPI document', () => {
  let api: AdminApp;
  let doc: OpenApi;
  beforeAll(async () => {
    api = await startAdminApp();
    doc = (await request(api.app.getHttpServer()).get('/openapi.json').expect(200)).body;
  });
  afterAll(() => api?.close());

  it('is a valid OpenAPI document, served with its UI at /docs', async () => {
    expect(validate(doc)).toEqual({ valid: true });
    expect(validate({ ...doc, paths: { '/x': { get: { responses: { 200: { description: 1 } } } } } }).valid).toBe(false); // the validator bites
    const ui = await request(api.app.getHttpServer()).get('/docs/').expect(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('is OpenAPI 3.1 with real operation ids, API-key auth, and a schema for every body', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes).toEqual({ bearer: { type: 'http', scheme: 'bearer', description: expect.stringMatching(/API key/) } });
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => ({ key: `${m} ${p}`, op })));
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+[A-Z][A-Za-z]+$/); // listRuns, not RunsController_list
    expect(ids).toEqual(expect.arrayContaining(['listRuns', 'getRun', 'createAutomation', 'updateAutomation', 'deleteRetryPolicy', 'createEvent', 'getEmail']));
    for (const { key, op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
        expect([key, status, schemas.length > 0 && schemas.every(Boolean)]).toEqual([key, status, true]);
      }
      if (op.requestBody) expect([key, Object.values(op.requestBody.content).every((c) => c.schema)]).toEqual([key, true]);
    }
    // The domain's zod schemas are the definitions' components; no `nullable` (3.0) is left.
    const create = doc.paths['/v1/automations'].post.requestBody!.content['application/json'].schema as { $ref: string };
    const dto = doc.components.schemas[create.$ref.split('/').pop()!] as { properties: Record<string, { $ref?: string; items?: { $ref: string } }> };
    expect(dto.properties.trigger.$ref).toBe('#/components/schemas/Trigger');
    expect(dto.properties.steps.items).toEqual({ $ref: '#/components/schemas/Step' });
    expect(JSON.stringify(doc.components.schemas.Filter)).toContain('"$ref":"#/components/schemas/Filter"'); // recursive
    expect(doc.paths['/v1/events'].post.requestBody!.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/GenericEvent' });
    expect(Object.keys(doc.paths['/v1/events'].post.responses)).toEqual(expect.arrayContaining(['200', '202', '422']));
    expect(JSON.stringify(doc)).not.toMatch(/"nullable"|bearerFormat/);
  });

  it('documents every admin route with bearer auth and problem responses', () => {
    const expected = [
      'post /v1/automations', 'get /v1/automations', 'post /v1/automations/reorder', 'get /v1/automations/{id}',
      'patch /v1/automations/{id}', 'post /v1/automations/{id}', 'delete /v1/automations/{id}', 'get /v1/automations/{id}/versions',
      'get /v1/automations/{id}/versions/{version}', 'post /v1/automations/{id}/disable', 'post /v1/automations/{id}/enable',
      'post /v1/automations/{id}/preview', 'post /v1/retry-policies', 'post /v1/retry-policies/{id}/backtest', 'get /v1/retry-policies', 'get /v1/retry-policies/{id}',
      'patch /v1/retry-policies/{id}', 'delete /v1/retry-policies/{id}', 'get /v1/runs', 'get /v1/runs/{id}',
      'post /v1/runs/{id}/cancel', 'post /v1/runs/{id}/restart', 'post /v1/runs/{id}/skip-wait', 'get /v1/analytics/recovery',
      'post /v1/events', 'get /v1/events', 'get /v1/events/{id}', 'get /v1/emails', 'get /v1/emails/{id}', 'post /v1/emails/{id}/resend',
    ];
    const admin = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops).filter(([, op]) => op.tags?.some((t) => ADMIN_TAGS.includes(t))).map(([m, op]) => [`${m} ${p}`, op] as const));
    expect(admin.map(([k]) => k).sort()).toEqual(expected.sort());
    for (const [key, op] of admin) {
      expect([key, op.security]).toEqual([key, [{ bearer: [] }]]);
      expect([key, Object.keys(op.responses)]).toEqual([key, expect.arrayContaining(['401'])]);
      expect([key, Object.keys(op.responses).some((s) => s.startsWith('2'))]).toEqual([key, true]);
    }
  });

  it('documents the edge refusals on every route (400, 413) and 401 and 429 on every secured one', () => {
    const missing = Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).flatMap(([m, op]) =>
      [...['400', '413'], ...(op.security?.length ? ['401', '429'] : [])].filter((s) => !(s in op.responses)).map((s) => `${m} ${p} ${s}`)));
    expect(missing).toEqual([]);
  });

  it('answers every documented route: 401 without a key where secured, a documented status with one', async () => {
    const { body: automation } = await api.post('/v1/automations', body(recipe1)).expect(201);
    const { body: policy } = await api.post('/v1/retry-policies', { name: 'p', policy: { type: 'custom', days: [1] } }).expect(201);
    const runId = `run:${automation.id}:invoice:in_doc`;
    await api.db.dataSource.query(
      `INSERT INTO runs (id, automation_id, automation_version, subject_type, subject_id, status, started_at) VALUES ($1, $2, 1, 'invoice', 'in_doc', 'running', now())`,
      [runId, automation.id]);
    const ids: Record<string, string> = { automations: automation.id, 'retry-policies': policy.id, runs: encodeURIComponent(runId) };
    const operations = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.entries(ops).map(([method, op]) => ({ p, method, op })))
      .sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete')); // deletes last: the others need the ids
    expect(operations.length).toBeGreaterThan(25);
    for (const { p, method, op } of operations) {
      const url = p.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === 'version' ? '1' : ids[p.split('/')[2]] ?? '00000000-0000-4000-8000-000000000000');
      const call = () => (request(api.app.getHttpServer()) as unknown as Record<string, (u: string) => request.Test>)[method](url);
      if (op.security?.length) problemOf(await call(), 401);
      const res = await call().set('Authorization', `Bearer ${KEY}`).send({});
      expect([method, p, res.status === 404 && /^Cannot /.test(res.body.detail ?? '')]).toEqual([method, p, false]); // the route exists
      if (op.tags?.some((t) => ADMIN_TAGS.includes(t))) {
        expect([method, p, Object.keys(op.responses)]).toEqual([method, p, expect.arrayContaining([String(res.status)])]);
      }
    }
  });
});
