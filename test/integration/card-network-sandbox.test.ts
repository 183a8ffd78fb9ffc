import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import type { AutomationDefinition, RetryPolicy } from '../../domain/automation';
import type { BillingEvent } from '../../domain/billing-event';
import { SandboxBillingProvider } from '../../providers/billing/sandbox/sandbox-billing.provider';
import { SandboxInvoices } from '../../providers/billing/sandbox/sandbox-invoices';
import { SandboxLedger, type NewPaymentMethod } from '../../providers/billing/sandbox/sandbox-ledger';
import type { ScriptedOutcome } from '../../services/common/database/entities/sandbox-payment-method.entity';
import { CardAttemptEntity, SandboxChargeEntity } from '../../services/common/database/entities';
import { dataSourceOptions } from '../../services/common/database/data-source-options';
import { CardAttemptRecorder } from '../../services/gateway/dispatcher/card-attempt-recorder.service';
import { PostgresCardAttemptLedger } from '../../services/worker/adapters/postgres-card-attempt-ledger';
import { paymentMethodUpdatedSignal, stateQuery } from '../../workflows/messages';
import { candidate, recipe1, version } from '../../testkit/automation-fixtures';
import { dispatch, type Dispatched } from '../../testkit/dispatch';
import { createTimeSkippingEnv, DAY, HOUR, withWorker, workflowBundle } from '../../testkit/time-skipping';
import { inMemoryDeps } from '../support/in-memory-ports';
import { eventsAbout } from '../support/sandbox-events';

// The card-network rules end to end in the sandbox: the sandbox ledger's scripted cards (decline code, network
// decline code, advice code), its own first charges booked as the dispatcher books them, the PostgreSQL card
// ledger, the real activities and the workflows on a time-skipping server (a fresh one per test, so the run
// clock starts at the time of the sandbox's own charges).

const decline = (declineCode: string, more: Partial<Extract<ScriptedOutcome, { outcome: 'decline' }>> = {}): ScriptedOutcome => ({ outcome: 'decline', declineCode, ...more });
const repeat = (n: number, o: ScriptedOutcome) => Array<ScriptedOutcome>(n).fill(o);

let dataSource: DataSource;
let bundle: WorkflowBundle;
let env: TestWorkflowEnvironment | undefined;

beforeAll(async () => {
  [dataSource, bundle] = await Promise.all([new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize(), workflowBundle()]);
});
beforeEach(async () => {
  env = await createTimeSkippingEnv();
});
afterEach(() => env?.teardown());
afterAll(() => dataSource?.destroy());

const automationOf = (policy: RetryPolicy) =>
  version({ ...recipe1, filters: undefined, steps: [{ type: 'retry_payment', policy }] } as AutomationDefinition, `auto_${randomUUID().slice(0, 8)}`);

/** A customer with one scripted card and `invoices` subscription invoices, each with the sandbox's own first charges made. */
async function cardOnInvoices(card: NewPaymentMethod, invoices: number, firstCharges = 1) {
  const ledger = new SandboxLedger(dataSource);
  const customer = await ledger.createCustomer({ email: 'card@customer.test' });
  const pm = await ledger.attachPaymentMethod(customer.id, card);
  const product = await ledger.createProduct('Pro');
  const price = await ledger.createPrice({ productId: product.id, unitAmount: 4900, currency: 'usd', interval: 'year' });
  const billing = new SandboxBillingProvider(dataSource);
  const recorder = new CardAttemptRecorder(dataSource);
  const triggers: BillingEvent[] = [];
  for (let i = 0; i < invoices; i++) {
    const sub = await ledger.createSubscription({ customerId: customer.id, priceId: price.id });
    const invoice = await new SandboxInvoices(dataSource).create({ customerId: customer.id, subscriptionId: sub.id });
    // The provider's own charges (like the sandbox API's /attempt): booked on the card from their events.
    for (let k = 1; k <= firstCharges; k++) await billing.payInvoice(invoice.id, { idempotencyKey: `first:${invoice.id}:${k}` });
    const failed = (await eventsAbout(dataSource, invoice.id)).filter((e) => e.type === 'invoice_payment_failed');
    for (const e of failed) {
      if (e.normalized.status !== 'normalized') throw new Error(`sandbox event not normalized: ${JSON.stringify(e.normalized)}`);
      await recorder.record(e.normalized.event, e.id);
    }
    const first = failed[0].normalized;
    if (first.status === 'normalized') triggers.push(first.event);
  }
  return { customer, pm, ledger, triggers };
}

const activities = () => createActivities(inMemoryDeps({ billing: new SandboxBillingProvider(dataSource), cardLedger: new PostgresCardAttemptLedger(dataSource) }));
const chargesOn = (fingerprint: string) => dataSource.manager.find(SandboxChargeEntity, { where: { cardFingerprint: fingerprint }, order: { createdAt: 'ASC' } });
const cardLog = (fingerprint: string) => dataSource.manager.find(CardAttemptEntity, { where: { fingerprint }, order: { attemptedAt: 'ASC' } });

/** Starts a run for each trigger, of one automation per policy given (the last one for the remaining triggers). */
async function startRuns(taskQueue: string, triggers: BillingEvent[], ...policies: RetryPolicy[]): Promise<Dispatched[]> {
  const automations = policies.map(automationOf);
  const runs: Dispatched[] = [];
  for (const [i, event] of triggers.entries()) runs.push(await dispatch(env!.client, taskQueue, event, [candidate(automations[Math.min(i, automations.length - 1)], 1)]));
  return runs;
}

/** The run's state once it has planned its next action. */
async function plannedState(handle: NonNullable<Dispatched['handle']>) {
  for (;;) {
    const state = await handle.query(stateQuery);
    if (state.nextAction) return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Most attempts of `times` within any window of `windowMs` ending at one of them. */
const mostWithin = (times: number[], windowMs: number) => Math.max(0, ...times.map((t) => times.filter((u) => u > t - windowMs && u <= t).length));

it('never charges a Mastercard again, in any run, after advice code 03, until its details change', async () => {
  const fingerprint = `fp-mc03-${randomUUID().slice(0, 8)}`;
  const { customer, ledger, triggers } = await cardOnInvoices({
    brand: 'mastercard', fingerprint, nextOutcomes: [decline('generic_decline'), decline('generic_decline'), decline('do_not_honor', { networkAdviceCode: '03' }), ...repeat(20, decline('generic_decline'))],
  }, 2);
  const taskQueue = 'sandbox-mc03';
  await withWorker(env!, bundle, taskQueue, activities(), async () => {
    // Two automations: the 1-week one retries first (its retry is told 03), the 2-week one later.
    const runs = await startRuns(taskQueue, triggers, { type: 'smart', window: '1w', maxRetries: 8 }, { type: 'smart', window: '2w', maxRetries: 8 });
    await env!.sleep(5 * DAY);
    // One retry reached the card and was told "do not try again"; the other run's retry was refused before the provider.
    expect((await chargesOn(fingerprint)).map((c) => c.networkAdviceCode)).toEqual([null, null, '03']);
    for (const { handle } of runs) {
      const state = await handle!.query(stateQuery);
      expect(state.retry?.awaitingPaymentMethod).toBe(true);
      expect(state.nextAction?.reason).toMatchObject({ kind: 'awaiting_new_card_details', declineClass: 'never_on_this_card', rule: 'mastercard-mac-03' });
    }
    // New card details (another payment method for the same card) lift the block: each run retries at once.
    await ledger.attachPaymentMethod(customer.id, { brand: 'mastercard', fingerprint, outcome: 'succeed' });
    for (const { handle } of runs) await handle!.signal(paymentMethodUpdatedSignal);
    for (const { handle } of runs) await expect(handle!.result()).resolves.toMatchObject({ status: 'recovered', attribution: 'card_update_retry' });
  });
  expect((await chargesOn(fingerprint)).map((c) => c.status)).toEqual(['failed', 'failed', 'failed', 'succeeded', 'succeeded']);
});

it('waits at least an hour after advice code 24, and the planned retry names the code', async () => {
  const fingerprint = `fp-mc24-${randomUUID().slice(0, 8)}`;
  const { triggers } = await cardOnInvoices({ brand: 'mastercard', fingerprint, nextOutcomes: [decline('generic_decline', { networkAdviceCode: '24' }), ...repeat(20, decline('generic_decline', { networkAdviceCode: '24' }))] }, 1);
  const taskQueue = 'sandbox-mc24';
  await withWorker(env!, bundle, taskQueue, activities(), async () => {
    const [{ handle }] = await startRuns(taskQueue, triggers, { type: 'smart', window: '1w', maxRetries: 8 });
    const planned = await plannedState(handle!);
    expect(planned.nextAction?.reason).toMatchObject({ kind: 'scheduled', slot: 1, adviceCode: '24', adviceWaitHours: 1, rule: 'mastercard-mac-24' });
    expect(planned.nextAction!.at - planned.attempts[0].at).toBeGreaterThanOrEqual(HOUR);
    await env!.sleep(8 * DAY);
    const state = await handle!.query(stateQuery);
    const times = state.attempts.filter((a) => a.status !== 'deferred').map((a) => a.at);
    expect(times.length).toBeGreaterThan(2);
    times.slice(1).forEach((t, i) => expect(t - times[i]).toBeGreaterThanOrEqual(HOUR));
    expect(state.attempts.filter((a) => a.source === 'run').every((a) => a.networkAdviceCode === '24')).toBe(true);
  });
});

it('charges one Mastercard on 5 invoices at most 10 times in any 24 h and 35 in 30 days, and the cap never runs past a window', async () => {
  const fingerprint = `fp-mc5-${randomUUID().slice(0, 8)}`;
  const { triggers } = await cardOnInvoices({ brand: 'mastercard', fingerprint, nextOutcomes: repeat(60, decline('generic_decline')) }, 5);
  const taskQueue = 'sandbox-mc5';
  await withWorker(env!, bundle, taskQueue, activities(), async () => {
    const runs = await startRuns(taskQueue, triggers, { type: 'smart', window: '1w', maxRetries: 8 });
    for (const { handle } of runs) await expect(handle!.result()).resolves.toMatchObject({ status: 'completed' });
  });
  const log = await cardLog(fingerprint);
  const times = log.map((a) => a.attemptedAt.getTime());
  expect(mostWithin(times, DAY)).toBeLessThanOrEqual(10);
  expect(mostWithin(times, 30 * DAY)).toBeLessThanOrEqual(35);
  expect(log.length).toBeLessThan(5 + 5 * 8); // the budgets refused some retries
  expect((await chargesOn(fingerprint)).length).toBe(log.length); // every charge is in the log, once
  expect(Math.max(...times)).toBeLessThan(Math.min(...times) + 7 * DAY + HOUR); // no deferral past the 1-week window
});

it('charges a Visa card at most 20 times in 30 days, counting the provider\'s own first attempts', async () => {
  const fingerprint = `fp-visa-${randomUUID().slice(0, 8)}`;
  // Two invoices; the provider made 3 charges on each before dunning (6 attempts), then 8 daily retries each.
  const { triggers } = await cardOnInvoices({ brand: 'visa', fingerprint, nextOutcomes: repeat(40, decline('insufficient_funds', { networkDeclineCode: '51' })) }, 2, 3);
  const taskQueue = 'sandbox-visa';
  await withWorker(env!, bundle, taskQueue, activities(), async () => {
    const runs = await startRuns(taskQueue, triggers, { type: 'custom', days: [1, 1, 1, 1, 1, 1, 1, 1] });
    for (const { handle } of runs) await expect(handle!.result()).resolves.toMatchObject({ status: 'completed' });
  });
  const times = (await cardLog(fingerprint)).map((a) => a.attemptedAt.getTime());
  expect(times).toHaveLength(20); // 6 by the provider + 14 of the 16 planned retries
  expect(mostWithin(times, 30 * DAY)).toBe(20);
  expect(await chargesOn(fingerprint)).toHaveLength(20);
});

it('never retries a card after a Visa category-1 decline (R1, revocation of authorization)', async () => {
  const fingerprint = `fp-visa-r1-${randomUUID().slice(0, 8)}`;
  const { triggers } = await cardOnInvoices({ brand: 'visa', fingerprint, nextOutcomes: [decline('generic_decline', { networkDeclineCode: 'R1' }), decline('generic_decline'), ...repeat(20, decline('generic_decline'))] }, 2);
  const taskQueue = 'sandbox-visa-r1';
  await withWorker(env!, bundle, taskQueue, activities(), async () => {
    const runs = await startRuns(taskQueue, triggers, { type: 'smart', window: '1w', maxRetries: 8 });
    for (const { handle } of runs) await expect(handle!.result()).resolves.toMatchObject({ status: 'completed' });
  });
  // The first invoice's first charge said R1; the second invoice's first charge was the provider's own, and
  // no run charged the card afterwards.
  expect((await chargesOn(fingerprint)).map((c) => c.networkDeclineCode)).toEqual(['R1', null]);
});
