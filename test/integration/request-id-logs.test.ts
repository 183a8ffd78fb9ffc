import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { projectRoot } from '../../services/common/runtime/project-root';
import { findFreePort } from '../../services/common/runtime/ports';
import { recipe1 } from '../../testkit/automation-fixtures';
import { stripeEvent } from '../../testkit/stripe-events';
import { eventually, isolatedDatabase, stripeSignature, WEBHOOK_SECRETS } from '../support/ingestion-app';
import { startGatewayProcess, startWorkerProcess, type WorkerProcess } from '../support/recipes-world';
import { buildDist } from '../support/up-process';

jest.setTimeout(240_000);

const KEY = 'request-id-suite-key';
type LogLine = Record<string, unknown> & { msg?: string; requestId?: string; req?: { id?: string; url?: string } };

/** Every JSON line a process printed (pino's output: one record per line). */
const records = (output: string): LogLine[] =>
  output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as LogLine);

/*
 * The compiled gateway and worker as production runs them (child processes, JSON logs on stdout, LOG_LEVEL=debug),
 * one Stripe-signed `invoice.payment_failed` webhook sent without an x-request-id: the gateway makes one up, answers
 * it, and the same id is on the gateway's request log, on the dispatcher's line for the event it stored (through
 * the outbox row), and on every workflow and activity log line of the run the event started.
 */
describe('one signed webhook, one request id in the logs from the gateway to the activity', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let gateway: WorkerProcess | undefined;
  let worker: WorkerProcess | undefined;
  let base = '';

  // JSON answers of the API, read field by field.
  const call = async (method: string, path: string, body?: object): Promise<any> => {
    const res = await fetch(`${base}${path}`, {
      method, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return res.json();
  };

  beforeAll(async () => {
    buildDist();
    db = await isolatedDatabase();
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    // Without any OTEL_* variable (as a default install runs): the probe reports what OpenTelemetry each process
    // loaded and registered when it exits.
    for (const key of Object.keys(process.env)) if (key.startsWith('OTEL_')) delete process.env[key]; // the children inherit the rest
    const env = {
      NODE_OPTIONS: `--require ${path.join(projectRoot(), 'dist/testkit/otel-probe.js')}`,
      DATABASE_URL: db.url, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!, TEMPORAL_TASK_QUEUE: `request-ids-${randomUUID()}`,
      LOG_LEVEL: 'debug', DAY_DURATION: '500ms', ADMIN_API_KEYS: KEY, TEAM_EMAIL_DOMAIN: 'acme.test',
      STRIPE_WEBHOOK_SECRETS: WEBHOOK_SECRETS.join(','), BILLING_PROVIDER: 'sandbox', EMAIL_PROVIDER: 'outbox',
    };
    worker = await startWorkerProcess({ ...env, WORKER_HTTP_PORT: String(await findFreePort()), TEMPORAL_METRICS_BIND: `127.0.0.1:${await findFreePort()}` });
    gateway = await startGatewayProcess({ ...env, PORT: String(port), HOST: '127.0.0.1' });
  });
  const stop = async () => {
    for (const p of [gateway, worker]) {
      p?.child.kill('SIGTERM');
      await p?.exited;
    }
  };
  afterAll(async () => {
    await stop();
    await db?.drop();
  });

  it('carries the generated x-request-id from the webhook through the outbox into the workflow and activity logs', async () => {
    // The sandbox ledger holds the customer, the yearly subscription and the open invoice the webhook is about.
    await call('POST', '/v1/automations', structuredClone(recipe1));
    const product = await call('POST', '/v1/sandbox/products', { name: 'Basic' });
    const price = await call('POST', '/v1/sandbox/prices', { productId: product.id, unitAmount: 120_000, currency: 'usd', interval: 'year' });
    const customer = await call('POST', '/v1/sandbox/customers', { email: 'request-ids@customer.test' });
    await call('POST', `/v1/sandbox/customers/${customer.id}/payment-methods`, { brand: 'visa' });
    const subscription = await call('POST', '/v1/sandbox/subscriptions', { customerId: customer.id, priceId: price.id });
    const invoice = await call('POST', '/v1/sandbox/invoices', { customerId: customer.id, subscriptionId: subscription.id });

    const event = stripeEvent('invoice.payment_failed', {
      ids: { customer: customer.id, subscription: subscription.id, invoice: invoice.id, price: price.id, product: product.id },
      interval: 'year', amount: 120_000, declineCode: 'insufficient_funds', created: Math.floor(Date.now() / 1000),
    });
    const payload = JSON.stringify(event);
    const res = await fetch(`${base}/webhooks/stripe`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignature(payload) }, body: payload,
    });
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/); // none was sent: the gateway generated one

    const run = await eventually(async () => (await call('GET', `/v1/runs?invoiceId=${invoice.id}`)).data?.[0] as { id: string } | undefined, 60_000);
    await eventually(async () => (await call('GET', `/v1/runs/${encodeURIComponent(run.id)}`)).status === 'recovered', 90_000);
    // The workflow's and activities' lines of the run, except the SDK's "Activity started" (written before any
    // interceptor sees the activity's headers) and the core runtime's.
    const ofRun = () => records(worker!.output()).filter((r) => r.workflowId === run.id && r.sdkComponent !== 'core' && r.msg !== 'Activity started');
    await eventually(async () => ofRun().some((r) => r.activityType === 'chargeInvoice' && r.msg === 'Activity completed'), 30_000);

    const gatewayLines = records(gateway!.output());
    const webhookLines = gatewayLines.filter((r) => r.req?.url === '/webhooks/stripe');
    expect(webhookLines.map((r) => r.req?.id)).toEqual([requestId]);
    const [stored] = (await call('GET', `/v1/events?limit=100`)).data.filter((e: { providerEventId?: string }) => e.providerEventId === event.id);
    const dispatched = gatewayLines.filter((r) => r.eventId === stored.id);
    expect(dispatched.map((r) => r.msg)).toContain('Event dispatched');
    expect(new Set(dispatched.map((r) => r.requestId))).toEqual(new Set([requestId]));

    const runLines = ofRun();
    expect(runLines.map((r) => r.msg)).toEqual(expect.arrayContaining(['Workflow started', 'Activity completed']));
    expect(runLines.filter((r) => r.activityType === 'chargeInvoice').length).toBeGreaterThan(0);
    expect(new Set(runLines.map((r) => r.requestId))).toEqual(new Set([requestId]));
  });

  it('with OTEL_* unset, neither process loads the OpenTelemetry SDK or an exporter, nor registers a tracer provider', async () => {
    await stop(); // after the whole webhook → run → charge above
    for (const p of [gateway!, worker!]) {
      const [probe] = records(p.output()).filter((r) => r.otelProbe).map((r) => r.otelProbe as { loaded: string[]; tracerProvider: string; otelEnv: string[] });
      expect(probe).toBeDefined();
      expect(probe.otelEnv).toEqual([]);
      expect(probe.tracerProvider).toBe('NoopTracerProvider');
      expect(probe.loaded.filter((name) => /^@opentelemetry\/(sdk-|exporter-|otlp-)/.test(name))).toEqual([]);
    }
  });
});
