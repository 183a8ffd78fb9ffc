import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createGateway } from '../../services/gateway/create-gateway';

const auth = { Authorization: 'Bearer dev-admin-key' };

/** The sandbox and emails APIs as the real gateway serves them (the detailed behaviour: sandbox-api.test.ts). */
describe('gateway: sandbox and emails routes', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createGateway({ logs: false });
    await app.init();
  });
  afterAll(() => app?.close());

  it('serves the sandbox behind the API key, with problem+json errors', async () => {
    await request(app.getHttpServer()).post('/v1/sandbox/customers').send({}).expect(401);
    const customer = await request(app.getHttpServer()).post('/v1/sandbox/customers').set(auth).send({ email: 'gw@customer.test' }).expect(201);
    await request(app.getHttpServer()).get(`/v1/sandbox/customers/${customer.body.id}`).set(auth).expect(200);
    const bad = await request(app.getHttpServer()).post('/v1/sandbox/prices').set(auth).send({ interval: 'week' }).expect(422);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    await request(app.getHttpServer()).get('/v1/emails?limit=1').set(auth).expect(200);
  });

  it('documents the routes in OpenAPI', async () => {
    const paths = Object.keys((await request(app.getHttpServer()).get('/openapi.json').expect(200)).body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/v1/sandbox/invoices/{id}/attempt', '/v1/sandbox/customers/{id}/payment-methods', '/v1/emails']));
  });
});
