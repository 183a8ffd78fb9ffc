import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { findFreePort } from '../../services/common/runtime/ports';
import { startTemporalDevServer, type LocalTemporal } from '../../services/common/temporal/dev-server';
import { createIngestionApp, eventually, insertAutomation, isolatedDatabase, postStripeWebhook } from '../support/ingestion-app';
import { FakeBilling } from '../../testkit/fake-billing';
import { newStripeIds, stripeEvent } from '../../testkit/stripe-events';

jest.setTimeout(240_000);

/**
 * The dispatcher with its production backoffs (per row 1 s → 5 min, whole loop 0.5 s → 30 s) through a
 * Temporal outage long enough for those to grow past 10 s: once Temporal is back, the waiting events must
 * be dispatched within 10 s (the probe ends the backoff), not when the grown backoffs run out.
 */
describe('dispatching after a Temporal outage', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let app: INestApplication | undefined;
  let temporal: LocalTemporal | undefined;

  beforeAll(async () => {
    db = await isolatedDatabase();
  });
  afterAll(async () => {
    await app?.close();
    await temporal?.stop();
    await db?.drop();
  });

  it('dispatches the events that waited within 10 s of Temporal answering again', async () => {
    const port = await findFreePort();
    temporal = await startTemporalDevServer({ port, namespace: 'default', headless: true });
    await insertAutomation(db.dataSource, { trigger: { type: 'subscription_payment_failed' } });
    app = await createIngestionApp({ databaseUrl: db.url, billing: new FakeBilling(), temporalAddress: temporal.address,
      dispatcher: { enabled: true, taskQueue: `outage-${randomUUID()}`, temporalCallTimeoutMs: 1_000, pollIntervalMs: 200,
        rowBackoff: { initialMs: 1_000, maxMs: 300_000 }, globalBackoff: { initialMs: 500, maxMs: 30_000 }, probeIntervalMs: 1_000 } });
    const deliver = () => postStripeWebhook(app!, JSON.stringify(stripeEvent('invoice.payment_failed', { ids: newStripeIds(), interval: 'year' }))).expect(200);
    const outbox = async () => (await db.dataSource.query('SELECT count(*)::int AS n, coalesce(sum(attempts), 0)::int AS attempts FROM outbox'))[0];

    await deliver();
    await eventually(async () => (await outbox()).n === 0, 60_000); // dispatching works before the outage

    await temporal.stop();
    for (let i = 0; i < 3; i++) await deliver();
    // Seven failed tries in a row (one row per try): the loop's backoff has grown to 30 s.
    await eventually(async () => (await outbox()).attempts >= 7, 150_000);
    expect((await outbox()).n).toBe(3);

    temporal = await startTemporalDevServer({ port, namespace: 'default', headless: true });
    await eventually(async () => (await outbox()).n === 0, 10_000);
    const events: { status: string }[] = await db.dataSource.query('SELECT status FROM events');
    expect(events.map((e) => e.status)).toEqual(['dispatched', 'dispatched', 'dispatched', 'dispatched']);
  });
});
