import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEventSender } from '../../services/reference-billing/reference-events';
import { body, KEY, recipe1, recipe2, recipe3, startAdminApp, type AdminApp } from '../e2e/admin-helpers';
import { deadlineWorkflowId } from '../../domain/triggers';
import { eventually, isolatedDatabase, temporalClient } from '../support/ingestion-app';
import { endedRun, runOf, startWorkerApp, workerEnv } from '../support/recipes-world';
import { startReferenceBilling, type ReferenceBilling } from '../support/reference-billing';

jest.setTimeout(180_000);

/** One "day": recipe 1 (60-day window + 7-day grace) plays out in about 17 s. */
const DAY_MS = 250;

/*
 * A billing system other than Stripe, simulated by the reference server: the engine hears about it only through
 * generic events (`POST /v1/events`) and acts on it only through the HTTP billing contract (BILLING_PROVIDER=http).
 * The reference server posts its own changes back as generic events, as a real system's webhooks would.
 */
describe('the three recipes through generic events and BILLING_PROVIDER=http', () => {
  let ref: ReferenceBilling;
  let refDb: Awaited<ReturnType<typeof isolatedDatabase>>;
  let api: AdminApp;
  let worker: { close(): Promise<void> };
  let sender: { stop(): Promise<void> };
  let server: Server;
  const ids = { recipe1: '', recipe2: '', recipe3: '' };

  beforeAll(async () => {
    refDb = await isolatedDatabase();
    ref = await startReferenceBilling(refDb.url);
    const billing = { BILLING_PROVIDER: 'http', BILLING_HTTP_URL: ref.url, BILLING_HTTP_SECRET: ref.secret, DAY_DURATION: `${DAY_MS}ms` };
    api = await startAdminApp(billing);
    worker = await startWorkerApp(workerEnv(api, billing));
    server = await new Promise<Server>((resolve) => { const s = api.app.getHttpServer().listen(0, '127.0.0.1', () => resolve(s)); });
    sender = startEventSender(ref.ledger, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: KEY }, 100);
    for (const [key, def] of [['recipe1', recipe1], ['recipe2', recipe2], ['recipe3', recipe3]] as const) {
      const res = await api.post('/v1/automations', body(def));
      if (res.status !== 201) throw new Error(`creating ${key}: ${res.status} ${res.text}`);
      ids[key] = res.body.id;
    }
  });
  afterAll(async () => {
    await sender?.stop();
    await worker?.close();
    await api?.close();
    await ref?.close();
    await refDb?.drop();
  });

  /** A customer of the billing system with a card whose charges get `script`, and a Pro subscription. */
  async function customerOnPro(interval: 'year' | 'month', script: { decline_code?: string } | null = null) {
    const s = randomUUID().slice(0, 8);
    const customer = { id: `cust_${s}`, email: `${s}@customer.test`, name: `Customer ${s}`, default_payment_method_id: `pm_${s}` };
    const item = { price_id: `price_pro_${interval}`, product_id: 'prod_pro', interval };
    const subscription = { id: `sub_${s}`, customer_id: customer.id, status: 'past_due', items: [item] };
    await ref.put('payment-methods', { id: `pm_${s}`, customer_id: customer.id, card_brand: 'visa', fingerprint: `fp_${s}` }, script);
    await ref.put('customers', customer);
    await ref.put('subscriptions', subscription);
    return { s, customer, subscription, item };
  }

  const post = async (event: Record<string, unknown>) => {
    const res = await api.post('/v1/events', event);
    if (res.status !== 202) throw new Error(`POST /v1/events answered ${res.status}: ${res.text}`);
  };
  const emailsOf = async (runId: string) => (await api.get(`/v1/emails?runId=${encodeURIComponent(runId)}`).expect(200)).body.data;
  const actionsOn = async (...objectIds: string[]) => (await ref.actions()).filter((a) => objectIds.includes(a.object_id)).map((a) => `${a.operation}:${String(a.answer.status)}`);

  it('recipe 1: an annual invoice whose card keeps declining → 8 charges, cancel and uncollectible in the ledger; its cancellation event starts recipe 3', async () => {
    const { s, customer, subscription, item } = await customerOnPro('year', { decline_code: 'insufficient_funds' });
    const invoice = { id: `inv_${s}`, customer_id: customer.id, subscription_id: subscription.id, status: 'open', amount_due: 120_000, currency: 'usd', attempt_count: 1, lines: [item] };
    await ref.put('invoices', invoice);
    await post({ id: `evt_${s}_1`, type: 'invoice_payment_failed', occurred_at: new Date().toISOString(), customer, invoice,
      attempt: { number: 1, decline_code: 'insufficient_funds', payment_method_id: customer.default_payment_method_id } });

    const run = await runOf(api, `invoiceId=${invoice.id}&automationId=${ids.recipe1}`);
    const ended = await endedRun(api, run.id, 120_000);
    expect(ended).toMatchObject({ status: 'completed', outcome: 'invoice_marked_uncollectible', recoveredAmount: 0 });
    expect(await actionsOn(invoice.id, subscription.id)).toEqual([
      ...Array(8).fill('invoice.charge:failed'), 'subscription.cancel:canceled', 'invoice.mark_uncollectible:uncollectible',
    ]);
    expect(await ref.get('invoices', invoice.id)).toMatchObject({ status: 'uncollectible', attempt_count: 9 });

    // The reference server reported the cancellation as a generic event: recipe 3 thanks the customer.
    const confirmation = await runOf(api, `subscriptionId=${subscription.id}&automationId=${ids.recipe3}`);
    expect(await endedRun(api, confirmation.id)).toMatchObject({ status: 'completed', outcome: 'all_steps_done' });
    expect(await emailsOf(confirmation.id)).toMatchObject([{ template: 'cancellation_confirmation', to: [customer.email], status: 'sent' }]);
  });

  it('recipe 1 recovers: the second retry pays, the ledger shows one decline and one payment, nothing canceled', async () => {
    const { s, customer, subscription, item } = await customerOnPro('year');
    await ref.put('payment-methods', { id: `pm_${s}`, customer_id: customer.id, card_brand: 'visa', fingerprint: `fp_${s}` }, { decline_code: 'insufficient_funds', declines: 1 });
    const invoice = { id: `inv_${s}`, customer_id: customer.id, subscription_id: subscription.id, status: 'open', amount_due: 120_000, currency: 'usd', attempt_count: 1, lines: [item] };
    await ref.put('invoices', invoice);
    await post({ id: `evt_${s}_1`, type: 'invoice_payment_failed', occurred_at: new Date().toISOString(), invoice, attempt: { number: 1, decline_code: 'insufficient_funds' } });
    const run = await runOf(api, `invoiceId=${invoice.id}&automationId=${ids.recipe1}`);
    expect(await endedRun(api, run.id, 120_000)).toMatchObject({ status: 'recovered', recoveredAmount: 120_000 });
    expect(await actionsOn(invoice.id, subscription.id)).toEqual(['invoice.charge:failed', 'invoice.charge:succeeded']);
  });

  it('recipe 2: a send_invoice invoice finalized with a due date → the derived overdue event → one memo to finance', async () => {
    const { s, customer } = await customerOnPro('month');
    const invoice = { id: `inv_${s}`, number: `REF-${s}`, customer_id: customer.id, status: 'open', collection_method: 'send_invoice', amount_due: 75_000, currency: 'usd', due_date: new Date().toISOString() };
    await ref.put('invoices', invoice);
    await post({ id: `evt_${s}_fin`, type: 'invoice_finalized', occurred_at: new Date().toISOString(), customer, invoice });
    const run = await runOf(api, `invoiceId=${invoice.id}&automationId=${ids.recipe2}`);
    expect(await endedRun(api, run.id)).toMatchObject({ status: 'completed', outcome: 'all_steps_done', amountDue: 75_000 });
    const [memo] = await emailsOf(run.id);
    expect(memo).toMatchObject({ template: 'team_memo', to: ['finance@acme.test'], status: 'sent' });
    expect(memo.text).toContain(`Customer: ${customer.name} <${customer.email}> (${customer.id})`);
    expect(memo.text).toContain(`Invoice: ${invoice.number}: $750.00 of $750.00 due`);
  });

  it('recipe 2 when the billing system has nothing to read: the facts the event carried are used, the deadline never fails', async () => {
    const s = randomUUID().slice(0, 8);
    const customer = { id: `cust_${s}`, email: `${s}@customer.test`, name: 'Only In The Event' };
    const invoice = { id: `inv_${s}`, number: `EVT-${s}`, customer_id: customer.id, status: 'open', collection_method: 'send_invoice', amount_due: 90_000, currency: 'usd', due_date: new Date().toISOString() };
    await post({ id: `evt_${s}_fin`, type: 'invoice_finalized', occurred_at: new Date().toISOString(), customer, invoice });
    const run = await runOf(api, `invoiceId=${invoice.id}&automationId=${ids.recipe2}`);
    expect(await endedRun(api, run.id)).toMatchObject({ status: 'completed', outcome: 'all_steps_done', amountDue: 90_000 });
    const [memo] = await emailsOf(run.id);
    expect(memo.text).toContain(`Customer: Only In The Event <${customer.email}> (${customer.id})`);
    // The deadline workflow read the invoice from the event's facts: it ended well, its derived event was dispatched.
    const deadline = (await temporalClient()).workflow.getHandle(deadlineWorkflowId(invoice.id));
    await expect(deadline.result()).resolves.toBeDefined();
    expect((await deadline.describe()).status.name).toBe('COMPLETED');
    const [derived] = await api.db.dataSource.query(`SELECT status FROM events WHERE provider = 'system' AND provider_event_id = $1`, [`derived:invoice_overdue:${invoice.id}:7`]);
    expect(derived).toEqual({ status: 'dispatched' });
  });

  it('recipe 3: a generic subscription_canceled → the confirmation to the address the billing system holds', async () => {
    const { s, customer, subscription, item } = await customerOnPro('month');
    await post({ id: `evt_${s}_del`, type: 'subscription_canceled', occurred_at: new Date().toISOString(),
      subscription: { ...subscription, status: 'canceled', canceled_at: new Date().toISOString(), items: [item] } });
    const run = await runOf(api, `subscriptionId=${subscription.id}&automationId=${ids.recipe3}`);
    expect(await endedRun(api, run.id)).toMatchObject({ status: 'completed', outcome: 'all_steps_done', customerId: customer.id });
    const [email] = await emailsOf(run.id);
    expect(email).toMatchObject({ template: 'cancellation_confirmation', to: [customer.email], status: 'sent' });
    expect(email.text).toContain(`Hi ${customer.name},`);
  });
  it('the documented generic examples (docs/generic-events.md), posted in order: each dispatched, none failing, the runs they start end as documented', async () => {
    const doc = readFileSync(path.resolve(__dirname, '../../docs/generic-events.md'), 'utf8');
    const examples: Record<string, any>[] = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));
    expect(examples.length).toBeGreaterThanOrEqual(11);
    // The examples' EUR invoice is over the memo threshold in its own currency: a twin of recipe 2 in euros.
    const eur = await api.post('/v1/automations', body({ ...recipe2, name: 'Large overdue EUR invoices', filters: { type: 'invoice_amount', currency: 'eur', min: 100_000 } }));
    expect(eur.status).toBe(201);
    // The billing system holds what each event says, as of that event (its webhooks report its own state).
    const kinds = { customer: 'customers', invoice: 'invoices', subscription: 'subscriptions', payment_method: 'payment-methods' } as const;
    for (const example of examples) {
      for (const [part, kind] of Object.entries(kinds)) if (example[part]) await ref.put(kind, example[part], kind === 'payment-methods' ? { decline_code: 'insufficient_funds' } : undefined);
      if (example.invoice && !(await ref.get('customers', example.invoice.customer_id))) await ref.put('customers', { id: example.invoice.customer_id });
      await post(example);
      // In order, as the system sent them: each is dispatched before the next arrives.
      await eventually(async () => {
        const [row] = await api.db.dataSource.query(`SELECT status, error FROM events WHERE provider = 'generic' AND provider_event_id = $1`, [example.id]);
        return row && row.status !== 'received' && row;
      }).then((row) => expect({ id: example.id, status: row.status }).toEqual({ id: example.id, status: 'dispatched' }));
    }
    const run1 = await runOf(api, `invoiceId=inv_1001&automationId=${ids.recipe1}`);
    expect(await endedRun(api, run1.id)).toMatchObject({ status: 'recovered' });
    const run3 = await runOf(api, `subscriptionId=sub_7&automationId=${ids.recipe3}`);
    expect(await endedRun(api, run3.id)).toMatchObject({ status: 'completed', outcome: 'all_steps_done' });
    expect(await emailsOf(run3.id)).toMatchObject([{ template: 'cancellation_confirmation', to: ['billing@acme.io'], status: 'sent' }]);
    const memoRun = await runOf(api, `invoiceId=inv_1004&automationId=${eur.body.id}`);
    expect(await endedRun(api, memoRun.id)).toMatchObject({ status: 'completed', outcome: 'all_steps_done' });
    expect(await emailsOf(memoRun.id)).toMatchObject([{ template: 'team_memo', to: ['finance@acme.test'], status: 'sent' }]);
    const deadline = (await temporalClient()).workflow.getHandle(deadlineWorkflowId('inv_1004'));
    await deadline.result();
    expect((await deadline.describe()).status.name).toBe('COMPLETED');
    const failed = (await api.get('/v1/runs?status=failed').expect(200)).body.data;
    expect(failed).toEqual([]);
  });
});
