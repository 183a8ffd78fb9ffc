import type { INestApplication } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { RecurringInterval } from '../../domain/billing';
import type { BillingEventEntity } from '../../services/common/database/entities/billing-event.entity';
import { OutboxDrainer } from '../../services/gateway/dispatcher/outbox-drainer.service';
import { createIngestionApp, eventually, insertAutomation, isolatedDatabase, postStripeWebhook, temporalClient } from './ingestion-app';
import { FakeBilling } from '../../testkit/fake-billing';
import { startWorker } from '../../testkit/time-skipping';
import { newStripeIds, stripeEvent, type StripeEventOptions, type StripeIds, type StripeWebhookEvent } from '../../testkit/stripe-events';

/** Activities of the worker: the run only records and (never, within a test) charges. */
const activities = {
  recordRun: async () => undefined,
  raiseDerivedEvent: async () => ({ accepted: true }),
  chargeInvoice: async () => ({ status: 'failed', declineCode: 'insufficient_funds', invoiceStatus: 'open' }),
};

/**
 * One suite's ingestion world: own database with an "annual dunning" automation, the app with its
 * dispatcher driven by hand (`drain`), a worker on its own task queue, and helpers to deliver signed events.
 */
export function ingestionHarness() {
  const taskQueue = `ingestion-${randomUUID()}`;
  const billing = new FakeBilling();
  const h = {
    taskQueue, billing,
    db: undefined as unknown as Awaited<ReturnType<typeof isolatedDatabase>>,
    app: undefined as unknown as INestApplication,
    client: undefined as unknown as Client,
    automationId: '',
    worker: undefined as Awaited<ReturnType<typeof startWorker>> | undefined,
  };
  beforeAll(async () => {
    h.db = await isolatedDatabase();
    h.app = await createIngestionApp({ databaseUrl: h.db.url, billing, dispatcher: { taskQueue } });
    h.client = await temporalClient();
    h.worker = await startWorker(taskQueue, activities);
    h.automationId = await insertAutomation(h.db.dataSource, {
      name: 'annual dunning', trigger: { type: 'subscription_payment_failed' }, priority: 10,
      filters: { all: [{ type: 'subscription_interval', interval: 'year' }] },
    });
  });
  afterAll(async () => {
    await h.worker?.stop();
    await h.app?.close();
    await h.client?.connection.close();
    await h.db?.drop();
  });

  const signalsOf = async (workflowId: string, name: string) =>
    (await h.client.workflow.getHandle(workflowId).fetchHistory()).events!.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === name);
  return Object.assign(h, {
    /** Fresh ids whose subscription and customer the billing provider knows (the current shape needs the interval). */
    scenario(interval: RecurringInterval, ids = newStripeIds()): StripeIds {
      billing.subscriptions.set(ids.subscription, { id: ids.subscription, customerId: ids.customer, status: 'past_due', interval, intervalCount: 1,
        items: [{ priceId: ids.price, productId: ids.product, interval, intervalCount: 1 }], metadata: {} });
      billing.customers.set(ids.customer, { id: ids.customer, email: 'jenny.rosen@example.com', metadata: { plan: 'gold' } });
      return ids;
    },
    async deliver(event: StripeWebhookEvent): Promise<StripeWebhookEvent> {
      const body = JSON.stringify(event);
      await postStripeWebhook(h.app, body).expect(200);
      return event;
    },
    /** Dispatches until the outbox is empty (as the loop would, without its timing). */
    async drain(target: INestApplication = h.app): Promise<void> {
      while ((await target.get(OutboxDrainer).drainOnce()).processed > 0);
    },
    async row(event: { id: string }): Promise<BillingEventEntity> {
      const rows: Record<string, unknown>[] = await h.db.dataSource.query('SELECT * FROM events WHERE provider_event_id = $1', [event.id]);
      return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), v])))[0] as never;
    },
    /** A failed first attempt happening now (an old one would have its whole retry window behind it). */
    failed: (ids: StripeIds, options: StripeEventOptions = {}) =>
      stripeEvent('invoice.payment_failed', { ids, interval: 'year', created: Math.floor(Date.now() / 1000), ...options }),
    runId: (ids: StripeIds) => `run:${h.automationId}:invoice:${ids.invoice}`,
    countRuns: (ids: StripeIds) => h.client.workflow.count(`InvoiceId="${ids.invoice}"`).then((r) => r.count),
    signalsOf,
    /** Signals that arrive during a workflow task are buffered until it completes: wait for the count, then re-read. */
    async settledSignals(workflowId: string, name: string, expected: number) {
      await eventually(async () => (await signalsOf(workflowId, name)).length >= expected);
      await h.client.workflow.getHandle(workflowId).query('state');
      return signalsOf(workflowId, name);
    },
  });
}
