import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startTracing } from '../../services/common/telemetry/otel-sdk';
import { tracingEnabled } from '../../services/common/telemetry/tracing';
import { installTemporalRuntime } from '../../services/worker/telemetry/temporal-runtime';
import { body, recipe1, startAdminApp, type AdminApp } from '../e2e/admin-helpers';
import { eventually } from '../support/ingestion-app';
import { endedRun, runOf, sandboxClient, startWorkerApp, workerEnv } from '../support/recipes-world';

jest.setTimeout(120_000);

const DAY_MS = 250;

/*
 * One sandbox request (a renewal charge that declines, which emits its invoice_payment_failed event) with an
 * x-request-id: tracing on with an in-memory exporter, the real gateway and worker in this process, recipe 1
 * retrying once and recovering. The request's trace must reach the run's charge activity and the provider call,
 * and the workflow's and activities' log records must carry the request id.
 */
describe('one request, one trace and one request id, from HTTP to the charge activity', () => {
  const spans = new InMemorySpanExporter();
  const records: Record<string, unknown>[] = [];
  let api: AdminApp;
  let worker: { close(): Promise<void> };

  beforeAll(async () => {
    startTracing({ tracing: { enabled: false } }, 'dunning-test', new SimpleSpanProcessor({ exporter: spans }));
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => { records.push(JSON.parse(chunk.toString())); done(); } });
    installTemporalRuntime({ logLevel: 'debug' }, pino({ level: 'debug' }, sink));
    api = await startAdminApp({ DAY_DURATION: `${DAY_MS}ms` });
    worker = await startWorkerApp(workerEnv(api, { DAY_DURATION: `${DAY_MS}ms` }));
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('follows the failed payment from the request to the charge', async () => {
    expect(tracingEnabled()).toBe(true);
    const sandbox = sandboxClient(api);
    const basicYear = (await sandbox.price((await sandbox.product('Basic')).id, 120_000, 'year')).id;
    await api.post('/v1/automations', body(recipe1)).expect(201);
    const customer = await sandbox.customer({ email: 'traced@customer.test' });
    await sandbox.card(customer.id, { nextOutcomes: [{ outcome: 'decline', declineCode: 'insufficient_funds' }] });
    const invoice = await sandbox.invoice({ customerId: customer.id, subscriptionId: (await sandbox.subscription(customer.id, basicYear)).id });

    const requestId = 'req-trace-e2e-1';
    const res = await api.post(`/v1/sandbox/invoices/${invoice.id}/attempt`, {}).set('x-request-id', requestId);
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe(requestId);
    const run = await runOf(api, `invoiceId=${invoice.id}`);
    expect(await endedRun(api, run.id)).toMatchObject({ status: 'recovered' });

    const finished = () => spans.getFinishedSpans();
    const http = await eventually(async () =>
      finished().find((s) => s.name === 'POST /v1/sandbox/invoices/:id/attempt'));
    const traceId = http.spanContext().traceId;
    const inTrace = (name: string) => finished().find((s) => s.spanContext().traceId === traceId && s.name === name);
    const charge = await eventually(async () => inTrace('RunActivity:chargeInvoice'));
    const names = finished().filter((s) => s.spanContext().traceId === traceId).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining([
      'dispatch event', 'StartWorkflow:automationRun', 'RunWorkflow:automationRun', 'StartActivity:chargeInvoice', 'billing.payInvoice',
    ]));
    // The charge hangs off the request: its chain of parents leads to the HTTP span.
    expect(ancestors(charge, finished())).toContain(http.spanContext().spanId);

    // The run's log records (the workflow's and its activities'), except the SDK's "Activity started", which is
    // written before any interceptor sees the activity's headers.
    const ofRun = () => records.filter((r) => r.workflowId === run.id && r.sdkComponent !== 'core' && r.msg !== 'Activity started');
    // Log lines reach the capture asynchronously (a busy worker writes the charge's last): wait for it.
    await eventually(async () => ofRun().some((r) => r.activityType === 'chargeInvoice'));
    const runLogs = ofRun();
    expect(runLogs.map((r) => r.msg)).toEqual(expect.arrayContaining(['Workflow started', 'Activity completed']));
    expect(new Set(runLogs.map((r) => r.requestId))).toEqual(new Set([requestId]));
  });
});

/** Span ids from `span` up through its parents (as far as the recorded spans go). */
function ancestors(span: ReadableSpan, all: ReadableSpan[]): string[] {
  const byId = new Map(all.map((s) => [s.spanContext().spanId, s]));
  const chain: string[] = [];
  for (let parent = span.parentSpanContext?.spanId; parent; parent = byId.get(parent)?.parentSpanContext?.spanId) {
    chain.push(parent);
    if (!byId.has(parent)) break;
  }
  return chain;
}
