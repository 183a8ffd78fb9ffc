import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createGateway } from '../../services/gateway/create-gateway';
import { body, recipe1, startAdminApp } from './admin-helpers';

/** Boots the gateway with extra environment variables (restored afterwards). */
async function gatewayWith(env: Record<string, string>): Promise<INestApplication> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    const app = await createGateway({ logs: false });
    await app.init();
    return app;
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

describe('gateway hardening', () => {
  let app: INestApplication;
  const keys = 'alice:alice-key-0123456789,bob:bob-key-0123456789,plain-key-0123456789';

  beforeAll(async () => {
    app = await gatewayWith({ ADMIN_API_KEYS: keys, DOCS_PUBLIC: 'false', CORS_ORIGINS: 'https://admin.example.com' });
  });
  afterAll(() => app?.close());

  it('sends security headers and no X-Powered-By', async () => {
    const response = await request(app.getHttpServer()).get('/health/live').expect(200);
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('allows CORS only for the configured origins', async () => {
    const allowed = await request(app.getHttpServer()).get('/health/live').set('Origin', 'https://admin.example.com');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://admin.example.com');
    const other = await request(app.getHttpServer()).get('/health/live').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps /docs and /openapi.json behind the admin key when DOCS_PUBLIC=false', async () => {
    for (const path of ['/docs', '/openapi.json']) {
      const denied = await request(app.getHttpServer()).get(path).expect(401);
      expect(denied.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    await request(app.getHttpServer()).get('/openapi.json').set('Authorization', 'Bearer bob-key-0123456789').expect(200);
    await request(app.getHttpServer()).get('/docs/').set('Authorization', 'Bearer plain-key-0123456789').expect(200);
  });

  it('records the named key as the author of automation versions and of operator actions', async () => {
    const api = await startAdminApp({ ADMIN_API_KEYS: keys });
    try {
      const as = (key: string) => ({ Authorization: `Bearer ${key}` });
      const http = () => request(api.app.getHttpServer());
      const created = await http().post('/v1/automations').set(as('alice-key-0123456789')).send(body(recipe1, { name: 'authored' })).expect(201);
      const id = created.body.id as string;
      const steps = [{ type: 'retry_payment', policy: { type: 'custom', days: [1, 2] } }, { type: 'cancel_subscription' }];
      await http().patch(`/v1/automations/${id}`).set(as('plain-key-0123456789')).send({ steps }).expect(200);
      await http().post(`/v1/automations/${id}/disable`).set(as('bob-key-0123456789')).send({ mode: 'finish' }).expect(200);
      const versions = await api.db.dataSource.query('SELECT version, created_by FROM automation_versions WHERE automation_id = $1 ORDER BY version', [id]);
      expect(versions).toEqual([{ version: 1, created_by: 'alice' }, { version: 2, created_by: 'key-3' }]);
      const audit = await api.db.dataSource.query('SELECT actor, action, detail FROM audit_log WHERE subject = $1', [id]);
      expect(audit).toEqual([{ actor: 'bob', action: 'automation.disable', detail: { mode: 'finish', canceledRunIds: [] } }]);
    } finally {
      await api.close();
    }
  });
});
