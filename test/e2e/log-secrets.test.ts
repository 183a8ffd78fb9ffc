import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger, PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import { Writable } from 'node:stream';
import request from 'supertest';
import { parseEnv } from '../../services/common/config/app.config';
import { loggerParams } from '../../services/common/logging/logger-options';
import { AppModule } from '../../services/gateway/app.module';
import { isolatedDatabase, stripeSignature, WEBHOOK_SECRETS } from '../support/ingestion-app';
import { newStripeIds, stripeEvent } from '../../testkit/stripe-events';
import { testSecret } from '../../testkit/test-secrets';


/** The whole gateway (AppModule) at LOG_LEVEL=trace, its log lines captured; then every line is searched for the secrets. */
describe('no credential reaches a log line', () => {
  const key = testSecret('admin-key');
  const wrongKeys = [testSecret('wrong-bearer'), testSecret('header-key'), testSecret('query-key'), testSecret('token')];
  const cookie = testSecret('session');
  const outgoing = testSecret('outgoing-signing');
  const lines: string[] = [];
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let app: INestApplication;

  beforeAll(async () => {
    db = await isolatedDatabase();
    const env = { DATABASE_URL: db.url, ADMIN_API_KEYS: key, STRIPE_WEBHOOK_SECRETS: WEBHOOK_SECRETS.join(','), WEBHOOK_SIGNING_SECRET: outgoing,
      LOG_LEVEL: 'trace', DISPATCHER_ENABLED: 'false' };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const config = parseEnv(process.env);
      const sink = new Writable({ write: (chunk, _encoding, done) => void (lines.push(...String(chunk).split('\n').filter(Boolean)), done()) });
      const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
        .overrideProvider(PARAMS_PROVIDER_TOKEN).useValue(loggerParams(config, 'gateway', sink))
        .compile();
      app = moduleRef.createNestApplication<NestExpressApplication>({ rawBody: true, bufferLogs: true });
      app.useLogger(app.get(Logger));
      await app.init();
    } finally {
      process.env = saved;
    }
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('redacts keys, signatures and cookies in headers and query parameters, on success and on failure', async () => {
    const http = () => request(app.getHttpServer());
    const [wrongBearer, headerKey, queryKey, token] = wrongKeys;
    await http().get('/v1/automations').set('Authorization', `Bearer ${key}`).set('Cookie', `session=${cookie}`).expect(200);
    await http().get('/v1/automations').set('Authorization', `Bearer ${wrongBearer}`).expect(401);
    await http().get('/v1/runs').set('x-api-key', headerKey).expect(401);
    await http().get(`/v1/runs?limit=5&api_key=${queryKey}`).expect(401);
    await http().get(`/v1/events?token=${token}&api_key=${queryKey}`).set('Authorization', `Bearer ${key}`).expect(422); // unknown parameters
    await http().post('/graphql').set('Authorization', `Bearer ${wrongBearer}`).send({ query: '{ __typename }' });
    await http().post('/graphql').set('Authorization', `Bearer ${key}`).send({ query: '{ __typename }' }).expect(200);
    const body = JSON.stringify(stripeEvent('invoice.payment_failed', { ids: newStripeIds(), interval: 'year' }));
    const signature = stripeSignature(body);
    await http().post('/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body).expect(200);
    await http().post('/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', `${signature}0`).send(`${body} `).expect(400);
    await http().post('/v1/events').set('Authorization', `Bearer ${key}`).set('Content-Type', 'text/plain').send('x').expect(415);

    const requestLines = lines.filter((line) => line.includes('"req":'));
    expect(requestLines.length).toBeGreaterThanOrEqual(10); // the capture works: every request was logged
    expect(lines.join('\n')).toContain('[Redacted]');
    const v1 = /v1=([0-9a-f]+)/.exec(signature)![1];
    const secrets = [key, ...wrongKeys, cookie, outgoing, v1, ...WEBHOOK_SECRETS];
    const leaks = lines.flatMap((line) => secrets.filter((s) => line.includes(s)).map((s) => `${s} in ${line.slice(0, 200)}`));
    expect(leaks).toEqual([]);
  });
});
