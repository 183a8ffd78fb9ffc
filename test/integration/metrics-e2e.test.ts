import pino from 'pino';
import request from 'supertest';
import { findFreePort } from '../../services/common/runtime/ports';
import { installTemporalRuntime } from '../../services/worker/telemetry/temporal-runtime';
import { body, recipe1, recipe3, startAdminApp, type AdminApp } from '../e2e/admin-helpers';
import { eventually } from '../support/ingestion-app';
import { parsePrometheusText, sampleSum, type Sample } from '../support/prometheus-text';
import { endedRun, runOf, sandboxClient, startWorkerApp, workerEnv, type SandboxClient } from '../support/recipes-world';

jest.setTimeout(120_000);

const DAY_MS = 250;

/*
 * The real gateway and worker on the sandbox: recipe 1 recovers an invoice on its first retry and recipe 3 sends a
 * cancellation email; both /metrics endpoints must have moved by exactly what happened (the database is this
 * file's own, so the run-state gauges count only these runs).
 */
describe('gateway and worker /metrics follow a recipe', () => {
  let api: AdminApp;
  let worker: { close(): Promise<void>; httpPort: number };
  let sandbox: SandboxClient;

  const gatewayScrape = async () => parsePrometheusText((await request(api.app.getHttpServer()).get('/metrics').expect(200)).text);
  const workerScrape = async () => {
    const res = await fetch(`http://127.0.0.1:${worker.httpPort}/metrics`);
    expect(res.status).toBe(200);
    return parsePrometheusText(await res.text());
  };
  const delta = (before: Sample[], after: Sample[], name: string, labels: Record<string, string> = {}) =>
    sampleSum(after, name, labels) - sampleSum(before, name, labels);

  beforeAll(async () => {
    // Before any native connection: the runtime is process-wide, with core metrics on a free port.
    installTemporalRuntime({ logLevel: 'warn' }, pino({ level: 'warn' }), `127.0.0.1:${await findFreePort()}`);
    api = await startAdminApp({ DAY_DURATION: `${DAY_MS}ms` });
    worker = await startWorkerApp(workerEnv(api, { DAY_DURATION: `${DAY_MS}ms` }));
    sandbox = sandboxClient(api);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('the worker answers its own health probes', async () => {
    expect(worker.httpPort).toBeGreaterThan(0);
    const live = await fetch(`http://127.0.0.1:${worker.httpPort}/health/live`);
    expect(live.status).toBe(200);
    const ready = await eventually(async () => {
      const res = await fetch(`http://127.0.0.1:${worker.httpPort}/health/ready`);
      return res.status === 200 && res.json();
    });
    expect(ready).toEqual({ status: 'ok', details: { postgres: true, temporal: true, billing: true } });
    expect((await fetch(`http://127.0.0.1:${worker.httpPort}/nope`)).status).toBe(404);
  });

  it('counts events, dispatches, runs, charges, emails and the recovered amount', async () => {
    const pro = await sandbox.product('Pro');
    const basicYear = (await sandbox.price((await sandbox.product('Basic')).id, 120_000, 'year')).id;
    const proMonth = (await sandbox.price(pro.id, 4_900, 'month')).id;
    const a1 = (await api.post('/v1/automations', body(recipe1))).body.id as string;
    const a3 = (await api.post('/v1/automations', body({ ...recipe3, filters: { type: 'product', in: [pro.id] } }))).body.id as string;
    await eventually(async () => sampleSum(await gatewayScrape(), 'dunning_outbox_depth') === 0);
    const [gw0, wk0] = [await gatewayScrape(), await workerScrape()];

    // Recipe 1: the renewal declines (insufficient funds), the run's first retry succeeds.
    const customer = await sandbox.customer({ email: 'metrics@customer.test' });
    await sandbox.card(customer.id, { outcome: 'succeed', nextOutcomes: [{ outcome: 'decline', declineCode: 'insufficient_funds' }] });
    const subscription = await sandbox.subscription(customer.id, basicYear);
    const invoice = await sandbox.invoice({ customerId: customer.id, subscriptionId: subscription.id });
    expect(await sandbox.attempt(invoice.id)).toMatchObject({ status: 'failed' });
    const run1 = await runOf(api, `invoiceId=${invoice.id}`);
    expect(await endedRun(api, run1.id)).toMatchObject({ status: 'recovered', recoveredAmount: 120_000, currency: 'usd' });

    // Recipe 3: a Pro subscription canceled → one cancellation email.
    const ada = await sandbox.customer({ email: 'ada@customer.test' });
    await sandbox.card(ada.id, {});
    const proSub = await sandbox.subscription(ada.id, proMonth);
    await sandbox.cancelSubscription(proSub.id);
    const run3 = await runOf(api, `subscriptionId=${proSub.id}&automationId=${a3}`);
    expect(await endedRun(api, run3.id)).toMatchObject({ status: 'completed' });

    // A refused generic event and an unknown route.
    await api.post('/v1/events', { nonsense: true }).expect(422);
    await api.get('/no/such/route').expect(404);
    await eventually(async () => sampleSum(await gatewayScrape(), 'dunning_outbox_depth') === 0);
    const [gw1, wk1] = [await gatewayScrape(), await workerScrape()];

    const events = (await api.get('/v1/events?limit=100')).body.data as { provider: string; status: string; receivedAt: string }[];
    const fresh = events.filter((e) => e.provider === 'sandbox').length - sampleSum(gw0, 'dunning_events_accepted_total', { provider: 'sandbox' });
    expect(delta(gw0, gw1, 'dunning_events_accepted_total', { provider: 'sandbox' })).toBe(fresh);
    expect(delta(gw0, gw1, 'dunning_events_accepted_total', { provider: 'sandbox', type: 'invoice_payment_failed' })).toBe(1);
    expect(delta(gw0, gw1, 'dunning_dispatch_lag_seconds_count')).toBe(fresh);
    expect(delta(gw0, gw1, 'dunning_dispatch_total')).toBe(fresh);
    expect(delta(gw0, gw1, 'dunning_events_rejected_total', { provider: 'generic', reason: 'invalid' })).toBe(1);
    expect(delta(gw0, gw1, 'dunning_runs_started_total', { automation: a1 })).toBe(1);
    expect(delta(gw0, gw1, 'dunning_runs_started_total', { automation: a3 })).toBe(1);
    expect(sampleSum(gw1, 'dunning_runs', { state: 'recovered' })).toBe(1);
    expect(sampleSum(gw1, 'dunning_runs', { state: 'completed' })).toBe(1);
    expect(sampleSum(gw1, 'dunning_runs', { state: 'running' })).toBe(0);
    expect(delta(gw0, gw1, 'http_requests_total', { method: 'POST', route: '/v1/sandbox/customers', status: '201' })).toBe(2);
    expect(delta(gw0, gw1, 'http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(gw1.some((s) => s.name === 'http_requests_total' && s.labels.route.includes('splat'))).toBe(false);

    expect(delta(wk0, wk1, 'dunning_charges_total', { result: 'succeeded', decline_class: 'none' })).toBe(1);
    expect(delta(wk0, wk1, 'dunning_charges_total')).toBe(1);
    expect(delta(wk0, wk1, 'dunning_runs_ended_total', { automation: a1, outcome: 'recovered' })).toBe(1);
    expect(delta(wk0, wk1, 'dunning_runs_ended_total', { automation: a3, outcome: 'completed' })).toBe(1);
    expect(delta(wk0, wk1, 'dunning_recovered_amount_total', { currency: 'usd' })).toBe(120_000);
    expect(delta(wk0, wk1, 'dunning_emails_total', { template: 'cancellation_confirmation', status: 'sent' })).toBe(1);
    expect(delta(wk0, wk1, 'dunning_emails_total')).toBe(1);
    expect(delta(wk0, wk1, 'dunning_network_deferrals_total')).toBe(0);
    // Temporal's core metrics, merged into the worker's scrape.
    expect(delta(wk0, wk1, 'temporal_workflow_completed_total')).toBeGreaterThanOrEqual(2);
  });
});
