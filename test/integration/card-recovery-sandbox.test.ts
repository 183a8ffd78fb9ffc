import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import { createCardExpiryActivities } from '../../activities/card-expiry.activities';
import { renderBuiltin } from '../../activities/email/render-email';
import { expiringEventId } from '../../domain/card-expiry';
import type { AutomationDefinition, RetryPolicy } from '../../domain/automation';
import type { BillingEvent } from '../../domain/billing-event';
import { routeEvent } from '../../domain/triggers';
import { stateQuery } from '../../workflows/messages';
import { SandboxBillingProvider } from '../../providers/billing/sandbox/sandbox-billing.provider';
import { SandboxInvoices } from '../../providers/billing/sandbox/sandbox-invoices';
import { SandboxLedger, type NewPaymentMethod } from '../../providers/billing/sandbox/sandbox-ledger';
import { createSelfServiceLinks, verifySelfServiceToken } from '../../providers/self-service/self-service-links';
import { CardAttemptEntity, SandboxChargeEntity, SandboxInvoiceEntity } from '../../services/common/database/entities';
import { dataSourceOptions } from '../../services/common/database/data-source-options';
import { RunSignaler } from '../../services/gateway/dispatcher/run-signaler.service';
import type { DispatcherOptions } from '../../services/gateway/dispatcher/dispatcher.options';
import { PostgresCardAttemptLedger } from '../../services/worker/adapters/postgres-card-attempt-ledger';
import { PostgresRunRecorder } from '../../services/worker/adapters/postgres-run-recorder';
import { candidate, recipe1, version } from '../../testkit/automation-fixtures';
import { dispatch, type Dispatched } from '../../testkit/dispatch';
import { createTimeSkippingEnv, DAY, withWorker, workflowBundle } from '../../testkit/time-skipping';
import { PostgresExpiringCards } from '../../services/worker/adapters/postgres-expiring-cards';
import { insertAutomation } from '../support/ingestion-app';
import { inMemoryDeps, recordingMailer } from '../support/in-memory-ports';
import { eventsAbout } from '../support/sandbox-events';

// Recovery beyond the schedule, end to end in the sandbox: the ledger's scripted cards, the real activities, the
// PostgreSQL card ledger and run projection, the workflows on a time-skipping server, and for a card update the
// dispatcher's own signal routing (routeEvent → RunSignaler over the `runs` projection).

let dataSource: DataSource;
let bundle: WorkflowBundle;
let env: TestWorkflowEnvironment | undefined;

beforeAll(async () => {
  [dataSource, bundle] = await Promise.all([new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize(), workflowBundle()]);
  env = await createTimeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
  await dataSource?.destroy();
});

const automationOf = (policy: RetryPolicy) =>
  version({ ...recipe1, filters: undefined, steps: [{ type: 'retry_payment', policy }] } as AutomationDefinition, randomUUID());
const activities = () => createActivities(inMemoryDeps({
  billing: new SandboxBillingProvider(dataSource), cardLedger: new PostgresCardAttemptLedger(dataSource), records: new PostgresRunRecorder(dataSource),
}));
const chargesOn = (fingerprint: string) => dataSource.manager.find(SandboxChargeEntity, { where: { cardFingerprint: fingerprint }, order: { createdAt: 'ASC' } });

/** A customer with a declining default card and `invoices` subscription invoices, each declined once by the sandbox. */
async function decliningCustomer(invoices: number, more: NewPaymentMethod[] = []) {
  const ledger = new SandboxLedger(dataSource);
  const customer = await ledger.createCustomer({ email: 'card@customer.test' });
  const fingerprint = `fp-default-${randomUUID().slice(0, 8)}`;
  await ledger.attachPaymentMethod(customer.id, { brand: 'visa', fingerprint, outcome: 'decline', declineCode: 'insufficient_funds' });
  for (const card of more) await ledger.attachPaymentMethod(customer.id, { ...card, makeDefault: false });
  const product = await ledger.createProduct('Pro');
  const price = await ledger.createPrice({ productId: product.id, unitAmount: 4900, currency: 'usd', interval: 'year' });
  const billing = new SandboxBillingProvider(dataSource);
  const triggers: BillingEvent[] = [];
  for (let i = 0; i < invoices; i++) {
    const sub = await ledger.createSubscription({ customerId: customer.id, priceId: price.id });
    const invoice = await new SandboxInvoices(dataSource).create({ customerId: customer.id, subscriptionId: sub.id });
    await billing.payInvoice(invoice.id, { idempotencyKey: `first:${invoice.id}` });
    const [failed] = (await eventsAbout(dataSource, invoice.id)).filter((e) => e.type === 'invoice_payment_failed');
    if (failed.normalized.status !== 'normalized') throw new Error('sandbox event not normalized');
    triggers.push(failed.normalized.event);
  }
  return { customer, ledger, fingerprint, triggers };
}

async function startRuns(taskQueue: string, triggers: BillingEvent[], policy: RetryPolicy): Promise<Dispatched[]> {
  const automation = automationOf(policy);
  const runs: Dispatched[] = [];
  for (const event of triggers) runs.push(await dispatch(env!.client, taskQueue, event, [candidate(automation, 1)]));
  return runs;
}

it('recovers on the second card when the default declines: attributed backup_payment_method', async () => {
  const second = `fp-second-${randomUUID().slice(0, 8)}`;
  const { fingerprint, triggers } = await decliningCustomer(1, [{ brand: 'mastercard', fingerprint: second, outcome: 'succeed' }]);
  const taskQueue = 'backup-card';
  await withWorker(env!, bundle, taskQueue, activities(), async () => {
    const [{ handle }] = await startRuns(taskQueue, triggers, { type: 'custom', days: [3, 5], backupPaymentMethods: true });
    await expect(handle!.result()).resolves.toMatchObject({ status: 'recovered', attribution: 'backup_payment_method' });
  });
  // The sandbox's own first charge and the run's retry on the default card, then one charge on the second card.
  expect((await chargesOn(fingerprint)).map((c) => c.status)).toEqual(['failed', 'failed']);
  expect((await chargesOn(second)).map((c) => c.status)).toEqual(['succeeded']);
  const invoice = await dataSource.manager.findOneByOrFail(SandboxInvoiceEntity, { id: triggers[0].invoice!.id });
  expect(invoice.status).toBe('paid');
});

it('retries without backups on the default card alone, so the second card is never charged', async () => {
  const second = `fp-unused-${randomUUID().slice(0, 8)}`;
  const { fingerprint, triggers } = await decliningCustomer(1, [{ brand: 'visa', fingerprint: second, outcome: 'succeed' }]);
  const taskQueue = 'no-backup-card';
  await withWorker(env!, bundle, taskQueue, activities(), async () => {
    const [{ handle }] = await startRuns(taskQueue, triggers, { type: 'custom', days: [3, 5] });
    await expect(handle!.result()).resolves.toMatchObject({ status: 'completed', reason: 'all_steps_done' });
  });
  expect((await chargesOn(fingerprint)).map((c) => c.status)).toEqual(['failed', 'failed', 'failed']);
  expect(await chargesOn(second)).toEqual([]);
});

it('a card update of a customer with three invoices in dunning retries all three at once, through the dispatcher\'s routing', async () => {
  const { customer, ledger, triggers } = await decliningCustomer(3);
  const taskQueue = 'card-update-sweep';
  await withWorker(env!, bundle, taskQueue, activities(), async () => {
    const runs = await startRuns(taskQueue, triggers, { type: 'custom', days: [20] });
    await env!.sleep(DAY); // each run is waiting for its retry in 20 days
    const fresh = `fp-new-${randomUUID().slice(0, 8)}`;
    const pm = await ledger.attachPaymentMethod(customer.id, { brand: 'visa', fingerprint: fresh, outcome: 'succeed' });
    // The event the ledger emitted, routed and signalled as the dispatcher does it.
    const [updated] = (await eventsAbout(dataSource, pm.id)).filter((e) => e.type === 'payment_method_updated');
    if (updated.normalized.status !== 'normalized') throw new Error('sandbox event not normalized');
    const signaler = new RunSignaler(env!.client, dataSource.manager, { temporalCallTimeoutMs: 10_000 } as DispatcherOptions);
    const sent = [];
    for (const route of routeEvent(updated.normalized.event, DAY).signals) sent.push(...(await signaler.send(route, updated.id, { exclude: [], sendInvoice: false })));
    expect(sent.map((s) => [s.workflowId, s.signal, s.delivered]).sort()).toEqual(runs.map((r) => [r.handle!.workflowId, 'paymentMethodUpdated', true]).sort());
    for (const { handle } of runs) await expect(handle!.result()).resolves.toMatchObject({ status: 'recovered', attribution: 'card_update_retry' });
    // One prompt retry per invoice on the new card, all before the schedule's own retry would have come.
    const charges = await chargesOn(fresh);
    expect(charges.map((c) => c.invoiceId).sort()).toEqual(triggers.map((t) => t.invoice!.id).sort());
    expect(charges.every((c) => c.status === 'succeeded')).toBe(true);
    // Each prompt retry went through the per-card ledger: the network budget of the new card counts all three.
    expect(await dataSource.manager.countBy(CardAttemptEntity, { fingerprint: fresh })).toBe(3);
  });
});

describe('pre-dunning: a card expiring next month', () => {
  const now = new Date();
  const next = { expMonth: ((now.getUTCMonth() + 1) % 12) + 1, expYear: now.getUTCFullYear() + (now.getUTCMonth() === 11 ? 1 : 0) };
  const definition = { name: 'card expiry reminder', trigger: { type: 'payment_method_expiring' as const, days: 62 }, steps: [{ type: 'send_customer_email' as const, template: 'card_expiring' as const }] };
  let automationId: string;
  beforeAll(async () => {
    automationId = await insertAutomation(dataSource, definition);
  });
  afterAll(() => dataSource.query(`UPDATE automations SET status = 'disabled' WHERE id = $1`, [automationId]));

  // The sandbox's self-service page, as the worker configures it: links are <page>/pay/<signed token>.
  const page = 'http://gateway.test';
  const pageSecret = `page-secret-${randomUUID()}`;
  const pageLinks = createSelfServiceLinks({ billingProvider: 'sandbox', pageUrl: page, secret: pageSecret, ttlMs: 14 * DAY });

  const sweep = () => createCardExpiryActivities({ store: new PostgresExpiringCards(dataSource) }).sweepExpiringCards();

  /** A customer whose default card expires at the end of next month, and the sweep's event about it (if any). */
  async function expiringCustomer() {
    const ledger = new SandboxLedger(dataSource);
    const customer = await ledger.createCustomer({ email: `expiring-${randomUUID().slice(0, 8)}@customer.test`, name: 'Ada' });
    const card = await ledger.attachPaymentMethod(customer.id, { brand: 'visa', last4: '1881', ...next });
    return { ledger, customer, card };
  }
  const sweptEvent = async (cardId: string) => {
    const [row] = await eventsAbout(dataSource, expiringEventId(cardId, next.expMonth, next.expYear), 'system');
    return row;
  };

  async function runReminder(event: BillingEvent, mailer: ReturnType<typeof recordingMailer>, taskQueue: string) {
    const deps = inMemoryDeps({ billing: new SandboxBillingProvider(dataSource), mailer, selfServiceLinks: pageLinks });
    return withWorker(env!, bundle, taskQueue, createActivities(deps), async () => {
      const { handle } = await dispatch(env!.client, taskQueue, event, [candidate(version(definition, automationId), 1)]);
      const outcome = await handle!.result();
      return { ...outcome, notes: (await handle!.query(stateQuery)).notes ?? [] };
    });
  }

  it('sends one card_expiring email, raised once by the daily sweep', async () => {
    const { customer, card } = await expiringCustomer();
    await sweep();
    await sweep(); // the next day's sweep finds the reminder raised already
    const rows = (await eventsAbout(dataSource, card.id, 'system')).filter((e) => e.type === 'payment_method_expiring');
    expect(rows).toHaveLength(1);
    if (rows[0].normalized.status !== 'normalized') throw new Error('swept event not normalized');
    const event = rows[0].normalized.event;
    const mailer = recordingMailer();
    await expect(runReminder(event, mailer, 'card-expiring-sent')).resolves.toMatchObject({ status: 'completed', reason: 'all_steps_done' });
    expect(mailer.sent).toHaveLength(1);
    const [mail] = mailer.sent;
    expect(mail).toMatchObject({ template: 'card_expiring', to: [customer.email] });
    expect(mail.context.payment_method).toMatchObject({ id: card.id, last4: '1881', exp_month: next.expMonth, exp_year: next.expYear });
    // The update link is the self-service page, for the customer alone (no invoice): the page then offers the
    // add-a-card form (driven in test/e2e/sandbox-api.test.ts).
    const link = mail.context.update_payment_method_url!;
    expect(link.startsWith(`${page}/pay/`)).toBe(true);
    const token = verifySelfServiceToken(link.slice(`${page}/pay/`.length), pageSecret, Date.now());
    expect(token).toMatchObject({ ok: true, claims: { customerId: customer.id } });
    expect(token.ok && token.claims.invoiceId).toBeUndefined();
    const rendered = await renderBuiltin('card_expiring', mail.context);
    expect(rendered.subject).toBe('Your visa card ending in 1881 expires soon');
    expect(rendered.html).toContain(`href="${link}"`);
    expect(rendered.text).toContain(`Update your card: ${link}`);
  });

  it('sends nothing when the card was replaced before the reminder went out, and raises nothing once replaced', async () => {
    const { ledger, customer, card } = await expiringCustomer();
    await sweep();
    const swept = await sweptEvent(card.id);
    if (swept?.normalized.status !== 'normalized') throw new Error('swept event not normalized');
    await ledger.attachPaymentMethod(customer.id, { brand: 'visa', expMonth: next.expMonth, expYear: next.expYear + 3 }); // the new default
    const mailer = recordingMailer();
    const outcome = await runReminder(swept.normalized.event, mailer, 'card-expiring-replaced');
    expect(mailer.sent).toEqual([]);
    expect(outcome).toMatchObject({ status: 'completed', notes: [{ kind: 'skipped', step: 'send_customer_email', reason: 'the customer uses another payment method since the reminder was due' }] });
    // Another customer's card replaced before the sweep: no reminder at all.
    const early = await expiringCustomer();
    await early.ledger.attachPaymentMethod(early.customer.id, { brand: 'visa', expMonth: next.expMonth, expYear: next.expYear + 3 });
    await sweep();
    expect(await sweptEvent(early.card.id)).toBeUndefined();
  });

  it('sends nothing when the card\'s expiry was updated in place (an automatic card updater)', async () => {
    const { ledger, card } = await expiringCustomer();
    await sweep();
    const swept = await sweptEvent(card.id);
    if (swept?.normalized.status !== 'normalized') throw new Error('swept event not normalized');
    await ledger.updatePaymentMethod(card.id, { expMonth: next.expMonth, expYear: next.expYear + 4 });
    const mailer = recordingMailer();
    const outcome = await runReminder(swept.normalized.event, mailer, 'card-expiring-updated');
    expect(mailer.sent).toEqual([]);
    expect(outcome.notes).toMatchObject([{ kind: 'skipped', reason: 'the card details were updated since the reminder was due' }]);
  });
});
