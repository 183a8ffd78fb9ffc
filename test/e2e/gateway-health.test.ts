import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createGateway } from '../../services/gateway/create-gateway';

describe('gateway health, metrics and errors', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createGateway({ logs: false });
    await app.init();
  });
  afterAll(() => app?.close());

  it('is live', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
  });

  it('is ready when PostgreSQL and Temporal answer', async () => {
    const response = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, temporal: { status: 'up' } } });
  });

  it('exposes Prometheus metrics, counting requests by route', async () => {
    await request(app.getHttpServer()).get('/health/live');
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toMatch(/http_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+/);
    expect(response.text).toContain('process_resident_memory_bytes');
  });

  it('answers an unknown route with application/problem+json', async () => {
    const response = await request(app.getHttpServer()).get('/nope').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.text)).toMatchObject({ status: 404, title: 'Not Found', instance: '/nope' });
  });

  it('serves the OpenAPI document', async () => {
    const response = await request(app.getHttpServer()).get('/openapi.json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toContain('/health/ready');
  });
});
