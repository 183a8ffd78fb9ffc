import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { findFreePort } from '../../services/common/runtime/ports';
import { startTemporalDevServer, type LocalTemporal } from '../../services/common/temporal/dev-server';
import { createIngestionApp, eventually, insertAutomation, isolatedDatabase, postStripeWebhook } from '../support/ingestion-app';
import { FakeBilling } from '../../testkit/fake-billing';
import { newStripeIds, stripeEvent, type StripeIds } from '../../testkit/stripe-events';

jest.setTimeout(180_000);

describe('ingestion while Temporal is down', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let app: INestApplication | undefined;
  let temporal: LocalTemporal | undefined;
  let client: Client | undefined;

  beforeAll(async () => {
    db = await isolatedDatabase();
  });
  afterAll(async () => {
    await app?.close();
    await client?.connection.close();
    await temporal?.stop();
    await db?.drop();
  });

  it('accepts events with 2xx, retries them with backoff, and dispatches each exactly once when Temporal is back', async () => {
    const port = await findFreePort(); // nothing listens here yet: Temporal is "down"
    const address = `127.0.0.1:${port}`;
    const billing = new FakeBilling();
    const automationId = await insertAutomation(db.dataSource, { trigger: { type: 'subscription_payment_failed' } });
    app = await createIngestionApp({ databaseUrl: db.url, billing, temporalAddress: address,
      dispatcher: { enabled: true, taskQueue: `down-${randomUUID()}`, temporalCallTimeoutMs: 1_000 } });
    const scenarios: StripeIds[] = Array.from({ length: 3 }, () => newStripeIds());
    for (const ids of scenarios) {
      const body = JSON.stringify(stripeEvent('invoice.payment_failed', { ids, interval: 'year' }));
      await postStripeWebhook(app, body).expect(200, { received: true, duplicate: false });
    }
    // Every event was tried and kept with its error, none marked dispatched.
    await eventually(async () => {
      const rows: { attempts: number; last_error: string | null }[] = await db.dataSource.query('SELECT attempts, last_error FROM outbox');
      return rows.length === 3 && rows.every((r) => r.attempts >= 1 && r.last_error);
    });
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE status = 'received'`)).toEqual([{ n: 3 }]);

    temporal = await startTemporalDevServer({ port, namespace: 'default', headless: true });
    await eventually(async () => (await db.dataSource.query('SELECT count(*)::int AS n FROM outbox'))[0].n === 0, 150_000);
    const events: { status: string; outcome: { started: { workflowId: string; existing: boolean }[] } }[] =
      await db.dataSource.query('SELECT status, outcome FROM events');
    expect(events.map((e) => e.status)).toEqual(['dispatched', 'dispatched', 'dispatched']);
    expect(events.flatMap((e) => e.outcome.started.map((s) => s.existing))).toEqual([false, false, false]);

    client = new Client({ connection: await Connection.connect({ address }) });
    for (const ids of scenarios) {
      await eventually(async () => (await client!.workflow.count(`InvoiceId="${ids.invoice}"`)).count === 1);
      const description = await client.workflow.getHandle(`run:${automationId}:invoice:${ids.invoice}`).describe();
      expect(description.status.name).toBe('RUNNING');
    }
    expect((await client.workflow.count(`AutomationId="${automationId}"`)).count).toBe(3);
  });
});
