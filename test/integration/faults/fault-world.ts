import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { AutomationDefinition } from '../../../domain/automation';
import { SandboxInvoices } from '../../../providers/billing/sandbox/sandbox-invoices';
import { SandboxLedger } from '../../../providers/billing/sandbox/sandbox-ledger';
import type { AdminApp } from '../../e2e/admin-helpers';
import { body } from '../../e2e/admin-helpers';
import { loadFactor, waitVerdict, type WaitPolicy, type WaitVerdict } from '../../../testkit/faults/run-wait';
import { eventually } from '../../support/ingestion-app';

/*
 * The world every fault scenario shares: sandbox subjects (customer, card that pays, subscription, open invoice),
 * one automation that emails the customer and then charges, generic `invoice_payment_failed` events about the
 * subjects, and the figures read back from PostgreSQL (runs, charges and emails per subject).
 */

/** The scenario sizes: `FAULTS_SCALE=full` (make faults) runs the sizes the reliability page reports. */
export const FULL = process.env.FAULTS_SCALE === 'full';
export const size = (small: number, full: number): number => (FULL ? full : small);

/** Email first, then one charge a day later (DAY_DURATION is short here): each run ends `recovered`. */
export const faultAutomation: AutomationDefinition = {
  name: 'Fault suite dunning',
  trigger: { type: 'subscription_payment_failed' },
  steps: [
    { type: 'send_customer_email', template: 'payment_failed' },
    { type: 'retry_payment', policy: { type: 'custom', days: [1] } },
  ],
} as AutomationDefinition;

/** One sandbox subject: the invoice a run dunns, its customer and subscription. */
export interface Subject { customerId: string; subscriptionId: string; invoiceId: string; priceId: string; productId: string }

/** Creates `n` subjects directly in the sandbox ledger (its events match no automation of the suite). */
export async function createSubjects(dataSource: DataSource, n: number): Promise<Subject[]> {
  const ledger = new SandboxLedger(dataSource);
  const invoices = new SandboxInvoices(dataSource);
  const product = await ledger.createProduct('Pro');
  const price = await ledger.createPrice({ productId: product.id, unitAmount: 4_900, currency: 'usd', interval: 'month' });
  const subjects: Subject[] = [];
  for (let i = 0; i < n; i++) {
    const customer = await ledger.createCustomer({ email: `fault-${i}@customer.test`, name: `Fault ${i}` });
    await ledger.attachPaymentMethod(customer.id, { brand: 'visa', outcome: 'succeed' });
    const subscription = await ledger.createSubscription({ customerId: customer.id, priceId: price.id });
    const invoice = await invoices.create({ customerId: customer.id, subscriptionId: subscription.id, priceId: price.id, amountDue: 4_900, currency: 'usd' });
    subjects.push({ customerId: customer.id, subscriptionId: subscription.id, invoiceId: invoice.id, priceId: price.id, productId: product.id });
  }
  return subjects;
}

/** The first failed attempt of a subject's invoice as a generic event (`POST /v1/events`), with a fixed id. */
export function paymentFailed(s: Subject, id = `evt_fault_${randomUUID()}`) {
  const line = { price_id: s.priceId, product_id: s.productId, interval: 'month' };
  return {
    id, type: 'invoice_payment_failed', occurred_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    customer: { id: s.customerId },
    invoice: { id: s.invoiceId, customer_id: s.customerId, subscription_id: s.subscriptionId, status: 'open', amount_due: 4_900, currency: 'usd', lines: [line] },
    subscription: { id: s.subscriptionId, customer_id: s.customerId, status: 'past_due', items: [line] },
    attempt: { number: 1, decline_code: 'insufficient_funds' },
  };
}

/** Creates the suite's automation through the admin API. */
export async function createFaultAutomation(api: AdminApp): Promise<string> {
  const res = await api.post('/v1/automations', body(faultAutomation));
  if (res.status !== 201) throw new Error(`automation refused: ${res.status} ${res.text}`);
  return res.body.id;
}

/** Posts one event with the admin key; answers the HTTP status (never throws on a refused connection). */
export async function postEvent(api: AdminApp, event: object): Promise<number> {
  try {
    return (await api.post('/v1/events', event)).status;
  } catch {
    return 0;
  }
}

/** Per-subject figures: runs, charges, emails; and the worst of each. */
export interface SideEffects { runs: number; running: number; charges: number; emails: number; duplicateCharges: number; duplicateEmails: number; subjectsWithoutRun: number }

/** Reads what happened to each subject from the projection, the sandbox charges and the emails table. */
export async function sideEffects(dataSource: DataSource, subjects: Subject[]): Promise<SideEffects> {
  const ids = subjects.map((s) => s.invoiceId);
  const rows: { invoice_id: string; runs: number; running: number; charges: number; emails: number }[] = await dataSource.query(`
    SELECT i.id AS invoice_id,
      (SELECT count(*)::int FROM runs r WHERE r.invoice_id = i.id) AS runs,
      (SELECT count(*)::int FROM runs r WHERE r.invoice_id = i.id AND r.status = 'running') AS running,
      (SELECT count(*)::int FROM sandbox_charges c WHERE c.invoice_id = i.id) AS charges,
      (SELECT count(*)::int FROM emails e WHERE e.run_id IN (SELECT id FROM runs r WHERE r.invoice_id = i.id)) AS emails
    FROM unnest($1::text[]) AS i(id)`, [ids]);
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0);
  return {
    runs: sum((r) => r.runs), running: sum((r) => r.running), charges: sum((r) => r.charges), emails: sum((r) => r.emails),
    duplicateCharges: sum((r) => Math.max(0, r.charges - 1)), duplicateEmails: sum((r) => Math.max(0, r.emails - 1)),
    subjectsWithoutRun: rows.filter((r) => r.runs === 0).length,
  };
}

/** How a wait for the runs went: how long, and why it stopped. */
export interface RunWait { verdict: WaitVerdict; waitedMs: number }

/** What moves while runs progress: rows, steps recorded on their timelines, ends, charges and emails. */
async function progressOf(dataSource: DataSource, ids: string[], fx: SideEffects): Promise<string> {
  const [{ steps }] = await dataSource.query(
    `SELECT count(*)::int AS steps FROM run_steps WHERE run_id IN (SELECT id FROM runs WHERE invoice_id = ANY($1::text[]))`, [ids]);
  return `${fx.runs}/${fx.running}/${fx.charges}/${fx.emails}/${steps}`;
}

/**
 * Waits until every subject's run has ended, for as long as the runs keep moving: it stops early only when
 * nothing moved for the policy's stall window (scaled by the machine's load, `testkit/faults/run-wait.ts`),
 * or at its cap. Answers the side effects and how the wait went; the figures say what did not end.
 */
export async function whenAllEnded(dataSource: DataSource, subjects: Subject[], policy: WaitPolicy): Promise<SideEffects & { wait: RunWait }> {
  const ids = subjects.map((s) => s.invoiceId);
  const startedAt = Date.now();
  let movedAt = startedAt;
  let last = '';
  for (;;) {
    const fx = await sideEffects(dataSource, subjects);
    const progress = await progressOf(dataSource, ids, fx);
    const now = Date.now();
    if (progress !== last) [last, movedAt] = [progress, now];
    const verdict = waitVerdict(policy, { left: fx.running + fx.subjectsWithoutRun, startedAt, movedAt, now, factor: loadFactor() });
    if (verdict !== 'wait') return { ...fx, wait: { verdict, waitedMs: now - startedAt } };
    await delay(250);
  }
}

/** The wait as one figure: `41.2 s, ended` (or `stalled`: nothing moved for the stall window; `capped`). */
export const waitFigure = (w: RunWait): string => `${(w.waitedMs / 1000).toFixed(1)} s, ${w.verdict}`;

/** Workflows of the scenario's task queue still open in Temporal (visibility is eventually consistent: waits a little for 0). */
export async function openInTemporal(client: Client, taskQueue: string): Promise<number> {
  const count = async () => (await client.workflow.count(`TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`)).count;
  return eventually(async () => ((await count()) === 0 ? 0 : undefined), 10_000).catch(count);
}

/** Accepted events of the suite (by id prefix) that are not dispatched yet. */
export async function undispatched(dataSource: DataSource): Promise<number> {
  const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM events WHERE provider_event_id LIKE 'evt_fault_%' AND status <> 'dispatched'`);
  return n;
}

export { request };
