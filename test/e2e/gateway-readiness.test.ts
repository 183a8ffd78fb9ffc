import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { findFreePort } from '../../services/common/runtime/ports';
import { createGateway } from '../../services/gateway/create-gateway';

/** Readiness with Temporal unreachable (nothing listens on its port): the answer names what is down and why. */
describe('gateway readiness while Temporal is down', () => {
  let app: INestApplication;
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, { TEMPORAL_ADDRESS: `127.0.0.1:${await findFreePort()}`, DISPATCHER_ENABLED: 'false' });
    try {
      app = await createGateway({ logs: false });
      await app.init();
    } finally {
      process.env = saved;
    }
  });
  afterAll(() => app?.close());

  it('answers 503 problem+json naming postgres up and temporal down with its reason', async () => {
    const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.text);
    // Every check named, in the order they answered: the two up and Temporal down with why.
    expect(body.detail).toMatch(/^Not ready: /);
    expect(body.detail.slice('Not ready: '.length).split('; ').sort()).toEqual(['billing: up', 'postgres: up', expect.stringMatching(/^temporal: down \(.+\)$/)]);
    expect(body.detail).not.toContain('[object Object]');
    expect(body.checks).toMatchObject({ postgres: { status: 'up' }, temporal: { status: 'down', message: expect.any(String) } });
  });
});
