import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { createActivities } from '../../../activities';
import type { AutomationRunInput, RunOutcome } from '../../../domain/run';
import { StripeBillingProvider } from '../../../providers/billing/stripe/stripe-billing.provider';
import { SendGridEmailProvider } from '../../../providers/email/sendgrid/sendgrid-email.provider';
import { parseEnv } from '../../../services/common/config/app.config';
import { automationRunStartOptions } from '../../../services/common/temporal/workflow-start-options';
import { createActivityDeps } from '../../../services/worker/activity-deps.module';
import { customer, paymentFailed as stripePaymentFailed, version } from '../../../testkit/automation-fixtures';
import { duplicateEmails, startFakeSendGrid, type FakeSendGrid, type SendGridAnswer } from '../../../testkit/fake-sendgrid';
import { info, must, recordFigures } from '../../../testkit/faults/fault-figures';
import { duplicateCharges, startFaultyStripeProxy, type FaultyStripeProxy, type StripeFault } from '../../../testkit/faulty-stripe-proxy';
import { startAdminApp, type AdminApp } from '../../e2e/admin-helpers';
import { insertAutomation, temporalClient } from '../../support/ingestion-app';
import { startStripeMock, type StripeMock } from '../../support/stripe-mock';
import { faultAutomation, size } from './fault-world';

jest.setTimeout(900_000);

const RUNS = size(12, 100);
const STRIPE_TIMEOUT_MS = 2_000;
const SENDGRID_TIMEOUT_MS = 1_000;

/** Seeded: the same faults in the same order on every run of the suite. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
}

/*
 * (e) The real automationRun workflow and activities on the real dev server, the Stripe adapter behind a proxy that
 * injects 429s, 5xx, answers held past the client's timeout and resets in front of stripe-mock, and the SendGrid
 * adapter on a fake SendGrid that answers slowly (after the client gave up: the email was accepted), refuses with
 * 5xx/429 or accepts and resets. No invoice may be charged under two idempotency keys, no email accepted twice,
 * and every send whose answer was lost must be listed by GET /v1/emails?status=unknown.
 */
describe('faults (e): Stripe and SendGrid answering with faults', () => {
  let mock: StripeMock;
  let proxy: FaultyStripeProxy;
  let sendgrid: FakeSendGrid;
  let api: AdminApp;

  beforeAll(async () => {
    // Every injected fault fails an activity attempt, which the SDK logs as a warning: errors only here.
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      // already installed by another suite of this process
    }
    mock = await startStripeMock();
    api = await startAdminApp({ DISPATCHER_ENABLED: 'false' });
  }, 330_000);
  afterAll(async () => {
    await proxy?.close();
    await sendgrid?.close();
    await mock?.stop();
    await api?.close();
  });

  it('charges each invoice under one key, sends each email at most once, and lists the ambiguous sends', async () => {
    const stripeFaults = random(5);
    const faultsPerPath = new Map<string, number>();
    // At most two faults per path, so that every run gets through within the activities' retry policy.
    const stripeFault = (_n: number, _method: string, path: string): StripeFault => {
      const seen = faultsPerPath.get(path) ?? 0;
      const r = stripeFaults();
      if (seen >= 2 || r < 0.5) return { kind: 'pass' };
      faultsPerPath.set(path, seen + 1);
      if (r < 0.6) return { kind: 'status', status: 429 };
      if (r < 0.7) return { kind: 'status', status: r < 0.65 ? 500 : 503 };
      if (r < 0.8) return { kind: 'timeout', holdMs: STRIPE_TIMEOUT_MS + 1_000 };
      if (r < 0.9) return { kind: 'reset' };
      return { kind: 'reset_before' };
    };
    proxy = await startFaultyStripeProxy({ upstreamPort: mock.port, fault: stripeFault, customerOf: (id) => id.replace(/^in_/, 'cus_') });
    sendgrid = await startFakeSendGrid();
    const mailFaults = random(9);
    const ambiguous = new Set<string>();
    const answered = new Map<string, number>();
    sendgrid.answer = (_n, body): SendGridAnswer => {
      const key = String(body.custom_args.idempotency_key);
      const seen = answered.get(key) ?? 0;
      answered.set(key, seen + 1);
      const r = mailFaults();
      if (seen >= 2 || r < 0.4) return { kind: 'accept' };
      if (r < 0.55) return { kind: 'refuse', status: 503 };
      if (r < 0.65) return { kind: 'refuse', status: 429 };
      ambiguous.add(key);
      if (r < 0.85) return { kind: 'accept', delayMs: SENDGRID_TIMEOUT_MS + 1_000 }; // accepted, answered too late
      return { kind: 'reset' };
    };

    const config = parseEnv({ ...process.env, DATABASE_URL: api.db.url });
    const billing = new StripeBillingProvider({ apiKey: 'sk_test_faults', host: '127.0.0.1', port: proxy.port, protocol: 'http', timeoutMs: STRIPE_TIMEOUT_MS });
    const email = new SendGridEmailProvider({ apiKey: 'SG.faults', baseUrl: sendgrid.baseUrl, timeoutMs: SENDGRID_TIMEOUT_MS });
    const activities = createActivities(createActivityDeps(config, api.db.dataSource, billing, email));
    const automationId = await insertAutomation(api.db.dataSource, faultAutomation);
    const taskQueue = `faults-e-${randomUUID()}`;
    const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const worker = await Worker.create({ connection, taskQueue, activities, workflowsPath: require.resolve('../../../workflows') });
    const client = await temporalClient();
    const invoices = Array.from({ length: RUNS }, (_, i) => `in_faults${i}_${randomUUID().slice(0, 8)}`);
    const outcomes: string[] = [];
    try {
      await worker.runUntil(async () => {
        const handles = await Promise.all(invoices.map((invoiceId) => {
          const event = { ...stripePaymentFailed(Date.now(), 'month', 'insufficient_funds', { id: invoiceId, customerId: invoiceId.replace(/^in_/, 'cus_') }), id: `evt_${invoiceId}` };
          event.customer = { ...customer, id: invoiceId.replace(/^in_/, 'cus_') };
          const input: AutomationRunInput = { automation: version(faultAutomation, automationId), subject: { type: 'invoice', id: invoiceId }, event, dayMs: 1_000 };
          return client.workflow.start('automationRun', automationRunStartOptions(input, taskQueue));
        }));
        for (const h of handles) outcomes.push(await h.result().then((r: RunOutcome) => `${r.status} (${r.reason})`, (e: Error) => `failed: ${e.message}`));
      });
    } finally {
      await client.connection.close();
      await connection.close();
    }

    const unknown: { idempotencyKey: string }[] = [];
    for (let after: string | undefined; ;) {
      const { body } = await api.get(`/v1/emails?status=unknown&limit=100${after ? `&starting_after=${after}` : ''}`).expect(200);
      unknown.push(...body.data);
      if (!body.hasMore) break;
      after = body.nextStartingAfter;
    }
    const unknownKeys = new Set(unknown.map((e) => e.idempotencyKey));
    const ambiguousNotListed = [...ambiguous].filter((k) => !unknownKeys.has(k)).length;
    const charged = new Set(proxy.pays.map((p) => p.invoiceId)).size;
    const faults = Object.entries(proxy.injected).map(([k, n]) => `${k} ${n}`).join(', ');
    const ended = new Map<string, number>();
    for (const o of outcomes) ended.set(o, (ended.get(o) ?? 0) + 1);

    recordFigures('(e) provider faults', [
      info('runs; Stripe faults injected', `${RUNS}; ${faults}`),
      info('SendGrid requests; ambiguous answers', `${sendgrid.requests.length}; ${ambiguous.size}`),
      must('invoices charged', charged, RUNS),
      must('duplicate charges (a second key for an invoice)', duplicateCharges(proxy.pays), 0),
      must('duplicate emails (accepted twice)', duplicateEmails(sendgrid), 0),
      must('ambiguous sends not listed unknown', ambiguousNotListed, 0),
      info('emails listed unknown', unknown.length),
      info('how the runs ended', [...ended].map(([o, n]) => `${o} ${n}`).join(', ')),
    ]);
    expect({ charged, duplicateCharges: duplicateCharges(proxy.pays), duplicateEmails: duplicateEmails(sendgrid), ambiguousNotListed })
      .toEqual({ charged: RUNS, duplicateCharges: 0, duplicateEmails: 0, ambiguousNotListed: 0 });
    expect(ambiguous.size).toBeGreaterThan(0); // the faults were real
    expect(Object.keys(proxy.injected).length).toBeGreaterThan(2);
  });
});
