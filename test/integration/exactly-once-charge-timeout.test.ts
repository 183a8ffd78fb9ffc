import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { createActivities, type ChargeResult } from '../../activities';
import type { BillingProvider } from '../../providers/billing/billing-provider';
import { SandboxBillingProvider } from '../../providers/billing/sandbox/sandbox-billing.provider';
import { SandboxInvoices } from '../../providers/billing/sandbox/sandbox-invoices';
import { SandboxLedger } from '../../providers/billing/sandbox/sandbox-ledger';
import { parseEnv } from '../../services/common/config/app.config';
import { SandboxChargeEntity, SandboxPaymentMethodEntity } from '../../services/common/database/entities';
import { CardAttemptEntity } from '../../services/common/database/entities/card-attempt.entity';
import { createActivityDeps } from '../../services/worker/activity-deps.module';
import { OutboxEmailProvider } from '../../providers/email/outbox/outbox-email.provider';
import { isolatedDatabase, temporalClient } from '../support/ingestion-app';
import { eventsAbout } from '../support/sandbox-events';
import { startWorker } from '../../testkit/time-skipping';

jest.setTimeout(120_000);

/*
 * "An activity retried after a timeout charges once": the real `chargeInvoice` activity with the real sandbox
 * provider, card ledger and PostgreSQL, on a real worker and dev server. The provider charges on the first
 * attempt but its answer is held back until Temporal has timed that attempt out and the retry (same input, same
 * idempotency key) has finished, so both attempts really reach the provider. The workflow is a test one with a
 * 2-second start-to-close timeout: the production proxies allow a minute per attempt, which only makes this slower.
 */
describe('exactly once: a charge whose activity times out and is retried', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;

  beforeAll(async () => {
    db = await isolatedDatabase();
  });
  afterAll(() => db?.drop());

  it('charges the card once, and the retry answers the first charge', async () => {
    const ledger = new SandboxLedger(db.dataSource);
    const customer = await ledger.createCustomer({ email: 'once@customer.test' });
    // The next charge declines; every later one would succeed, so a second charge would show as a paid invoice.
    const card = await ledger.attachPaymentMethod(customer.id, { brand: 'visa', nextOutcomes: [{ outcome: 'decline', declineCode: 'insufficient_funds' }] });
    const invoice = await new SandboxInvoices(db.dataSource).create({ customerId: customer.id, amountDue: 9_900, currency: 'usd' });

    const sandbox = new SandboxBillingProvider(db.dataSource);
    const calls: string[] = [];
    let retryDone!: () => void;
    const retryFinished = new Promise<void>((resolve) => (retryDone = resolve));
    const billing: BillingProvider = Object.assign(Object.create(sandbox) as BillingProvider, {
      async payInvoice(id: string, options: { idempotencyKey: string }) {
        const n = calls.push(options.idempotencyKey);
        const attempt = await sandbox.payInvoice(id, options); // committed: the card was charged
        if (n === 1) await retryFinished; // the answer is lost in a worker that outlives its timeout
        else retryDone();
        return attempt;
      },
    });
    const config = parseEnv({ ...process.env, DATABASE_URL: db.url });
    const activities = createActivities(createActivityDeps(config, db.dataSource, billing, new OutboxEmailProvider()));

    const taskQueue = `charge-timeout-${randomUUID()}`;
    const worker = await startWorker(taskQueue, activities, undefined, require.resolve('../support/workflows/charge-with-short-timeout.workflow'));
    const client = await temporalClient();
    const idempotencyKey = `run:test:invoice:${invoice.id}:${randomUUID()}:0:1`;
    let result: ChargeResult | undefined;
    let history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>> | undefined;
    try {
      const handle = await client.workflow.start('chargeWithShortTimeout', {
        taskQueue, workflowId: `charge-timeout-${invoice.id}`,
        args: [{ invoiceId: invoice.id, idempotencyKey, at: Date.now(), dayMs: 86_400_000 }],
      });
      result = await handle.result();
      history = await handle.fetchHistory();
    } finally {
      await worker.stop();
      await client.connection.close();
    }

    // Two attempts reached the provider with the same key; the second timed-out one is what Temporal retried.
    expect(calls).toEqual([idempotencyKey, idempotencyKey]);
    const started = history!.events!.filter((e) => e.activityTaskStartedEventAttributes);
    expect(started).toHaveLength(1);
    expect(started[0].activityTaskStartedEventAttributes!.attempt).toBe(2);
    expect(started[0].activityTaskStartedEventAttributes!.lastFailure?.timeoutFailureInfo?.timeoutType).toBe(1); // TIMEOUT_TYPE_START_TO_CLOSE

    // One charge: the decline the first attempt made, answered again to the retry.
    expect(result).toMatchObject({ status: 'failed', declineCode: 'insufficient_funds', invoiceStatus: 'open' });
    expect(await db.dataSource.manager.findBy(SandboxChargeEntity, { invoiceId: invoice.id })).toMatchObject([{ idempotencyKey, status: 'failed' }]);
    expect(await sandbox.getInvoice(invoice.id)).toMatchObject({ status: 'open', attemptCount: 1 });
    expect(await db.dataSource.manager.findOneByOrFail(SandboxPaymentMethodEntity, { id: card.id })).toMatchObject({ nextOutcomes: [] });
    expect((await eventsAbout(db.dataSource, invoice.id)).map((e) => e.type)).toEqual(['invoice_finalized', 'invoice_payment_failed']);
    // The card network cap counts the attempt once as well.
    expect(await db.dataSource.manager.countBy(CardAttemptEntity, { fingerprint: card.fingerprint })).toBe(1);
  });
});
